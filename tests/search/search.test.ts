/** Full-text search over HTTP, on a small site of Chinese, English and mixed posts. */
import { ContentStore } from '../../src/content/content-store';
import { encodeRankCursor } from '../../src/graphql/search-cursor';
import { badUserInputMessage, startTestServer, type TestServer } from '../helpers/harness';

const SEARCH_ROOT = 'tests/fixtures/search-site';

const SEARCH = /* GraphQL */ `
  query Search($query: String!, $filter: ArticleFilter, $first: Int, $after: String) {
    search(query: $query, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          score
          article {
            slug
            title
          }
          section {
            anchor
            heading
          }
          highlights {
            field
            section {
              anchor
            }
            text
            html
            ranges {
              start
              end
            }
          }
        }
      }
    }
  }
`;

const ARTICLES = /* GraphQL */ `
  query Articles($filter: ArticleFilter, $orderBy: ArticleOrder, $first: Int, $after: String, $last: Int, $before: String) {
    articles(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          slug
          date
        }
      }
    }
  }
`;

interface Highlight {
  field: string;
  section: { anchor: string } | null;
  text: string;
  html: string;
  ranges: { start: number; end: number }[];
}

interface Hit {
  score: number;
  article: { slug: string; title: string };
  section: { anchor: string; heading: string } | null;
  highlights: Highlight[];
}

/** A page of `search` as SEARCH selects it, as far as the cursor walk reads it. */
interface SearchPage {
  totalCount: number;
  pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; endCursor: string | null };
  edges: { node: Hit }[];
}

/** An edge of `articles` as ARTICLES selects it. */
interface ArticleEdge {
  node: { slug: string };
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ content: ContentStore.open(SEARCH_ROOT) });
});

afterAll(() => server.close());

async function search(query: string, variables: Record<string, unknown> = {}) {
  return (await server.data(SEARCH, { query, ...variables })).search;
}

async function hits(query: string, variables: Record<string, unknown> = {}): Promise<Hit[]> {
  return (await search(query, variables)).edges.map((edge: { node: Hit }) => edge.node);
}

async function slugs(query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  return (await hits(query, variables)).map((hit) => hit.article.slug);
}

const marked = (highlight: Highlight) => highlight.ranges.map(({ start, end }) => highlight.text.slice(start, end));

describe('matching', () => {
  it('finds Chinese words without spaces, and never an unpublished post', async () => {
    expect(await slugs('维和人员')).toEqual(['国际/维和人员抵达边境']);
    expect(await slugs('集体安全')).toEqual(['国际/集体安全峰会', '国际/维和人员抵达边境']);
  });

  it('matches quoted phrases only as written', async () => {
    expect(await slugs('"stale while revalidate"')).toEqual(['Engineering/Backend/caching-graphql-responses']);
    expect(await slugs('"revalidate while stale"')).toEqual([]);
    expect(await slugs('revalidate stale')).toEqual(['Engineering/Backend/caching-graphql-responses']);
  });

  it('excludes terms marked with a minus', async () => {
    const withCache = await slugs('cache');
    expect(withCache).toContain('Engineering/Backend/cache-stampedes');
    const without = await slugs('cache -stampedes');
    expect(without).not.toContain('Engineering/Backend/cache-stampedes');
    expect(without.length).toBe(withCache.length - 1);
  });

  it('searches prefixes of words with a trailing star', async () => {
    expect(await slugs('cach')).toEqual([]);
    expect(await slugs('cach*')).toEqual(
      expect.arrayContaining(['Engineering/Backend/caching-graphql-responses', 'Engineering/Backend/cache-stampedes']),
    );
    expect(await slugs('stamp*')).toEqual(['Engineering/Backend/cache-stampedes']);
  });

  it('mixes Chinese and English terms in one query', async () => {
    expect(await slugs('缓存 cache')).toEqual(['前端/Node.js构建与CSS变量']);
    expect(await slugs('Node.js 主题')).toEqual(['前端/Node.js构建与CSS变量']);
  });

  it('folds case and Latin accents', async () => {
    expect(await slugs('ZURICH')).toEqual(['Engineering/Backend/caching-graphql-responses']);
    expect(await slugs('montreal')).toEqual(['Engineering/Backend/caching-graphql-responses']);
  });

  it('ranks best first and ranks a title match above a body match', async () => {
    const found = await hits('cache');
    const scores = found.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(found[0].article.slug).toBe('Engineering/Backend/cache-stampedes');
  });
});

describe('sections and highlights', () => {
  it('names the one section a term occurs in', async () => {
    const [hit] = await hits('阿斯塔纳');
    expect(hit.article.slug).toBe('国际/维和人员抵达边境');
    expect(hit.section).toEqual({ anchor: '后续安排', heading: '后续安排' });
    expect(hit.highlights[0]).toMatchObject({ field: 'SECTION', section: { anchor: '后续安排' } });
    expect(marked(hit.highlights[0])).toContain('阿斯塔纳');

    const [english] = await hits('jitter');
    expect(english.section?.anchor).toBe('jitter');
  });

  it('gives no section when the title or the lead matches best', async () => {
    const [hit] = await hits('stampedes');
    expect(hit.section).toBeNull();
    expect(hit.highlights[0]).toMatchObject({ field: 'TITLE', section: null });
  });

  it('marks the original spelling of a folded match', async () => {
    const [hit] = await hits('zurich');
    const highlight = hit.highlights.find((candidate) => candidate.field === 'SECTION')!;
    expect(marked(highlight)).toEqual(['Zürich']);
    expect(highlight.html).toContain('<mark>Zürich</mark>');
  });

  it('escapes everything in html but the marks, and keeps text plain', async () => {
    const [title] = (await hits('script')).map((hit) => hit.highlights[0]);
    expect(title.field).toBe('TITLE');
    expect(title.text).toBe('Escaping <script> & Friends in Templates');
    expect(title.html).toBe('Escaping &lt;<mark>script</mark>&gt; &amp; Friends in Templates');

    const [hit] = await hits('template');
    for (const highlight of hit.highlights) {
      expect(marked(highlight).every((text) => text.toLowerCase() === 'template')).toBe(true);
      const withoutMarks = highlight.html.replace(/<\/?mark>/g, '');
      expect(withoutMarks).not.toMatch(/[<>]/);
    }
    const lead = hit.highlights.find((highlight) => highlight.field === 'LEAD')!;
    expect(lead.text).toContain('"Q&A"');
    expect(lead.html).toContain('&quot;Q&amp;A&quot;');
    expect(lead.html).toContain('&gt;');
  });
});

describe('filters with search', () => {
  it('combines the query with the filter fields', async () => {
    expect(await slugs('cache', { filter: { tags: ['caching'] } })).not.toContain('Engineering/Backend/connection-pools');
    expect(await slugs('cache', { filter: { language: 'zh' } })).toEqual(['前端/Node.js构建与CSS变量']);
    expect(await slugs('集体安全', { filter: { dateFrom: '2024-02-20T00:00:00Z' } })).toEqual(['国际/维和人员抵达边境']);
  });

  it('lists articles by relevance when articles(filter.search) has no orderBy', async () => {
    const ranked = await slugs('cache');
    const { articles } = await server.data(ARTICLES, { filter: { search: 'cache' } });
    expect(articles.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).toEqual(ranked);
    expect(articles.totalCount).toBe(ranked.length);
  });

  it('uses orderBy when it is given explicitly', async () => {
    const { articles } = await server.data(ARTICLES, { filter: { search: 'cache' }, orderBy: 'DATE_ASC' });
    const dates: string[] = articles.edges.map((edge: { node: { date: string } }) => edge.node.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(articles.edges.map((edge: { node: { slug: string } }) => edge.node.slug))).toEqual(new Set(await slugs('cache')));
  });

  it('keeps DATE_DESC as the order when there is no search', async () => {
    const { articles } = await server.data(ARTICLES, { filter: { tags: ['digest'] } });
    const dates: string[] = articles.edges.map((edge: { node: { date: string } }) => edge.node.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('searches within a nested list', async () => {
    const { tag } = await server.data(
      `{ tag(slug: "caching") { articles(filter: { search: "cache -stampedes" }) { edges { node { slug } } } } }`,
    );
    expect(tag.articles.edges.map((edge: { node: { slug: string } }) => edge.node.slug).sort()).toEqual([
      'Engineering/Backend/caching-graphql-responses',
      '前端/Node.js构建与CSS变量',
    ]);
  });
});

describe('pagination', () => {
  it('walks the whole ranking page by page with stable cursors', async () => {
    const all = await search('observability', { first: 10 });
    expect(all.totalCount).toBe(5);
    const walked: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: SearchPage = await search('observability', { first: 2, after });
      walked.push(...page.edges.map((edge) => edge.node.article.slug));
      expect(page.totalCount).toBe(5);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all.edges.map((edge: { node: Hit }) => edge.node.article.slug));
    const again = await search('observability', { first: 2, after: all.edges[1].cursor });
    expect(again.edges[0].cursor).toBe(all.edges[2].cursor);
  });

  it('pages relevance-ordered articles both ways', async () => {
    const filter = { search: 'observability' };
    const full = (await server.data(ARTICLES, { filter, first: 10 })).articles.edges.map((edge: ArticleEdge) => edge.node.slug);
    const second = (
      await server.data(ARTICLES, {
        filter,
        first: 2,
        after: (await server.data(ARTICLES, { filter, first: 2 })).articles.pageInfo.endCursor,
      })
    ).articles;
    expect(second.edges.map((edge: ArticleEdge) => edge.node.slug)).toEqual(full.slice(2, 4));
    const last = (await server.data(ARTICLES, { filter, last: 2 })).articles;
    expect(last.edges.map((edge: ArticleEdge) => edge.node.slug)).toEqual(full.slice(3));
    const before = (await server.data(ARTICLES, { filter, last: 2, before: last.pageInfo.startCursor })).articles;
    expect(before.edges.map((edge: ArticleEdge) => edge.node.slug)).toEqual(full.slice(1, 3));
  });

  it('rejects a cursor of another query, another order or another content version', async () => {
    const { pageInfo } = await search('observability', { first: 1 });
    expect(badUserInputMessage(await server.request(SEARCH, { query: 'tracing', after: pageInfo.endCursor }))).toMatch(/different search/);
    const dated = await server.request(ARTICLES, { filter: { search: 'observability' }, orderBy: 'DATE_DESC', after: pageInfo.endCursor });
    expect(badUserInputMessage(dated)).toMatch(/relevance order/);

    const [, , listKey, position] = JSON.parse(Buffer.from(pageInfo.endCursor, 'base64url').toString('utf8'));
    const stale = encodeRankCursor('0000000000000000', listKey, position);
    expect(badUserInputMessage(await server.request(SEARCH, { query: 'observability', after: stale }))).toMatch(/content has changed/);
  });

  it('caps the page size like every other list', async () => {
    const body = await server.request(`{ search(query: "cache", first: 101) { totalCount } }`);
    expect(badUserInputMessage(body)).toMatch(/at most 100/);
  });

  it('resolves the articles and sections of a page in one batch', async () => {
    const body = await server.request(SEARCH, { query: 'observability' });
    expect(body.extensions).toMatchObject({ loaders: { articles: { batches: 1 } } });
  });
});

describe('bad queries', () => {
  it.each([
    ['', /empty or only punctuation/],
    ['!!! ...', /empty or only punctuation/],
    ['-cache', /only excludes/],
    ['c*', /too short/],
    ['x'.repeat(300), /longer than/],
  ])('rejects %j with the engine message', async (query, message) => {
    expect(badUserInputMessage(await server.request(SEARCH, { query }))).toMatch(message);
    expect(badUserInputMessage(await server.request(ARTICLES, { filter: { search: query } }))).toMatch(message);
  });
});
