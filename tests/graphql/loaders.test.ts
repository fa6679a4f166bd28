import { startTestServer, type TestServer } from '../helpers/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ debug: true });
});
afterAll(() => server.close());

const N_PLUS_ONE = `
  query Heavy($first: Int) {
    articles(first: $first) {
      nodes {
        author { name articleCount }
        categories { name parent { name } }
        tags { name }
        sections { heading }
      }
    }
  }`;

type Counts = Record<string, { batches: number; keys: number }>;

async function loaderCounts(first: number): Promise<Counts> {
  const body = await server.request(N_PLUS_ONE, { first });
  expect(body.errors).toBeUndefined();
  expect(body.data.articles.nodes.length).toBe(Math.min(first, 29));
  return body.extensions!.loaders as Counts;
}

describe('DataLoader batching', () => {
  it('makes as many batch calls for 50 articles as for 5', async () => {
    const few = await loaderCounts(5);
    const many = await loaderCounts(50);
    const batches = (counts: Counts) => Object.fromEntries(Object.entries(counts).map(([name, { batches }]) => [name, batches]));
    expect(batches(many)).toEqual(batches(few));
    expect(many.authors.batches).toBe(1);
    expect(many.tags.batches).toBe(1);
    // Leaf categories in one batch, their parents in a second one.
    expect(many.categories.batches).toBe(2);
    expect(many.categories.keys).toBeGreaterThan(few.categories.keys);
  });

  it('fetches only the relations a page selects', async () => {
    const body = await server.request('{ articles(first: 10) { nodes { title } } }');
    expect(body.extensions!.loaders).toMatchObject({ authors: { batches: 0 }, categories: { batches: 0 }, tags: { batches: 0 } });
  });

  it('sees relations selected through edges and fragments, and answers the same as through nodes', async () => {
    const viaFragments = await server.request(`
      query {
        articles(first: 10) { edges { node { ...Relations ... on Article { categories { name } } } } }
      }
      fragment Relations on Article { author { name } tags { name } }`);
    expect(viaFragments.errors).toBeUndefined();
    expect(viaFragments.extensions!.loaders).toMatchObject({ authors: { batches: 1 }, categories: { batches: 1 }, tags: { batches: 1 } });
    const viaNodes = await server.request('{ articles(first: 10) { nodes { author { name } tags { name } categories { name } } } }');
    const nodes = (viaFragments.data.articles.edges as { node: unknown }[]).map(({ node }) => node);
    expect(nodes).toEqual(viaNodes.data.articles.nodes);
  });

  it('reads the bodies of a page in one batch, and none for fields that need no HTML', async () => {
    const cards = await server.request('{ articles(first: 20) { nodes { title excerpt sections { heading html } lead { text } } } }');
    expect(cards.errors).toBeUndefined();
    expect(cards.extensions!.loaders).toMatchObject({ bodies: { batches: 1 } });
    const outlines = await server.request('{ articles(first: 20) { nodes { title wordCount sections { heading anchor } } } }');
    expect(outlines.extensions!.loaders).toMatchObject({ bodies: { batches: 0 } });
  });

  it('counts per request, from zero', async () => {
    const first = await loaderCounts(5);
    const second = await loaderCounts(5);
    expect(second).toEqual(first);
  });

  it('leaves extensions out when debug is off', async () => {
    const quiet = await startTestServer({ debug: false });
    try {
      const body = await quiet.request(N_PLUS_ONE, { first: 5 });
      expect(body.extensions?.loaders).toBeUndefined();
    } finally {
      await quiet.close();
    }
  });
});
