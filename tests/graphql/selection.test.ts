import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '../../src/graphql/selection';

const schema = buildSchema(`
  type Query { list: Connection }
  type Connection { nodes: [Item] edges: [Edge] total: Int }
  type Edge { node: Item cursor: String }
  type Item { a: Int b: Int c: Int d: Int }
`);

async function selectedBy(query: string): Promise<string[]> {
  let seen: Set<string> | undefined;
  const rootValue = {
    list: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      seen = selectedFields(info, ['nodes'], ['edges', 'node']);
      return { nodes: [], edges: [] };
    },
  };
  const result = await graphql({ schema, source: query, rootValue });
  expect(result.errors).toBeUndefined();
  return [...seen!].sort();
}

it('reads the fields of the items of a connection, through nodes and edges', async () => {
  expect(await selectedBy('{ list { total nodes { a } edges { cursor node { b } } } }')).toEqual(['a', 'b']);
});

it('follows named and inline fragments at any level, and aliases do not hide a field', async () => {
  const query = `
    { list { ...Outer edges { node { ... on Item { c } } } } }
    fragment Outer on Connection { nodes { ...Inner renamed: d } }
    fragment Inner on Item { a }`;
  expect(await selectedBy(query)).toEqual(['a', 'c', 'd']);
});

it('is empty when the items are not selected', async () => {
  expect(await selectedBy('{ list { total } }')).toEqual([]);
});
