/**
 * Long phrases in search queries. A phrase has at most 12 words and a query at most 32, so the
 * posting lists a search intersects and the walk that verifies a phrase stay bounded: 15 aliased
 * searches for a phrase of 127 words cost seconds of CPU before, and are now refused before any
 * work. Each search also counts in the estimated cost.
 */
import { badUserInputMessage, startTestServer, type TestServer } from '../helpers/harness';
import { onlyError, postQuery } from './http';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ debug: false });
});
afterAll(async () => {
  await server.close();
});

const phrase = (words: number, word = 'a'): string => `"${Array.from({ length: words }, () => word).join(' ')}"`;

function aliasedSearches(): string {
  const searches = Array.from({ length: 15 }, (_, index) => `s${index}: search(query: $query, first: 1) { totalCount }`);
  return `query($query: String!) { ${searches.join(' ')} }`;
}

it('refuses 15 aliased searches for a phrase of 127 words, naming the bound', async () => {
  const body = await server.request(aliasedSearches(), { query: phrase(127) });
  expect(body.data).toBeNull();
  expect(badUserInputMessage(body)).toBe('A phrase of the query has 127 words; at most 12 are searched for.');
});

it('refuses a phrase of 13 words and serves one of 12', async () => {
  const refused = await server.request('query($query: String!) { search(query: $query) { totalCount } }', { query: phrase(13) });
  expect(badUserInputMessage(refused)).toBe('A phrase of the query has 13 words; at most 12 are searched for.');
  const served = await server.data('query($query: String!) { search(query: $query) { totalCount } }', { query: phrase(12) });
  expect(served.search.totalCount).toBe(0);
});

it('refuses a query of more than 32 words in all its terms and phrases, and serves 32', async () => {
  const query = `${phrase(12)} ${phrase(11)} ${phrase(9)}`;
  const served = await server.data('query($query: String!) { search(query: $query) { totalCount } }', { query });
  expect(served.search.totalCount).toBe(0);
  const refused = await server.request('query($query: String!) { search(query: $query) { totalCount } }', { query: `${query} graphql` });
  expect(badUserInputMessage(refused)).toBe('The query has 33 words in its terms and phrases; at most 32 are searched for.');
});

it('finds ordinary phrases as before', async () => {
  const { search } = await server.data('{ search(query: "\\"release checklist\\"") { totalCount } }');
  expect(search.totalCount).toBeGreaterThan(0);
});

it('counts each search in the estimated cost, whatever page it returns', async () => {
  const limited = await startTestServer({ debug: false, limits: { maxCost: 1000 } });
  try {
    const searches = (count: number) =>
      `{ ${Array.from({ length: count }, (_, index) => `s${index}: search(query: "release", first: 1) { totalCount }`).join(' ')} }`;
    expect(onlyError(await postQuery(limited.url, searches(10)))).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: 'Query cost limit of 1000 exceeded, found 1010.',
    });
    const filtered = '{ articles(first: 1, filter: { search: "release" }) { totalCount } }';
    expect((await limited.data(filtered)).articles.totalCount).toBeGreaterThan(0);
    expect((await limited.data(searches(9))).s0.totalCount).toBeGreaterThan(0);
  } finally {
    await limited.close();
  }
});
