/** The response cache over HTTP: hits, 304s, keys, invalidation when the content changes, and what it never keeps. */
import { createHash } from 'node:crypto';
import { ContentStore } from '../../src/content/content-store';
import type { RunningServer, ServerOptions } from '../../src/server';
import { serveCountingLookups } from '../helpers/counting-server';
import { makeTree, post, writeTree } from '../helpers/temp-tree';

const ARTICLE = 'query Article($slug: String!) { article(slug: $slug) { title } }';
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

interface Fixture {
  server: RunningServer;
  store: ContentStore;
  root: string;
  /** Snapshot lookups by slug so far: a request answered from the cache makes none. */
  lookups(): number;
  remove(): Promise<void>;
}

/** A served content folder whose snapshot counts article lookups. */
async function serve(options: Partial<ServerOptions> = {}): Promise<Fixture> {
  const tree = await makeTree({
    'news/first.md': post('First', '<div><p>One.</p></div>'),
    'news/second.md': post('Second', '<div><p>Two.</p></div>'),
  });
  const { server, store, lookups } = await serveCountingLookups(tree.root, options);
  return {
    server,
    store,
    root: tree.root,
    lookups,
    remove: async () => {
      await server.close();
      await tree.remove();
    },
  };
}

function getUrl(base: string, query: string, variables?: Record<string, unknown>): string {
  const search = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
  return `${base}?${search.toString()}`;
}

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { ...PREFLIGHT, ...headers } });

describe('response cache', () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await serve();
  });
  afterEach(() => fixture.remove());

  it('answers a repeated GET from the cache, with the same body and a strong ETag', async () => {
    const url = getUrl(fixture.server.url, ARTICLE, { slug: 'news/first' });
    const first = await get(url);
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    expect(JSON.parse(firstBody)).toEqual({ data: { article: { title: 'First' } } });
    expect(first.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('vary')).toMatch(/accept/i);
    expect(fixture.lookups()).toBe(1);

    const second = await get(url);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.headers.get('cache-control')).toBe('no-cache');
    expect(fixture.lookups()).toBe(1);
  });

  it('answers If-None-Match with 304 and no body, without running the query', async () => {
    const url = getUrl(fixture.server.url, ARTICLE, { slug: 'news/first' });
    const etag = (await get(url)).headers.get('etag')!;
    const lookups = fixture.lookups();

    const revalidated = await get(url, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect((await get(url, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect(fixture.lookups()).toBe(lookups);

    expect((await get(url, { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('keeps one entry per set of variables, per operation text and per Accept', async () => {
    const first = await get(getUrl(fixture.server.url, ARTICLE, { slug: 'news/first' }));
    const second = await get(getUrl(fixture.server.url, ARTICLE, { slug: 'news/second' }));
    expect(await second.json()).toEqual({ data: { article: { title: 'Second' } } });
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(fixture.lookups()).toBe(2);

    const otherText = await get(getUrl(fixture.server.url, `${ARTICLE} `, { slug: 'news/first' }));
    expect(otherText.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(fixture.lookups()).toBe(3);

    const url = getUrl(fixture.server.url, ARTICLE, { slug: 'news/first' });
    const graphqlResponse = { accept: 'application/graphql-response+json' };
    const asked = await get(url, graphqlResponse);
    expect(asked.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(asked.headers.get('etag')).not.toBe(first.headers.get('etag'));
    const again = await get(url, graphqlResponse);
    expect(again.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(fixture.lookups()).toBe(4);
  });

  it('serves nothing kept from older content once the content version changes', async () => {
    const url = getUrl(fixture.server.url, ARTICLE, { slug: 'news/first' });
    const before = await get(url);
    const etag = before.headers.get('etag')!;
    await get(url);
    expect(fixture.lookups()).toBe(1);
    const version = fixture.store.current().status.version;

    await writeTree(fixture.root, { 'news/first.md': post('First, revised', '<div><p>One.</p></div>') });
    await fixture.store.reload();
    expect(fixture.store.current().status.version).not.toBe(version);

    const after = await get(url);
    expect(await after.json()).toEqual({ data: { article: { title: 'First, revised' } } });
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(fixture.lookups()).toBe(2);
    expect((await get(url, { 'if-none-match': etag })).status).toBe(200);
    expect((await get(url, { 'if-none-match': after.headers.get('etag')! })).status).toBe(304);
  });

  it('never keeps a POST', async () => {
    const send = () =>
      fetch(fixture.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ARTICLE, variables: { slug: 'news/first' } }),
      });
    for (const response of [await send(), await send()]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(fixture.lookups()).toBe(2);
  });

  it('never keeps an answer with errors, even one with data', async () => {
    const partial = '{ found: article(slug: "news/first") { title } broken: article { title } }';
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await get(getUrl(fixture.server.url, partial));
      const body = (await response.json()) as { data: unknown; errors?: unknown[] };
      expect(body.data).toEqual({ found: { title: 'First' }, broken: null });
      expect(body.errors).toHaveLength(1);
      expect(response.headers.get('etag')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(fixture.lookups()).toBe(2);

    const invalid = await get(getUrl(fixture.server.url, '{ noSuchField }'));
    expect(invalid.headers.get('etag')).toBeNull();
  });

  it('still refuses a GET the CSRF rule refuses, even when its answer is kept', async () => {
    const url = getUrl(fixture.server.url, ARTICLE, { slug: 'news/first' });
    await get(url);
    const unsafe = await fetch(url);
    expect(unsafe.status).toBe(400);
    const wrongType = await get(url, { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(fixture.lookups()).toBe(1);
  });
});

describe('response cache with the other request handling', () => {
  it('sends the CORS headers with a stored answer too', async () => {
    const fixture = await serve({ corsOrigins: ['https://app.example'] });
    try {
      const url = getUrl(fixture.server.url, ARTICLE, { slug: 'news/first' });
      for (const response of [await get(url, { origin: 'https://app.example' }), await get(url, { origin: 'https://app.example' })]) {
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
        expect(response.headers.get('vary')).toMatch(/origin/i);
        expect(response.headers.get('vary')).toMatch(/accept/i);
      }
      expect(fixture.lookups()).toBe(1);
    } finally {
      await fixture.remove();
    }
  });

  it('keeps the answer to a persisted document named by its id', async () => {
    const fixture = await serve();
    try {
      const hash = createHash('sha256').update(ARTICLE).digest('hex');
      const variables = JSON.stringify({ slug: 'news/second' });
      const persistedQuery = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
      const register = await get(
        `${fixture.server.url}?${new URLSearchParams({ query: ARTICLE, variables, extensions: persistedQuery }).toString()}`,
      );
      expect(register.status).toBe(200);

      const byId = `${fixture.server.url}?${new URLSearchParams({ documentId: `sha256:${hash}`, variables }).toString()}`;
      const first = await get(byId);
      expect(await first.json()).toEqual({ data: { article: { title: 'Second' } } });
      const etag = first.headers.get('etag')!;
      expect(etag).toBeTruthy();
      const second = await get(byId);
      expect(second.headers.get('etag')).toBe(etag);
      expect((await get(byId, { 'if-none-match': etag })).status).toBe(304);
      expect(fixture.lookups()).toBe(2);
    } finally {
      await fixture.remove();
    }
  });
});

describe('response cache turned off', () => {
  it('runs every GET and sends no validators', async () => {
    const fixture = await serve({ responseCacheBytes: 0 });
    try {
      const url = getUrl(fixture.server.url, ARTICLE, { slug: 'news/first' });
      for (const response of [await get(url), await get(url)]) {
        expect(response.status).toBe(200);
        expect(response.headers.get('etag')).toBeNull();
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
      expect(fixture.lookups()).toBe(2);
    } finally {
      await fixture.remove();
    }
  });
});
