/**
 * The size of what one request gets back. Excerpts are clamped to their documented maximum, and an
 * answer over `maxResponseBytes` is refused whole with `RESPONSE_TOO_LARGE`, never cut short: a
 * long post asked for under every alias would otherwise answer with megabytes.
 */
import { ContentStore } from '../../src/content/content-store';
import { startTestServer, type TestServer } from '../helpers/harness';
import { makeTree, post } from '../helpers/temp-tree';
import { GRAPHQL_RESPONSE_JSON, onlyError, postQuery } from './http';

const SLUG = 'long/post';
const MAX_RESPONSE_BYTES = 200_000;
const MAX_EXCERPT_LENGTH = 1000;

/** About 400 KB of paragraphs, Latin and Han mixed. */
function longBody(): string {
  const paragraph = 'Gateways answer questions about posts. 网关回答关于文章的问题，也统计字数。 '.repeat(20);
  return Array.from({ length: 400 }, () => paragraph).join('\n\n');
}

function aliased(field: string, count: number): string {
  const fields = Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ');
  return `query($slug: String!) { article(slug: $slug) { ${fields} } }`;
}

let server: TestServer;
let remove: () => Promise<void>;

beforeAll(async () => {
  const tree = await makeTree({ [`${SLUG}.md`]: post('Long', longBody()) });
  remove = tree.remove;
  server = await startTestServer({ content: ContentStore.open(tree.root), maxResponseBytes: MAX_RESPONSE_BYTES, debug: false });
});

afterAll(async () => {
  await server.close();
  await remove();
});

it('clamps an excerpt length of 2^31 - 1 to the documented maximum', async () => {
  const { article } = await server.data(aliased('excerpt(length: 2147483647)', 15), { slug: SLUG });
  const excerpts = Object.values<string>(article);
  expect(excerpts).toHaveLength(15);
  for (const excerpt of excerpts) {
    expect(excerpt.endsWith('…')).toBe(true);
    expect(Array.from(excerpt).length).toBeLessThanOrEqual(MAX_EXCERPT_LENGTH + 1);
    expect(Array.from(excerpt).length).toBeGreaterThan(MAX_EXCERPT_LENGTH - 20);
  }
  const { article: exact } = await server.data('query($slug: String!) { article(slug: $slug) { excerpt(length: 1000) } }', { slug: SLUG });
  expect(exact.excerpt).toBe(excerpts[0]);
});

it('refuses an answer over the size limit whole, naming the limit', async () => {
  const response = await postQuery(server.url, aliased('html', 15), { slug: SLUG });
  expect(response.body.data).toBeNull();
  expect(onlyError(response)).toEqual({
    code: 'RESPONSE_TOO_LARGE',
    message: expect.stringMatching(
      /^Response size limit of 200000 bytes exceeded \(the answer held \d+\); ask for fewer or shorter fields\.$/,
    ),
  });
});

it('sends a refused GET answer without an entity tag, not to be stored, and refuses it again', async () => {
  const url = `${server.url}?${new URLSearchParams({ query: aliased('html', 15), variables: JSON.stringify({ slug: SLUG }) }).toString()}`;
  for (const attempt of ['first', 'repeated']) {
    const response = await fetch(url, { headers: { accept: GRAPHQL_RESPONSE_JSON, 'apollo-require-preflight': 'true' } });
    const body = (await response.json()) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect([attempt, response.status, body.data, body.errors.map((error) => error.extensions.code)]).toEqual([
      attempt,
      200,
      null,
      ['RESPONSE_TOO_LARGE'],
    ]);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE_JSON}; charset=utf-8`);
  }
});

it('serves an answer under the limit, and the same query again after a refusal', async () => {
  const { article } = await server.data(aliased('excerpt(length: 100)', 15), { slug: SLUG });
  expect(Object.keys(article)).toHaveLength(15);
  const response = await postQuery(server.url, '{ contentStatus { articles } }');
  expect(response.body).toEqual({ data: { contentStatus: { articles: 1 } } });
});
