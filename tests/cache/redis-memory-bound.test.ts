/**
 * What keeps the shared cache bounded in a Redis the operator owns: each entry has a TTL and at
 * most `redisMaxEntryBytes`, and the whole is the Redis's `maxmemory`, which a replica checks at
 * connect. Against real `redis-server`s: one without `maxmemory` (a warning in the log and on
 * `/readyz`), one with `maxmemory` and `allkeys-lru` (no warning), one with `CONFIG` renamed
 * away, as managed services do (unknown).
 */
import type { ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { ServerOptions } from '../../src/server';
import { serveCountingLookups, type CountingServer } from '../helpers/counting-server';
import { freePort, startRedis, stopRedis, until } from '../helpers/redis';
import { describeWithProgram, REDIS_SERVER } from '../helpers/system-package';
import { makeTree, post } from '../helpers/temp-tree';

const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const MAX_ENTRY_BYTES = 4096;

interface SharedCacheReport {
  status: string;
  memory?: { bound: string; maxmemoryBytes?: number; policy?: string; error?: string };
  warning?: string;
}

interface LogLine {
  level: number;
  msg: string;
}

describeWithProgram(REDIS_SERVER, "the shared cache's bounds in Redis", (program) => {
  let root: string;
  // What has been started so far, so that afterAll stops just that when a step fails.
  const stops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const body = `<p>${'A long paragraph of the article. '.repeat(400)}</p>`;
    const tree = await makeTree({ 'news/short.md': post('Short', '<p>One.</p>'), 'news/long.md': post('Long', body) });
    root = tree.root;
    stops.push(tree.remove);
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  /** A Redis of its own with these settings, and a replica using it that logs to `lines`. */
  async function replicaOn(settings: readonly string[], options: Partial<ServerOptions> = {}) {
    const port = await freePort();
    const redis: ChildProcess = await startRedis(program, port, settings);
    stops.push(() => stopRedis(redis));
    const lines: LogLine[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    const replica = await serveCountingLookups(root, {
      redisUrl: `redis://127.0.0.1:${port}`,
      logger: pino({ level: 'info' }, sink),
      ...options,
    });
    stops.push(() => replica.server.close());
    const client = new Redis(port, '127.0.0.1');
    stops.push(async () => {
      client.disconnect();
      return Promise.resolve();
    });
    const report = async () =>
      ((await (await fetch(new URL('/readyz', replica.server.url))).json()) as { sharedCache: SharedCacheReport }).sharedCache;
    await until(async () => (await report()).memory !== undefined);
    return { replica, client, lines, report };
  }

  const warnings = (lines: LogLine[]) => lines.filter((line) => line.level === 40).map((line) => line.msg);

  it('warns once, in the log and on /readyz, when Redis has no maxmemory, and again not after a reconnection', async () => {
    const { client, lines, report } = await replicaOn([]);
    const first = await report();
    expect(first).toMatchObject({ status: 'available', memory: { bound: 'unbounded', maxmemoryBytes: 0 } });
    expect(first.warning).toContain('set maxmemory and maxmemory-policy allkeys-lru');
    expect(warnings(lines)).toEqual([first.warning]);

    await client.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    // The replica reconnects and asks again.
    await until(async () => /cmdstat_config\|get:calls=2,/.test(await client.info('commandstats')));
    expect(await report()).toMatchObject({ status: 'available', memory: { bound: 'unbounded' }, warning: first.warning });
    expect(warnings(lines).filter((line) => line === first.warning)).toHaveLength(1);
  });

  it('says nothing is wrong with a maxmemory and an evicting policy', async () => {
    const { lines, report } = await replicaOn(['--maxmemory', '8mb', '--maxmemory-policy', 'allkeys-lru']);
    const shown = await report();
    expect(shown).toEqual({
      status: 'available',
      memory: { bound: 'evicting', maxmemoryBytes: 8 * 2 ** 20, policy: 'allkeys-lru' },
    });
    expect(warnings(lines)).toEqual([]);
  });

  it('warns of noeviction, under which writes fail once Redis is full', async () => {
    const { report } = await replicaOn(['--maxmemory', '8mb', '--maxmemory-policy', 'noeviction']);
    expect(await report()).toMatchObject({ memory: { bound: 'noeviction' }, warning: expect.stringContaining('noeviction') });
  });

  it('says the bound is unknown when Redis refuses CONFIG', async () => {
    const { lines, report } = await replicaOn(['--rename-command', 'CONFIG', '']);
    const shown = await report();
    expect(shown).toMatchObject({ status: 'available', memory: { bound: 'unknown', error: expect.stringContaining('unknown command') } });
    expect(shown.warning).toBeUndefined();
    expect(lines.map((line) => line.msg)).toContainEqual(expect.stringContaining('cannot tell whether Redis bounds its memory'));
  });

  it('writes no answer larger than the entry bound to Redis, and still serves it again from its own cache', async () => {
    const { replica, client } = await replicaOn(['--maxmemory', '8mb', '--maxmemory-policy', 'allkeys-lru'], {
      redisMaxEntryBytes: MAX_ENTRY_BYTES,
    });
    const answers = async () => (await client.keys('content-gateway:response:*')).length;
    const ask = async (server: CountingServer, slug: string) => {
      const search = new URLSearchParams({ query: `{ article(slug: "${slug}") { html } }` });
      const response = await fetch(`${server.server.url}?${search.toString()}`, { headers: PREFLIGHT });
      return { status: response.status, bytes: Buffer.byteLength(await response.text()) };
    };

    const long = await ask(replica, 'news/long');
    expect(long.status).toBe(200);
    expect(long.bytes).toBeGreaterThan(MAX_ENTRY_BYTES);
    const short = await ask(replica, 'news/short');
    expect(short.bytes).toBeLessThan(MAX_ENTRY_BYTES);
    // Writes go out in order on one connection: once the short answer is there, the long one would be too.
    await until(async () => (await answers()) >= 1);
    expect(await answers()).toBe(1);

    const lookups = replica.lookups();
    expect(await ask(replica, 'news/long')).toEqual(long);
    expect(replica.lookups()).toBe(lookups);
  });
});
