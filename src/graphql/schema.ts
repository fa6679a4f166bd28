import 'reflect-metadata';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { GraphQLObjectType, GraphQLSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ArticleResolver } from './article.resolver';
import { AuthorResolver, TagResolver } from './article-group.resolver';
import { CategoryResolver } from './category.resolver';
import { ContentStatusResolver } from './content-status.resolver';
import { LeadResolver } from './lead.resolver';
import { NodeResolver } from './node.resolver';
import { SectionResolver } from './section.resolver';

let built: Promise<GraphQLSchema> | undefined;

/** The schema is the same for every server in the process; build it once. */
export function gatewaySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      ArticleResolver,
      SectionResolver,
      LeadResolver,
      CategoryResolver,
      AuthorResolver,
      TagResolver,
      NodeResolver,
      ContentStatusResolver,
    ],
    scalarsMap: [{ type: Date, scalar: GraphQLDateTimeISO }],
    validate: false,
  }).then(describeQueryType);
  return built;
}

/** Type-GraphQL has no way to describe the root type, and the IDE's docs panel opens on it. */
function describeQueryType(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const generated = config.query!;
  const query = new GraphQLObjectType({
    ...generated.toConfig(),
    description: 'Read access to the published content: articles, their categories, authors and tags.',
  });
  return new GraphQLSchema({ ...config, query, types: config.types.filter((type) => type !== generated) });
}

/** The SDL committed as `schema/schema.graphql`. */
export async function printGatewaySchema(): Promise<string> {
  return `${printSchema(await gatewaySchema())}\n`;
}
