/**
 * Two replicas sharing one real Redis: an answer made by one is a hit on the other, with the
 * same ETag; a document registered by APQ on one runs by hash on the other; with Redis gone
 * both keep answering and say so on `/readyz`, and use it again once it is back.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { RunningServer } from '../../src/server';
import { describeWithProgram, REDIS_SERVER } from '../helpers/system-package';
import { serveCountingLookups } from '../helpers/counting-server';
import { freePort, startRedis, stopRedis, until } from '../helpers/redis';
import { makeTree, post } from '../helpers/temp-tree';

const ARTICLE = 'query Article($slug: String!) { article(slug: $slug) { title } }';
const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Replica {
  server: RunningServer;
  readyz(): Promise<{ sharedCache?: { status: string } }>;
  /** Article lookups made by this replica: an answer from a cache makes none. */
  lookups(): number;
}

async function replica(root: string, redisUrl: string): Promise<Replica> {
  const { server, lookups } = await serveCountingLookups(root, { redisUrl });
  return {
    server,
    lookups,
    readyz: async () => (await fetch(new URL('/readyz', server.url))).json() as Promise<{ sharedCache?: { status: string } }>,
  };
}

describeWithProgram(REDIS_SERVER, 'replicas sharing a cache in Redis', (program) => {
  let redis: ChildProcess;
  let port: number;
  let a: Replica;
  let b: Replica;
  // What beforeAll has started so far, so that afterAll stops just that when a step fails.
  const stops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(program, port);
    stops.push(() => stopRedis(redis));
    const tree = await makeTree({ 'news/first.md': post('First', '<p>One.</p>'), 'news/second.md': post('Second', '<p>Two.</p>') });
    stops.push(tree.remove);
    a = await replica(tree.root, `redis://127.0.0.1:${port}`);
    stops.push(() => a.server.close());
    b = await replica(tree.root, `redis://127.0.0.1:${port}`);
    stops.push(() => b.server.close());
    await until(
      async () => (await a.readyz()).sharedCache?.status === 'available' && (await b.readyz()).sharedCache?.status === 'available',
    );
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  const url = (replica: Replica, slug: string) =>
    `${replica.server.url}?${new URLSearchParams({ query: ARTICLE, variables: JSON.stringify({ slug }) }).toString()}`;

  /** Asks B until A's answer has reached Redis; the write is not waited for. */
  async function askBUntilHit(slug: string, more = ''): Promise<Response> {
    for (;;) {
      const before = b.lookups();
      const answer = await fetch(url(b, slug) + more, { headers: PREFLIGHT });
      if (b.lookups() === before) return answer;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("answers on B what A answered, from Redis, with the same body and ETag, and B answers A's ETag with 304", async () => {
    const first = await fetch(url(a, 'news/first'), { headers: PREFLIGHT });
    const body = await first.text();
    expect(JSON.parse(body)).toEqual({ data: { article: { title: 'First' } } });
    const etag = first.headers.get('etag')!;

    const onB = await fetch(url(b, 'news/first'), { headers: { ...PREFLIGHT, 'if-none-match': etag } });
    expect(onB.status).toBe(304);
    const hit = await askBUntilHit('news/first');
    expect(await hit.text()).toBe(body);
    expect(hit.headers.get('etag')).toBe(etag);
  });

  it('runs on B by its hash a document registered on A', async () => {
    const query = 'query Registered { contentStatus { articles } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const send = async (replica: Replica, payload: object) =>
      (
        await fetch(replica.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) })
      ).json();
    expect(await send(a, { query, extensions })).toEqual({ data: { contentStatus: { articles: 2 } } });
    let onB: unknown;
    await until(async () => {
      onB = await send(b, { extensions });
      return JSON.stringify(onB).includes('"data"');
    });
    expect(onB).toEqual({ data: { contentStatus: { articles: 2 } } });
  });

  it('serves without Redis while it is down, says so on /readyz, and uses it again when it is back', async () => {
    await stopRedis(redis);
    await until(async () => (await b.readyz()).sharedCache?.status === 'unavailable');
    const answer = await fetch(url(b, 'news/second'), { headers: PREFLIGHT });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { article: { title: 'Second' } } });

    redis = await startRedis(program, port);
    await until(
      async () => (await a.readyz()).sharedCache?.status === 'available' && (await b.readyz()).sharedCache?.status === 'available',
    );
    const fresh = await fetch(url(a, 'news/first') + '&operationName=Article', { headers: PREFLIGHT });
    expect(fresh.status).toBe(200);
    expect((await askBUntilHit('news/first', '&operationName=Article')).status).toBe(200);
  });
});
