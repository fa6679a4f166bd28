/**
 * Varied traffic does not grow the heap past the configured bounds. The built CLI serves a few
 * hundred posts with every memo and cache set small; the test sends 10,000 distinct GET queries
 * (document cache, cost memo, response cache), 10,000 distinct `dateFrom` filters (filter memo,
 * cost memo) and 10,000 distinct automatic persisted query registrations (APQ store, document
 * cache), then reads the server's heap after a full collection through its inspector. It must
 * stay under the heap after load plus the sum of the bounds: with any one memo unbounded, the
 * same traffic holds several times that sum. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { builtCli, PROJECT_ROOT, servingUrl } from '../helpers/cli';
import { inspectorUrl, openHeapProbe, type HeapProbe } from '../helpers/heap-probe';
import { makeTree, post } from '../helpers/temp-tree';

const ARTICLES = 600;
const DISTINCT = 10_000;
/** Requests done before the heap after load is read, so that it includes the code they compile. */
const WARM_UP = 300;
const CONCURRENCY = 16;
const MIB = 2 ** 20;

/** Small bounds, so that 10,000 distinct requests of each kind overflow every one of them many times. */
const BOUNDS_MIB = {
  'document-cache-mib': 2,
  'compiled-query-cache-mib': 2,
  'cost-memo-mib': 1,
  'filter-memo-mib': 2,
  'apq-cache-mib': 2,
  'response-cache-mib': 1,
};
const BOUNDS_BYTES = Object.values(BOUNDS_MIB).reduce((sum, mib) => sum + mib * MIB, 0);

/** A comment that makes each document weigh what a real one does. */
const PADDING = `# ${'padding '.repeat(64)}\n`;

const FILTER = 'query Filtered($from: DateTimeISO!) { articles(filter: { dateFrom: $from }, first: 1) { totalCount } }';

interface Served {
  url: string;
  heap: HeapProbe;
  child: ChildProcess;
}

async function serve(root: string): Promise<Served> {
  const flags = Object.entries(BOUNDS_MIB).flatMap(([flag, mib]) => [`--${flag}`, String(mib)]);
  const child = spawn(
    process.execPath,
    ['--inspect=127.0.0.1:0', builtCli(), 'serve', '--content', root, '--port', '0', '--no-watch', ...flags],
    { cwd: PROJECT_ROOT, env: { ...process.env, NODE_ENV: 'production', LOG_FORMAT: 'json' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const inspector = new Promise<string>((resolve) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      const url = inspectorUrl(line);
      if (url) resolve(url);
    });
  });
  const url = await servingUrl(child);
  return { url, heap: await openHeapProbe(await inspector), child };
}

/** What the three kinds of request send, the `index`-th of each distinct from every other. */
function distinctQuery(url: string, index: number): Promise<Response> {
  const query = `${PADDING}{ q${index}: contentStatus { articles } }`;
  return fetch(`${url}?${new URLSearchParams({ query }).toString()}`, { headers: { 'apollo-require-preflight': 'true' } });
}

function distinctFilter(url: string, index: number): Promise<Response> {
  // Every post is dated 2022: each filter matches them all, so each memo entry lists every article.
  const from = new Date(Date.UTC(2000, 0, 1) + index * 1000).toISOString();
  return postJson(url, { query: FILTER, variables: { from } });
}

function distinctRegistration(url: string, index: number): Promise<Response> {
  const query = `${PADDING}{ p${index}: contentStatus { version } }`;
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  return postJson(url, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
}

function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const KINDS = [distinctQuery, distinctFilter, distinctRegistration];

/** Sends the requests numbered `from` to `to` of every kind, a few at a time; every answer must be data without errors. */
async function sendDistinct(url: string, from: number, to: number): Promise<void> {
  let next = from;
  const failures: string[] = [];
  const worker = async () => {
    while (next < to) {
      const index = next++;
      for (const send of KINDS) {
        const response = await send(url, index);
        const body = (await response.json()) as { data?: unknown; errors?: unknown };
        if (response.status !== 200 || body.errors || !body.data) failures.push(`${send.name} ${index}: ${JSON.stringify(body)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect(failures.slice(0, 3)).toEqual([]);
}

let served: Served;
let remove: () => Promise<void>;

beforeAll(async () => {
  const files = Object.fromEntries(
    Array.from({ length: ARTICLES }, (_, index) => [`wire/post-${index}.md`, post(`Post ${index}`, `A short wire item, number ${index}.`)]),
  );
  const tree = await makeTree(files);
  remove = tree.remove;
  served = await serve(tree.root);
}, 60_000);

afterAll(async () => {
  served.heap.close();
  served.child.kill('SIGTERM');
  await once(served.child, 'exit');
  await remove();
});

it(`holds the heap under its bounds after ${DISTINCT} distinct queries, filters and APQ registrations`, async () => {
  await sendDistinct(served.url, 0, WARM_UP);
  const afterLoad = await served.heap.usedAfterGc();
  await sendDistinct(served.url, WARM_UP, WARM_UP + DISTINCT);
  const afterTraffic = await served.heap.usedAfterGc();
  const figures = { afterLoadMiB: afterLoad / MIB, afterTrafficMiB: afterTraffic / MIB, boundsMiB: BOUNDS_BYTES / MIB };
  expect({ ...figures, withinBounds: afterTraffic <= afterLoad + BOUNDS_BYTES }).toEqual({ ...figures, withinBounds: true });
}, 240_000);
