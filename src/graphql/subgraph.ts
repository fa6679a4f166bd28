/**
 * The schema as an Apollo Federation 2 subgraph, for `serve --subgraph`: the public schema
 * with its `@key` directives, `_service { sdl }` and `_entities`. Type-GraphQL keeps the
 * directives in the types' AST nodes, which `printSchema` drops and `printSchemaWithDirectives`
 * keeps (the path of Type-GraphQL's own Federation 2 example).
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { graphql, isInterfaceType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { GatewayContext } from './context';
import { fromGlobalId, type NodeTypeName } from './global-id';
import { loadNode } from './node-lookup';
import { asNode } from './node.interface';
import { gatewaySchema } from './schema';

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

const ENTITY_TYPES: readonly NodeTypeName[] = ['Article', 'Section', 'Category', 'Author', 'Tag'];

/** A representation as the router sends it: the type name and one of the type's keys. */
interface Representation {
  id?: unknown;
  slug?: unknown;
}

/**
 * Each representation loads through the request's loaders, so a page of them costs one batch
 * per kind. A global id of another type than the representation's names nothing here.
 */
function resolveReference(type: NodeTypeName) {
  return async (reference: Representation, context: GatewayContext): Promise<object | null> => {
    if (type === 'Article' && typeof reference.slug === 'string') {
      const article = await context.loaders.articles.load(reference.slug);
      return article && asNode(type, article);
    }
    if (typeof reference.id !== 'string' || fromGlobalId(reference.id)?.type !== type) return null;
    return loadNode(context, reference.id);
  };
}

const built = new Map<boolean, Promise<GraphQLSchema>>();

/** Built once per process, like the public schema it is made from. */
export function subgraphSchema(options: { surrogateKeys?: boolean } = {}): Promise<GraphQLSchema> {
  const surrogateKeys = options.surrogateKeys ?? false;
  const known = built.get(surrogateKeys);
  if (known !== undefined) return known;
  const building = gatewaySchema({ surrogateKeys }).then((schema) => {
    const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
    for (const type of ENTITY_TYPES) {
      // The map's types know field resolvers only; `__resolveReference` is read by name.
      resolvers[type] = Object.assign({}, resolvers[type], { __resolveReference: resolveReference(type) });
    }
    // Loaded with `--subgraph` only: the federation libraries are a large share of the modules a start loads.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load; import() would go through the ESM loader
    const { buildSubgraphSchema } = require('@apollo/subgraph') as typeof import('@apollo/subgraph');
    const subgraph = buildSubgraphSchema({ typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), resolvers });
    carryFieldExtensions(schema, subgraph);
    return subgraph;
  });
  built.set(surrogateKeys, building);
  return building;
}

/**
 * The SDL does not hold the fields' extensions (the cost limit's `listSize`), so the subgraph built from it
 * takes them from the schema it was printed from.
 */
function carryFieldExtensions(from: GraphQLSchema, to: GraphQLSchema): void {
  for (const type of Object.values(from.getTypeMap())) {
    const target = to.getType(type.name);
    if (!(isObjectType(type) || isInterfaceType(type)) || !(isObjectType(target) || isInterfaceType(target))) continue;
    const targetFields = target.getFields();
    for (const field of Object.values(type.getFields())) {
      const targetField = targetFields[field.name] as (typeof targetFields)[string] | undefined;
      if (targetField) targetField.extensions = { ...targetField.extensions, ...field.extensions };
    }
  }
}

/** The SDL committed as `schema/subgraph.graphql`: what `_service { sdl }` answers, which composition reads. */
export async function printSubgraphSdl(): Promise<string> {
  const result = await graphql({ schema: await subgraphSchema(), source: '{ _service { sdl } }' });
  const sdl = (result.data as { _service: { sdl: string } } | undefined)?._service.sdl;
  if (sdl === undefined) throw new Error(`the subgraph did not print its SDL: ${JSON.stringify(result.errors)}`);
  return `${sdl}\n`;
}
