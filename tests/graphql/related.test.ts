/** Article.related over HTTP, on a small site of tagged English posts, Chinese posts without taxonomy and a draft. */
import type { Json } from '../helpers/json';
import { ContentStore } from '../../src/content/content-store';
import { RELATED_COUNT } from '../../src/content/related';
import { badUserInputMessage, startTestServer, type TestServer } from '../helpers/harness';

const RELATED_ROOT = 'tests/fixtures/related-site';

const RELATED = /* GraphQL */ `
  query Related($slug: String!, $first: Int) {
    article(slug: $slug) {
      related(first: $first) {
        score
        article {
          slug
          draft
        }
        sharedTags {
          slug
        }
        sharedCategories {
          slug
        }
      }
    }
  }
`;

interface Related {
  score: number;
  article: { slug: string; draft: boolean };
  sharedTags: { slug: string }[];
  sharedCategories: { slug: string }[];
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ content: ContentStore.open(RELATED_ROOT) });
});
afterAll(() => server.close());

async function related(slug: string, first?: number): Promise<Related[]> {
  return (await server.data(RELATED, { slug, first })).article.related;
}

const slugs = (list: Related[]) => list.map((entry) => entry.article.slug);

describe('Article.related', () => {
  it('ranks first the article sharing the most rare tags, and names what they share', async () => {
    const [best, second] = await related('Databases/Postgres/vacuum-tuning');
    expect(best).toMatchObject({
      article: { slug: 'Databases/Postgres/bloat-monitoring' },
      sharedTags: [{ slug: 'postgres' }, { slug: 'autovacuum' }, { slug: 'bloat' }],
      // The most specific shared category only: `Databases` is its ancestor.
      sharedCategories: [{ slug: 'Databases/Postgres' }],
    });
    expect(second).toMatchObject({
      article: { slug: 'Databases/Postgres/index-only-scans' },
      sharedTags: [{ slug: 'postgres' }, { slug: 'tuning' }],
    });
    expect(best.score).toBeGreaterThan(second.score);
    expect(best.score).toBeLessThanOrEqual(1);
  });

  it('orders equal scores newer first, then by slug', async () => {
    const list = await related('Databases/Postgres/bloat-monitoring', 10);
    // Three Redis posts share only `Databases` with it and none of its words: the same score.
    const redis = list.filter((entry) => entry.article.slug.startsWith('Databases/Redis/'));
    expect(slugs(redis)).toEqual([
      'Databases/Redis/cluster-slots',
      'Databases/Redis/eviction-policies',
      'Databases/Redis/persistence-modes',
    ]);
    expect(new Set(redis.map((entry) => entry.score)).size).toBe(1);
    expect(redis.every((entry) => entry.sharedCategories.map((category) => category.slug).join() === 'Databases')).toBe(true);
    for (let index = 1; index < list.length; index++) expect(list[index].score).toBeLessThanOrEqual(list[index - 1].score);
  });

  it('finds Chinese articles alike by their text alone', async () => {
    const list = await related('国际/集体安全条约组织峰会');
    expect(list[0]).toMatchObject({ article: { slug: '国际/维和部队扩编计划' }, sharedTags: [], sharedCategories: [] });
    const flowers = list.find((entry) => entry.article.slug === '国际/春季花展开幕');
    expect(list[0].score).toBeGreaterThan(flowers?.score ?? 0);
  });

  it('never lists the article itself, nor a draft unless drafts are served', async () => {
    for (const slug of ['Databases/Postgres/vacuum-tuning', '国际/维和部队扩编计划', 'Frontend/css-grid']) {
      const list = await related(slug, RELATED_COUNT.max);
      expect(slugs(list)).not.toContain(slug);
      expect(list.some((entry) => entry.article.draft)).toBe(false);
    }
    const preview = await startTestServer({ content: ContentStore.open(RELATED_ROOT, { drafts: true }) });
    try {
      const { article } = await preview.data(RELATED, { slug: 'Databases/Postgres/vacuum-tuning' });
      expect(article.related[0]).toMatchObject({ article: { slug: 'vacuum-internals', draft: true } });
    } finally {
      await preview.close();
    }
    // A second server: loading and starting it is most of this test.
  }, 120_000);

  it(`gives ${RELATED_COUNT.default} unless asked, and refuses first outside 0 to ${RELATED_COUNT.max}`, async () => {
    expect(await related('Databases/Postgres/index-only-scans')).toHaveLength(RELATED_COUNT.default);
    expect(await related('Databases/Postgres/index-only-scans', 0)).toEqual([]);
    expect(await related('Databases/Postgres/index-only-scans', 2)).toHaveLength(2);
    const tooMany = await server.request(RELATED, { slug: 'Databases/Postgres/index-only-scans', first: RELATED_COUNT.max + 1 });
    expect(badUserInputMessage(tooMany)).toBe(`\`first\` must be at most ${RELATED_COUNT.max} (got ${RELATED_COUNT.max + 1}).`);
    const negative = await server.request(RELATED, { slug: 'Databases/Postgres/index-only-scans', first: -1 });
    expect(badUserInputMessage(negative)).toMatch(/must not be negative/);
  });

  it('answers a page of articles in one batch of the related loader', async () => {
    const body = await server.request(`{ articles(first: 20) { nodes { slug related { article { slug } sharedTags { name } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.articles.nodes.length).toBeGreaterThan(5);
    expect((body.extensions as Json).loaders.related).toEqual({ batches: 1, keys: body.data.articles.nodes.length });
  });

  it('costs a search per call: a page of articles each asking for many is refused', async () => {
    const body = await server.request(`{
      a: articles(first: 100) { nodes { related(first: ${RELATED_COUNT.max}) { article { slug } } } }
      b: articles(first: 100) { nodes { related(first: ${RELATED_COUNT.max}) { article { slug } } } }
    }`);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/cost limit of \d+ exceeded/);
  });
});
