import { badUserInputMessage, expected, servedFiles, startTestServer, type TestServer } from '../helpers/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** For each slug of `order`, the slugs before and after it. */
function neighboursIn(order: string[]): Record<string, { previous: string | null; next: string | null }> {
  return Object.fromEntries(order.map((slug, index) => [slug, { previous: order[index - 1] ?? null, next: order[index + 1] ?? null }]));
}

interface Page {
  nodes: { slug: string; previous: { slug: string } | null; next: { slug: string } | null }[];
}

function neighboursOf(page: Page) {
  return Object.fromEntries(
    page.nodes.map((node) => [node.slug, { previous: node.previous?.slug ?? null, next: node.next?.slug ?? null }]),
  );
}

describe('Article.previous and Article.next', () => {
  it('are the newer and the older article over all articles, null at either end', async () => {
    const { articles } = await server.data(`{ articles(first: 100) { nodes { slug previous { slug } next { slug } } } }`);
    expect(neighboursOf(articles)).toEqual(neighboursIn(expected.dateDescOrder));
  });

  it('stay within the filter given', async () => {
    const engineering = new Set(
      servedFiles.filter((file) => file.categories.some((hierarchy) => hierarchy[0] === 'Engineering')).map((file) => file.slug),
    );
    const order = expected.dateDescOrder.filter((slug) => engineering.has(slug));
    const { articles } = await server.data(
      `query($within: ArticleFilter) { articles(filter: $within, first: 100) { nodes { slug previous(within: $within) { slug } next(within: $within) { slug } } } }`,
      { within: { categories: ['Engineering'] } },
    );
    expect(order.length).toBeGreaterThan(3);
    expect(neighboursOf(articles)).toEqual(neighboursIn(order));
  });

  it('give an article outside the filter the neighbours of the place it would have', async () => {
    const { article } = await server.data(
      `{ article(slug: "release-checklist") { previous(within: { tags: ["graphql"] }) { slug } next(within: { tags: ["graphql"] }) { slug } } }`,
    );
    expect(article).toEqual({ previous: { slug: 'Engineering/Backend/GraphQL/persisted-queries' }, next: null });
  });

  it('answer several filters in one query', async () => {
    const { article } = await server.data(
      `{ article(slug: "Engineering/Backend/GraphQL/dataloader-batching") {
          previous { slug } next { slug }
          graphqlNewer: previous(within: { tags: ["graphql"] }) { slug }
          graphqlOlder: next(within: { tags: ["graphql"] }) { slug }
      } }`,
    );
    const all = neighboursIn(expected.dateDescOrder)['Engineering/Backend/GraphQL/dataloader-batching'];
    expect(article).toEqual({
      previous: { slug: all.previous },
      next: { slug: all.next },
      graphqlNewer: { slug: 'Engineering/Backend/GraphQL/cursor-pagination' },
      graphqlOlder: { slug: 'Engineering/Backend/GraphQL/schema-first-vs-code-first' },
    });
  });

  it('refuse a filter whose search is not a query', async () => {
    const body = await server.request(`{ article(slug: "release-checklist") { next(within: { search: "  " }) { slug } } }`);
    expect(badUserInputMessage(body)).toMatch(/query/i);
  });
});
