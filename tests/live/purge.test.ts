/**
 * `--purge-url` and `contentChanged.keys`: after each reload the server POSTs the surrogate
 * keys the reload made stale to a purge endpoint (here a receiver started by the test), the
 * same keys the subscription announces. The receiver fails first, to see the retries in the
 * log, and then holds a request, to see reloads go on meanwhile and their keys wait, merged,
 * for the next purge.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerOptions } from '../../src/server';
import { Writable } from 'node:stream';
import pino from 'pino';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id';
import { post, writeTree } from '../helpers/temp-tree';
import { startLiveSite, subscribeToChanges, waitFor, type ChangeFeed, type LiveSite } from './live-site';

interface Receiver {
  url: string;
  /** Every request body, parsed, in the order they came. */
  bodies: { keys: string[] }[];
  /** How a request is answered: a status, or a promise of one the answer waits for. */
  answer: (body: { keys: string[] }) => number | Promise<number>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const bodies: { keys: string[] }[] = [];
  const receiver = { answer: (): number | Promise<number> => 204 } as Pick<Receiver, 'answer'>;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { keys: string[] };
      bodies.push(body);
      void Promise.resolve(receiver.answer(body)).then((status) => response.writeHead(status).end());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/purge`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  });
}

/** The bodies that name an article: the canary's reloads may purge at any time. */
const naming = (receiver: Receiver, slug: string) => receiver.bodies.filter((body) => body.keys.includes(articleKey(slug)));

/** Waits for a condition on what the test has seen so far. */
const until = <T>(probe: () => T | null | undefined, what: string, timeoutMs?: number) =>
  waitFor(() => Promise.resolve(probe()), what, timeoutMs);

const articleKey = (slug: string) => `Article:${toGlobalId('Article', slug)}`;

interface PurgedSite {
  site: LiveSite;
  receiver: Receiver;
  feed: ChangeFeed;
  logLines: { msg: string; level: number }[];
  write: (relative: string, text: string) => Promise<void>;
  close(): Promise<void>;
}

/** A live site purging to a receiver of its own, with a `contentChanged` subscription that has delivered once. */
async function startPurgedSite(overrides: Partial<ServerOptions> = {}): Promise<PurgedSite> {
  const receiver = await startReceiver();
  const logLines: { msg: string; level: number }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        logLines.push(JSON.parse(line) as { msg: string; level: number });
      done();
    },
  });
  const site = await startLiveSite(
    { 'news/alpha.md': post('Alpha', '<h3>One</h3><p>Text.</p><h3>Two</h3><p>More.</p>'), 'news/beta.md': post('Beta', '<p>Beta.</p>') },
    { purgeUrl: receiver.url, logger: pino({ level: 'info' }, sink), ...overrides },
  );
  const feed = subscribeToChanges(site.server.url, 'version added updated removed keys');
  const write = (relative: string, text: string) => writeTree(site.root, { [relative]: text });
  // The subscription is set up asynchronously: touch a file until the first event arrives.
  let attempt = 0;
  await waitFor(
    async () => {
      await write('canary.md', post('Canary', `attempt ${attempt++}`));
      return until(() => feed.events[0], 'the first event', 500).catch(() => null);
      // Generous: a machine shared with other work takes its time to start the watcher and the socket.
    },
    'the subscription to deliver',
    90_000,
  );
  await site.watcher.settled();
  return {
    site,
    receiver,
    feed,
    logLines,
    write,
    async close() {
      await feed.close();
      await site.close();
      await receiver.close();
    },
  };
}

describe('purges after each reload', () => {
  let purged: PurgedSite;
  let site: LiveSite;
  let receiver: Receiver;
  let feed: ChangeFeed;
  let logLines: PurgedSite['logLines'];
  let write: PurgedSite['write'];

  beforeAll(async () => {
    purged = await startPurgedSite();
    ({ site, receiver, feed, logLines, write } = purged);
  }, 150_000);

  afterAll(() => purged.close());

  it('POSTs the keys contentChanged announces, retrying a failing endpoint with backoff, and logs each attempt', async () => {
    let failures = 2;
    receiver.answer = (body) => (body.keys.includes(articleKey('news/alpha')) && failures-- > 0 ? 503 : 204);
    await write('news/alpha.md', post('Alpha, edited', '<h3>One</h3><p>Text.</p><h3>Three</h3><p>New.</p>'));
    const event = await until(() => feed.events.find((change) => change.updated.includes('news/alpha')), 'the edit');
    await until(() => naming(receiver, 'news/alpha').length === 3 || null, 'two failures and a success');

    const { article } = (await site.server.data(
      '{ article(slug: "news/alpha") { id author { id } tags { id } categories { id ancestors { id } } sections { id } } }',
    )) as {
      article: {
        id: string;
        author: { id: string };
        tags: { id: string }[];
        categories: { id: string; ancestors: { id: string }[] }[];
        sections: { id: string }[];
      };
    };
    expect(event.keys).toEqual(
      expect.arrayContaining([
        'ContentStatus',
        'Article',
        'list:Article',
        `Article:${article.id}`,
        `Author:${article.author.id}`,
        ...article.tags.map((tag) => `Tag:${tag.id}`),
        ...article.categories.flatMap((category) => [category, ...category.ancestors]).map((category) => `Category:${category.id}`),
        ...article.sections.map((section) => `Section:${section.id}`),
        // The section the edit removed: answers holding it are stale too.
        `Section:${toGlobalId('Section', 'news/alpha#two')}`,
      ]),
    );
    expect(event.keys).not.toContain(articleKey('news/beta'));
    for (const body of naming(receiver, 'news/alpha')) expect(body).toEqual({ keys: event.keys });

    const purgeLines = logLines.filter((line) => line.msg.includes('purge'));
    expect(purgeLines.filter((line) => line.msg.startsWith('purge attempt')).map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        'purge attempt 1 failed (HTTP 503); retrying in 250 ms',
        'purge attempt 2 failed (HTTP 503); retrying in 500 ms',
      ]),
    );
    expect(purgeLines.map((line) => line.msg)).toContain(`purged ${event.keys?.length ?? 0} surrogate keys`);
  });

  it('goes on reloading while a purge is in flight, and merges the keys of those reloads into one next purge', async () => {
    let release!: (status: number) => void;
    const held = new Promise<number>((resolve) => (release = resolve));
    receiver.answer = (body) => (body.keys.includes(articleKey('news/gamma')) ? held : 204);
    await write('news/gamma.md', post('Gamma', '<p>Gamma.</p>'));
    await until(() => naming(receiver, 'news/gamma').length === 1 || null, 'the held purge');
    await write('news/delta.md', post('Delta', '<p>Delta.</p>'));
    await until(() => feed.events.find((change) => change.added.includes('news/delta')), 'a reload during the purge');
    await write('news/epsilon.md', post('Epsilon', '<p>Epsilon.</p>'));
    await until(() => feed.events.find((change) => change.added.includes('news/epsilon')), 'another reload during the purge');
    expect(naming(receiver, 'news/delta')).toHaveLength(0);

    release(204);
    await until(() => naming(receiver, 'news/delta').length === 1 || null, 'the merged purge');
    const merged = naming(receiver, 'news/delta');
    expect(naming(receiver, 'news/epsilon')).toEqual(merged);
    const keys = merged.flatMap((body) => body.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('purges in batches', () => {
  const BATCH = 4;
  let purged: PurgedSite;
  beforeAll(async () => {
    purged = await startPurgedSite({ purgeBatchKeys: BATCH });
  }, 150_000);
  afterAll(() => purged.close());

  it('sends a reload with more keys than a batch holds as several POSTs of at most that many, together every key', async () => {
    const { receiver, feed, write } = purged;
    const sections = Array.from({ length: 6 }, (_, index) => `<h3>Part ${index}</h3><p>Text ${index}.</p>`).join('');
    const before = receiver.bodies.length;
    await write('news/zeta.md', post('Zeta', sections));
    const event = await until(() => feed.events.find((change) => change.added.includes('news/zeta')), 'the addition');
    const keys = event.keys ?? [];
    expect(keys.length).toBeGreaterThan(2 * BATCH);
    const sent = () => receiver.bodies.slice(before).flatMap((body) => body.keys);
    await until(() => keys.every((key) => sent().includes(key)) || null, 'every key of the reload');

    const bodies = receiver.bodies.slice(before);
    expect(bodies.length).toBeGreaterThanOrEqual(Math.ceil(keys.length / BATCH));
    for (const body of bodies) expect(body.keys.length).toBeLessThanOrEqual(BATCH);
    // Batches split the keys waiting; none is sent twice for one reload. Keys every reload
    // shares (`ContentStatus`, `list:Article`) may come again from a canary reload whose purge
    // was still draining, so the keys only this reload made stale are the ones counted.
    const ownKeys = keys.filter((key) => fromGlobalId(key.slice(key.indexOf(':') + 1))?.key.startsWith('news/zeta'));
    expect(ownKeys.length).toBe(1 + 6);
    for (const key of ownKeys) expect(sent().filter((sentKey) => sentKey === key)).toHaveLength(1);
  });
});
