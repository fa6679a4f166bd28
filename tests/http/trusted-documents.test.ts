/**
 * Documents by hash: automatic persisted queries and `documentId` on an open gateway, and a
 * gateway that runs only the documents of its manifest.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadTrustedDocuments } from '../../src/server/plugins/trusted-documents';
import { startTestServer, type TestServer } from '../helpers/harness';
import type { Json } from '../helpers/json';
import { makeTree } from '../helpers/temp-tree';

const STATUS = 'query Status { contentStatus { articles } }';
const ARTICLE = 'query Article($slug: String!) { article(slug: $slug) { slug } }';
const SLUG = 'Engineering/Backend/idempotency-keys';
const UNKNOWN_HASH = 'f'.repeat(64);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persistedQuery = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(text) } });

interface Answer {
  status: number;
  body: Json;
}

async function post(server: TestServer, payload: unknown, accept = 'application/json'): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: await response.json() };
}

async function get(server: TestServer, params: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${server.url}?${new URLSearchParams(params).toString()}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });
  return { status: response.status, body: await response.json() };
}

const code = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

describe('an open gateway', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ debug: false });
  });
  afterAll(() => server.close());

  it('registers an automatic persisted query and then runs it by hash', async () => {
    const query = 'query Registered { contentStatus { articles } }';
    const miss = await post(server, { extensions: persistedQuery(query) });
    expect(miss.status).toBe(200);
    expect(code(miss)).toBe('PERSISTED_QUERY_NOT_FOUND');

    const register = await post(server, { query, extensions: persistedQuery(query) });
    expect(register.body).toEqual({ data: { contentStatus: { articles: 29 } } });
    const hit = await post(server, { extensions: persistedQuery(query) });
    expect(hit.body).toEqual({ data: { contentStatus: { articles: 29 } } });
    expect((await get(server, { extensions: JSON.stringify(persistedQuery(query)) })).body).toEqual({
      data: { contentStatus: { articles: 29 } },
    });
  });

  it('answers an unknown hash with 400 to clients of application/graphql-response+json', async () => {
    const miss = await post(
      server,
      { extensions: { persistedQuery: { version: 1, sha256Hash: UNKNOWN_HASH } } },
      'application/graphql-response+json',
    );
    expect(miss.status).toBe(400);
    expect(code(miss)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a hash that is not the hash of the text', async () => {
    const answer = await post(server, { query: STATUS, extensions: { persistedQuery: { version: 1, sha256Hash: UNKNOWN_HASH } } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toMatch(/sha does not match/);
  });

  it('runs a registered document by documentId, over POST and GET', async () => {
    const query = 'query ById { contentStatus { articles } }';
    expect(code(await post(server, { documentId: `sha256:${sha256(query)}` }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    await post(server, { query, extensions: persistedQuery(query) });
    expect((await post(server, { documentId: `sha256:${sha256(query)}` })).body).toEqual({ data: { contentStatus: { articles: 29 } } });
    expect((await get(server, { documentId: `sha256:${sha256(query)}` })).body).toEqual({ data: { contentStatus: { articles: 29 } } });
  });

  it.each([
    ['a documentId that is no sha256 hash', { documentId: 'md5:abc' }],
    ['a documentId that is not a string', { documentId: 12 }],
    ['both a documentId and a query', { documentId: `sha256:${sha256(STATUS)}`, query: STATUS }],
  ])('answers 400 to %s', async (_label, payload) => {
    const answer = await post(server, payload);
    expect(answer.status).toBe(400);
    expect(code(answer)).toBe('BAD_REQUEST');
  });
});

describe('a gateway that runs only trusted documents', () => {
  let server: TestServer;
  let removeTree: () => Promise<void>;
  beforeAll(async () => {
    const tree = await makeTree({ 'manifest.json': JSON.stringify({ [`sha256:${sha256(STATUS)}`]: STATUS, [sha256(ARTICLE)]: ARTICLE }) });
    removeTree = tree.remove;
    server = await startTestServer({ debug: false, trustedDocuments: await loadTrustedDocuments(path.join(tree.root, 'manifest.json')) });
  });
  afterAll(async () => {
    await server.close();
    await removeTree();
  });

  it('runs a trusted document by documentId, with variables, over POST and GET', async () => {
    expect((await post(server, { documentId: `sha256:${sha256(ARTICLE)}`, variables: { slug: SLUG } })).body).toEqual({
      data: { article: { slug: SLUG } },
    });
    expect((await get(server, { documentId: `sha256:${sha256(STATUS)}` })).body).toEqual({ data: { contentStatus: { articles: 29 } } });
    const byGet = await get(server, { documentId: `sha256:${sha256(ARTICLE)}`, variables: JSON.stringify({ slug: SLUG }) });
    expect(byGet.body).toEqual({ data: { article: { slug: SLUG } } });
  });

  it('runs a trusted document by its persisted-query hash, with or without its text', async () => {
    expect((await post(server, { extensions: persistedQuery(STATUS) })).body).toEqual({ data: { contentStatus: { articles: 29 } } });
    expect((await post(server, { query: STATUS, extensions: persistedQuery(STATUS) })).body).toEqual({
      data: { contentStatus: { articles: 29 } },
    });
    expect((await get(server, { extensions: JSON.stringify(persistedQuery(STATUS)) })).body).toEqual({
      data: { contentStatus: { articles: 29 } },
    });
  });

  it('runs the text of a trusted document sent as it is', async () => {
    expect((await post(server, { query: STATUS })).body).toEqual({ data: { contentStatus: { articles: 29 } } });
  });

  it.each([
    ['a query', { query: '{ contentStatus { articles } }' }],
    ['a trusted query with its text reformatted', { query: STATUS.replace(/ /g, '  ') }],
    ['an introspection query', { query: '{ __schema { types { name } } }' }],
    ['text that does not parse', { query: '{ contentStatus {' }],
  ])('refuses %s that is not in the manifest', async (_label, payload) => {
    const answer = await post(server, payload);
    expect(answer.status).toBe(400);
    expect(code(answer)).toBe('OPERATION_NOT_TRUSTED');
    expect(answer.body.errors[0].message).toMatch(/only runs its trusted documents/);
    expect(answer.body.data).toBeUndefined();
  });

  it('refuses batches, trusted documents or not', async () => {
    const answer = await post(server, [{ query: STATUS }, { query: '{ tags { name } }' }]);
    expect(answer.status).toBe(400);
    expect(code(answer)).toBe('BAD_REQUEST');
  });

  it('refuses untrusted text over GET too', async () => {
    const answer = await get(server, { query: '{ contentStatus { articles } }' });
    expect(answer.status).toBe(400);
    expect(code(answer)).toBe('OPERATION_NOT_TRUSTED');
  });

  it('refuses unknown ids, and registers nothing', async () => {
    const query = '{ tags { name } }';
    for (const payload of [
      { documentId: `sha256:${UNKNOWN_HASH}` },
      { extensions: persistedQuery(query) },
      { query, extensions: persistedQuery(query) },
    ]) {
      const answer = await post(server, payload);
      expect(answer.status).toBe(400);
      expect(code(answer)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    }
  });
});

describe('loadTrustedDocuments', () => {
  let root: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ root, remove } = await makeTree({}));
  });
  afterAll(() => remove());

  const load = async (name: string, text: string) => {
    const file = path.join(root, name);
    await writeFile(file, text);
    return loadTrustedDocuments(file);
  };

  it('reads hash -> document, with or without the sha256: prefix', async () => {
    const documents = await load(
      'ok.json',
      JSON.stringify({ [`sha256:${sha256(STATUS)}`]: STATUS, [sha256(ARTICLE).toUpperCase()]: ARTICLE }),
    );
    expect([...documents.entries()]).toEqual([
      [sha256(STATUS), STATUS],
      [sha256(ARTICLE), ARTICLE],
    ]);
  });

  it.each([
    ['text that is not JSON', '{', /JSON/],
    ['a list', '[]', /expected a JSON object/],
    ['no documents', '{}', /no documents/],
    ['a key that is no hash', JSON.stringify({ Status: STATUS }), /"Status" is not a sha256 hash/],
    [
      'a document that is not a string',
      JSON.stringify({ [sha256(STATUS)]: { query: STATUS } }),
      /is not a sha256 hash of a document string/,
    ],
    ['a document that does not hash to its key', JSON.stringify({ [sha256(STATUS)]: ARTICLE }), /does not hash to it/],
  ])('refuses %s', async (_label, text, message) => {
    await expect(load('bad.json', text)).rejects.toThrow(message);
  });

  it('names a missing file', async () => {
    await expect(loadTrustedDocuments(path.join(root, 'missing.json'))).rejects.toThrow(/missing\.json/);
  });
});
