/**
 * `--cdn-max-age`: what a CDN is told over HTTP. Cacheable GET answers (made, stored, or `304`)
 * say how long a shared cache may keep them and name, in `Surrogate-Key`, every object they
 * hold by the id the API itself hands out, plus list keys for listings; everything else keeps
 * `no-store` and names nothing (its keys are not even collected). Keys past the header bound
 * collapse to type keys.
 */
import { ContentStore } from '../../src/content/content-store';
import { SURROGATE_KEY_HEADER_BYTES } from '../../src/graphql/surrogate-keys';
import { CDN_STALE_WHILE_REVALIDATE_SECONDS } from '../../src/server/plugins/response-cache/policy';
import { startTestServer, type TestServer } from '../helpers/harness';
import { makeTree, post } from '../helpers/temp-tree';

const MAX_AGE = 300;
const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const SLUG = 'Engineering/Backend/GraphQL/schema-first-vs-code-first';
const ARTICLE_IDS = `query Ids($slug: String!) {
  article(slug: $slug) { id author { id } categories { id ancestors { id } } tags { id } sections { id } }
}`;

async function get(server: TestServer, query: string, variables: object = {}, headers: Record<string, string> = {}) {
  const url = `${server.url}?${new URLSearchParams({ query, variables: JSON.stringify(variables) }).toString()}`;
  const response = await fetch(url, { headers: { ...PREFLIGHT, ...headers } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The answer's `data`, as the caller expects it. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
const dataOf = <T = Record<string, unknown>>(body: string) => (JSON.parse(body) as { data: T }).data;
const keysOf = (headers: Headers) => (headers.get('surrogate-key') ?? '').split(' ').filter(Boolean);

/** `Type:<id>` of every object with an `id` in an answer. */
function idKeys(value: unknown, type: string | null = null): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => idKeys(item, type));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([field, inner]) => {
    if (field === 'id') return [`${type}:${inner as string}`];
    return idKeys(inner, FIELD_TYPES[field] ?? type);
  });
}
const FIELD_TYPES: Record<string, string> = {
  article: 'Article',
  author: 'Author',
  categories: 'Category',
  ancestors: 'Category',
  tags: 'Tag',
  sections: 'Section',
};

describe('answers a CDN can keep', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ debug: false, cdnMaxAgeSeconds: MAX_AGE });
  });
  afterAll(() => server.close());

  const CDN_CACHE_CONTROL = `public, max-age=0, s-maxage=${MAX_AGE}, stale-while-revalidate=${CDN_STALE_WHILE_REVALIDATE_SECONDS}`;

  it('names every object of the answer by its API id, the same when the answer comes from the cache or as a 304', async () => {
    const made = await get(server, ARTICLE_IDS, { slug: SLUG });
    expect(made.status).toBe(200);
    expect(made.headers.get('cache-control')).toBe(CDN_CACHE_CONTROL);
    const expected = idKeys(dataOf(made.body));
    expect(expected.filter((key) => key.startsWith('Section:')).length).toBe(3);
    expect(expected.filter((key) => key.startsWith('Category:')).length).toBeGreaterThanOrEqual(3);
    expect(new Set(keysOf(made.headers))).toEqual(new Set(expected));

    const stored = await get(server, ARTICLE_IDS, { slug: SLUG });
    expect(stored.headers.get('cache-control')).toBe(CDN_CACHE_CONTROL);
    expect(stored.headers.get('surrogate-key')).toBe(made.headers.get('surrogate-key'));

    const revalidated = await get(server, ARTICLE_IDS, { slug: SLUG }, { 'if-none-match': made.headers.get('etag') ?? '' });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('cache-control')).toBe(CDN_CACHE_CONTROL);
    expect(revalidated.headers.get('surrogate-key')).toBe(made.headers.get('surrogate-key'));
  });

  it('adds list keys to listings, searches, lookups that find nothing and the content status', async () => {
    const page = await get(server, '{ articles(first: 20) { nodes { id title author { id } tags { id } } } }');
    const keys = keysOf(page.headers);
    expect(keys).toContain('list:Article');
    expect(keys).toEqual(expect.arrayContaining(idKeys(dataOf<{ articles: { nodes: unknown[] } }>(page.body).articles.nodes, 'Article')));
    expect(keysOf((await get(server, '{ search(query: "graphql") { totalCount } }')).headers)).toEqual(['list:Article']);
    expect(keysOf((await get(server, '{ archive(groupBy: YEAR) { year count } }')).headers)).toEqual(['list:Article']);
    expect(keysOf((await get(server, '{ tags { name } }')).headers)).toContain('list:Tag');
    expect(keysOf((await get(server, '{ article(slug: "no/such/article") { title } }')).headers)).toEqual(['list:Article']);
    expect(keysOf((await get(server, '{ contentStatus { version } }')).headers)).toEqual(['ContentStatus']);
  });

  it('keeps no-store and names nothing on answers nobody may keep: POST, errors', async () => {
    const variables = { slug: 'Engineering/Backend/GraphQL/dataloader-batching' };
    const posted = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ARTICLE_IDS, variables }),
    });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('cache-control')).toBe('no-store');
    expect(posted.headers.get('surrogate-key')).toBeNull();
    // The same operation by GET, made afresh, still names every object of its answer.
    const got = await get(server, ARTICLE_IDS, variables);
    expect(got.headers.get('cache-control')).toBe(CDN_CACHE_CONTROL);
    expect(new Set(keysOf(got.headers))).toEqual(new Set(idKeys(dataOf(got.body))));
    const failed = await get(server, '{ article(slug: 1) { title } }');
    expect(failed.headers.get('cache-control')).toBe('no-store');
    expect(failed.headers.get('surrogate-key')).toBeNull();
  });

  it('gives the feeds and the sitemap the same Cache-Control and the article list key', async () => {
    for (const path of ['/feed.xml', '/feed.json', '/sitemap.xml']) {
      const response = await fetch(new URL(path, server.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe(CDN_CACHE_CONTROL);
      expect(response.headers.get('surrogate-key')).toBe('list:Article');
    }
  });
});

it('says no-cache and names nothing without --cdn-max-age', async () => {
  const server = await startTestServer({ debug: false });
  try {
    const answer = await get(server, ARTICLE_IDS, { slug: SLUG });
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    expect(answer.headers.get('surrogate-key')).toBeNull();
    expect((await fetch(new URL('/feed.xml', server.url))).headers.get('surrogate-key')).toBeNull();
  } finally {
    await server.close();
  }
});

it('names nothing with the response cache off, since no answer is then kept', async () => {
  const server = await startTestServer({ debug: false, cdnMaxAgeSeconds: MAX_AGE, responseCacheBytes: 0 });
  try {
    const answer = await get(server, ARTICLE_IDS, { slug: SLUG });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('surrogate-key')).toBeNull();
  } finally {
    await server.close();
  }
});

it('collapses the keys of the type that takes the most room to its type key past the header bound', async () => {
  const body = Array.from({ length: 8 }, (_, index) => `<h3>A heading long enough to make a long anchor number ${index}</h3><p>Text.</p>`);
  const files = Object.fromEntries(
    Array.from({ length: 40 }, (_, index) => [
      `long/path/of/nested/folders/article-number-${index}.md`,
      post(`Article ${index}`, body.join('')),
    ]),
  );
  const tree = await makeTree(files);
  const server = await startTestServer({ content: ContentStore.open(tree.root), debug: false, cdnMaxAgeSeconds: MAX_AGE });
  try {
    const answer = await get(server, '{ articles(first: 40) { nodes { id sections { id } } } }');
    const nodes = dataOf<{ articles: { nodes: { id: string; sections: { id: string }[] }[] } }>(answer.body).articles.nodes;
    expect(nodes.flatMap((node) => node.sections).length).toBe(320);
    const header = answer.headers.get('surrogate-key') ?? '';
    expect(Buffer.byteLength(header)).toBeLessThanOrEqual(SURROGATE_KEY_HEADER_BYTES);
    const keys = header.split(' ');
    expect(keys).toContain('Section');
    expect(keys.some((key) => key.startsWith('Section:'))).toBe(false);
    expect(keys).toEqual(expect.arrayContaining(['list:Article', ...nodes.map((node) => `Article:${node.id}`)]));
  } finally {
    await server.close();
    await tree.remove();
  }
});
