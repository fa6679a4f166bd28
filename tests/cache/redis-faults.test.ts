/**
 * The shared cache in a real Redis that is flushed or stops answering under running replicas:
 * answers stay right and come without waiting for Redis, the replica says so in its log and on
 * `/readyz`, and the cache fills and is used again afterwards.
 */
import type { ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import { serveCountingLookups, type CountingServer } from '../helpers/counting-server';
import { freePort, startRedis, stopRedis, until } from '../helpers/redis';
import { describeWithProgram, REDIS_SERVER } from '../helpers/system-package';
import { makeTree, post } from '../helpers/temp-tree';

const ARTICLE = 'query Article($slug: String!) { article(slug: $slug) { title } }';
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

interface SharedCacheReport {
  status: string;
  error?: string;
}

describeWithProgram(REDIS_SERVER, 'a shared cache in Redis that is flushed or slow', (program) => {
  let redis: ChildProcess;
  let client: Redis;
  let a: CountingServer;
  let b: CountingServer;
  let remove: () => Promise<void>;
  const warnings: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    redis = await startRedis(program, port);
    client = new Redis(port, '127.0.0.1');
    const tree = await makeTree({ 'news/first.md': post('First', '<p>One.</p>'), 'news/second.md': post('Second', '<p>Two.</p>') });
    remove = tree.remove;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          const entry = JSON.parse(line) as { level: number; msg: string };
          if (entry.level === 40) warnings.push(entry.msg);
        }
        done();
      },
    });
    const url = `redis://127.0.0.1:${port}`;
    a = await serveCountingLookups(tree.root, { redisUrl: url });
    b = await serveCountingLookups(tree.root, { redisUrl: url, logger: pino({ level: 'info' }, sink) });
    await until(async () => (await sharedCacheOf(a)).status === 'available' && (await sharedCacheOf(b)).status === 'available');
    // Two replicas loading at once on a machine shared with other work take their time.
  }, 120_000);
  afterAll(async () => {
    await a.server.close();
    await b.server.close();
    client.disconnect();
    if (redis.signalCode === 'SIGSTOP') redis.kill('SIGCONT');
    await stopRedis(redis);
    await remove();
  });

  async function sharedCacheOf(replica: CountingServer): Promise<SharedCacheReport> {
    const body = (await (await fetch(new URL('/readyz', replica.server.url))).json()) as { sharedCache: SharedCacheReport };
    return body.sharedCache;
  }

  /** A request of its own each time (`tag` in the operation name), so that no local cache answers it. */
  const ask = async (replica: CountingServer, slug: string, tag: string) => {
    const search = new URLSearchParams({ query: ARTICLE.replace('Article(', `Article${tag}(`), variables: JSON.stringify({ slug }) });
    const response = await fetch(`${replica.server.url}?${search.toString()}`, { headers: PREFLIGHT });
    return { status: response.status, body: await response.json() };
  };
  const answerCount = async () => (await client.keys('content-gateway:response:*')).length;

  it('answers right after FLUSHALL, from the content, and fills Redis again', async () => {
    expect(await ask(a, 'news/first', 'Flushed')).toEqual({ status: 200, body: { data: { article: { title: 'First' } } } });
    await until(async () => (await answerCount()) === 1);
    await client.flushall();
    expect(await answerCount()).toBe(0);

    const before = b.lookups();
    expect(await ask(b, 'news/first', 'Flushed')).toEqual({ status: 200, body: { data: { article: { title: 'First' } } } });
    expect(b.lookups()).toBeGreaterThan(before);
    await until(async () => (await answerCount()) === 1);
    expect((await sharedCacheOf(b)).status).toBe('available');
  });

  it('answers without waiting while Redis does not answer, says so in the log and on /readyz, and uses it again after', async () => {
    // A stopped process keeps its connections open and answers nothing: the slowest Redis there is.
    redis.kill('SIGSTOP');
    try {
      const answered = await ask(b, 'news/second', 'Stopped');
      expect(answered).toEqual({ status: 200, body: { data: { article: { title: 'Second' } } } });
      const report = await sharedCacheOf(b);
      expect(report.status).toBe('unavailable');
      expect(report.error).toContain('timed out');
      expect(warnings).toContainEqual(expect.stringContaining('shared cache in Redis unavailable'));
    } finally {
      redis.kill('SIGCONT');
    }
    await until(async () => {
      await ask(b, 'news/second', `Back${Date.now()}`);
      return (await sharedCacheOf(b)).status === 'available';
    });
    const keys = await answerCount();
    await ask(b, 'news/first', 'AfterStop');
    await until(async () => (await answerCount()) > keys);
  });
});
