import { Writable } from 'node:stream';
import pino from 'pino';
import type { ContentSnapshot } from '../../src/content/model';
import { ContentStore } from '../../src/content/content-store';
import { startServerUnderTest } from '../helpers/server';
import { FIXTURE_ROOT, startTestServer, type TestServer } from '../helpers/harness';
import type { Json } from '../helpers/json';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ debug: false });
});
afterAll(() => server.close());

const json = (response: Response) => response.json() as Promise<Json>;
const origin = () => new URL(server.url).origin;
const QUERY = '{ contentStatus { articles } }';

describe('GraphQL over HTTP', () => {
  it('answers POST with application/json by default', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json(response)).toEqual({ data: { contentStatus: { articles: 29 } } });
  });

  it('answers with application/graphql-response+json when asked', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('answers 400 to a query that does not validate, with graphql-response+json', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ noSuchField }' }),
    });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('runs a query over GET with a preflight header', async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent(QUERY)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ data: { contentStatus: { articles: 29 } } });
  });

  it('blocks a GET without content-type or preflight header (CSRF prevention)', async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent(QUERY)}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('refuses a mutation over GET', async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent('mutation { x }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(405);
  });

  it('rejects a body that is not JSON', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(response.status).toBe(400);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${origin()}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${origin()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', version: expect.any(String) });
  });

  it('is alive but not ready while content loads, and serves once it has', async () => {
    let finishLoading!: (source: { current(): ContentSnapshot }) => void;
    const loading = new Promise<{ current(): ContentSnapshot }>((resolve) => {
      finishLoading = resolve;
    });
    const pending = await startServerUnderTest({ content: loading, port: 0, logger: pino({ level: 'silent' }) });
    try {
      const base = new URL(pending.url).origin;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      const early = await fetch(pending.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });
      expect(early.status).toBe(503);
      expect((await json(early)).errors[0].extensions.code).toBe('CONTENT_NOT_READY');

      finishLoading({ current: () => fakeSnapshot() });
      await pending.ready;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    } finally {
      await pending.close();
    }
  });
});

/** A snapshot whose lookups fail the way a bug would. */
function fakeSnapshot(): ContentSnapshot {
  const fail = () => {
    throw new Error('secret detail: index corrupted at /var/data');
  };
  return {
    status: {
      version: 'v1',
      loadedAt: new Date(0),
      files: 0,
      articles: 0,
      unpublished: 0,
      categories: 0,
      authors: 0,
      tags: 0,
      sections: 0,
      errors: 0,
      warnings: 0,
      diagnostics: [],
    },
    articlesBySlug: fail,
    bodiesBySlug: fail,
    categoriesBySlug: fail,
    authorsBySlug: fail,
    tagsBySlug: fail,
    findArticles: fail,
    articleNeighbours: fail,
    relatedArticles: fail,
    listCategories: fail,
    allCategories: fail,
    listAuthors: fail,
    listTags: fail,
    matchArticles: fail,
    searchArticles: fail,
    searchIndexBuilt: () => Promise.resolve(),
  };
}

describe('routes', () => {
  it('answers 404 outside the endpoint, the health checks and the IDE assets', async () => {
    for (const path of ['/', '/graphq', '/graphql/extra', '/graphql/ide', '/healthz/x']) {
      const response = await fetch(`${origin()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it('serves the endpoint with a trailing slash too', async () => {
    const response = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(await json(response)).toEqual({ data: { contentStatus: { articles: 29 } } });
  });

  it('answers HEAD on the health checks and refuses other methods there', async () => {
    const head = await fetch(`${origin()}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${origin()}/readyz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('internal errors', () => {
  async function failingRequest(production: boolean) {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const failing = await startServerUnderTest({
      content: { current: fakeSnapshot },
      port: 0,
      production,
      logger: pino({ level: 'info' }, sink),
    });
    try {
      const response = await fetch(failing.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ tags { name } }' }),
      });
      return { body: await json(response), log: lines.join('') };
    } finally {
      await failing.close();
    }
  }

  it('are masked in production, with the details in the log', async () => {
    const { body, log } = await failingRequest(true);
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['tags'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('secret detail');
    expect(log).toContain('secret detail: index corrupted');
  });

  it('keep their message outside production', async () => {
    const { body } = await failingRequest(false);
    expect(body.errors[0].message).toContain('secret detail');
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('CORS', () => {
  const preflight = (url: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('sends no CORS headers by default', async () => {
    const response = await preflight(server.url);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows configured origins only', async () => {
    const open = await startTestServer({ corsOrigins: ['https://app.example'] });
    try {
      expect((await preflight(open.url)).headers.get('access-control-allow-origin')).toBe('https://app.example');
      const other = await fetch(open.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });
});

describe('shutdown', () => {
  it('finishes a request in flight before closing', async () => {
    const store = await ContentStore.open(FIXTURE_ROOT);
    let requestStarted: (() => void) | undefined;
    const started = new Promise<void>((resolve) => {
      requestStarted = resolve;
    });
    let serving = false;
    const closing = await startServerUnderTest({
      content: {
        current() {
          // The first call logs what was loaded; later ones start requests.
          if (serving) requestStarted?.();
          return store.current();
        },
      },
      port: 0,
      logger: pino({ level: 'silent' }),
    });
    await closing.ready;
    serving = true;
    const inFlight = fetch(closing.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 100) { nodes { text sections { text } } } }' }),
    });
    await started;
    const closed = closing.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await json(response)).data.articles.nodes).toHaveLength(29);
    await closed;
    await expect(fetch(closing.url)).rejects.toThrow();
  });
});
