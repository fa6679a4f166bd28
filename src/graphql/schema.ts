import 'reflect-metadata';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ArchiveResolver } from './archive.resolver';
import { ArticleResolver } from './article.resolver';
import { ArticleSiteResolver } from './article-site.resolver';
import { AuthorResolver } from './author.resolver';
import { TagResolver } from './tag.resolver';
import { ArticleNeighboursResolver } from './article-neighbours.resolver';
import { ArticleRelatedResolver, RelatedArticleResolver } from './article-related.resolver';
import { ArticleTocResolver } from './article-toc.resolver';
import { CategoryResolver } from './category.resolver';
import { contentChangedField } from './content-changed.field';
import { ContentChangedType } from './content-changed.type';
import { ContentStatusResolver } from './content-status.resolver';
import { LeadResolver } from './lead.resolver';
import { AuthorUrlResolver, CategoryUrlResolver, TagUrlResolver } from './listing-url.resolver';
import { nodeTypeOf } from './node.interface';
import { NodeResolver } from './node.resolver';
import { SearchHighlightResolver } from './search-highlight.resolver';
import { SearchResolver } from './search.resolver';
import { SectionResolver } from './section.resolver';
import { recordSurrogateKeys } from './surrogate-key-fields';

/** Without and with the surrogate-key recording, which only a CDN needs. */
const built = new Map<boolean, Promise<GraphQLSchema>>();

/**
 * The schema is the same for every server in the process; build it once. With
 * `surrogateKeys` the fields that hand out objects record them for `Surrogate-Key`
 * (`surrogate-key-fields.ts`); without, plain fields keep no resolver of their own.
 */
export function gatewaySchema({ surrogateKeys = false }: { surrogateKeys?: boolean } = {}): Promise<GraphQLSchema> {
  const known = built.get(surrogateKeys);
  if (known !== undefined) return known;
  const building = buildSchema({
    resolvers: [
      ArticleResolver,
      ArticleNeighboursResolver,
      ArticleTocResolver,
      ArticleRelatedResolver,
      RelatedArticleResolver,
      ArticleSiteResolver,
      SectionResolver,
      LeadResolver,
      CategoryResolver,
      AuthorResolver,
      TagResolver,
      CategoryUrlResolver,
      AuthorUrlResolver,
      TagUrlResolver,
      NodeResolver,
      ContentStatusResolver,
      SearchResolver,
      SearchHighlightResolver,
      ArchiveResolver,
    ],
    orphanedTypes: [ContentChangedType],
    scalarsMap: [{ type: Date, scalar: GraphQLDateTimeISO }],
    validate: false,
  }).then((schema) => (surrogateKeys ? recordSurrogateKeys(completeRootTypes(schema)) : completeRootTypes(schema)));
  built.set(surrogateKeys, building);
  return building;
}

/**
 * Type-GraphQL has no way to describe the root type, and the IDE's docs panel opens on it.
 * The subscription root is added here because its events come through the context, which
 * Type-GraphQL's subscriptions (built around one global PubSub) do not allow for.
 */
function completeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  resolveNodeTypesSynchronously(schema);
  const config = schema.toConfig();
  const generated = config.query;
  if (!generated) throw new Error('the generated schema has no Query type');
  const query = new GraphQLObjectType({
    ...generated.toConfig(),
    description: 'Read access to the published content: articles, their categories, authors and tags.',
  });
  const subscription = new GraphQLObjectType({
    name: 'Subscription',
    description: 'Events about the served content, over WebSocket (graphql-ws protocol) at the GraphQL endpoint.',
    fields: { contentChanged: contentChangedField(schema.getType('ContentChanged') as GraphQLObjectType) },
  });
  return new GraphQLSchema({ ...config, query, subscription, types: config.types.filter((type) => type !== generated) });
}

/** See `node.interface.ts`: the type a node lookup handed a value out as, returned, not promised. */
function resolveNodeTypesSynchronously(schema: GraphQLSchema): void {
  const node = schema.getType('Node');
  if (!(node instanceof GraphQLInterfaceType)) throw new Error('the generated schema has no Node interface');
  node.resolveType = nodeTypeOf;
}

/** The SDL committed as `schema/schema.graphql`. */
export async function printGatewaySchema(): Promise<string> {
  return `${printSchema(await gatewaySchema())}\n`;
}
