/**
 * What reading a body costs, by where it is kept: in the heap (a start without the cache), one file per
 * body (the cache's body files, `src/content/cache/body-file.ts`) and, when given a folder where `lmdb`
 * is installed, one LMDB database. Loads a corpus without the cache (so each post holds its HTML as a
 * parse gives it), writes every body to each store, then reads `--reads` bodies at random from each, one
 * at a time and in pages of 20 (a page of cards). Writes the figures to `bench/results/body-store.json`.
 *
 *   npm run build && npx tsc -p bench/tsconfig.json
 *   npm install --prefix /tmp/lmdb-scratch lmdb@3.5.6   # optional, outside the project
 *   node bench/dist/bench/body-store.js --content bench/corpus-out/10000 --lmdb-from /tmp/lmdb-scratch
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { htmlOfBody, type PortableHtml } from '../src/content/body/portable';
import { BODIES_FOLDER, readBodyFile, writeBodyFile } from '../src/content/cache/body-file';
import { ContentStore } from '../src/content/content-store';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from './cli-args';
import { createRandom } from './corpus/random';

const PAGE = 20;
const WARM_UP_READS = 2_000;

/** One way of keeping bodies: put them all, then get one by its content hash. */
interface Engine {
  name: string;
  putAll(bodies: ReadonlyMap<string, PortableHtml>): void;
  get(contentHash: string): PortableHtml;
  bytesOnDisk(): Promise<number | null>;
  close(): Promise<void>;
}

const rounded = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

function heapEngine(): Engine {
  let held = new Map<string, PortableHtml>();
  return {
    name: 'heap',
    putAll: (bodies) => {
      held = new Map(bodies);
    },
    get: (contentHash) => held.get(contentHash) ?? missing(contentHash),
    bytesOnDisk: () => Promise.resolve(null),
    close: () => Promise.resolve(),
  };
}

async function fileEngine(scratch: string): Promise<Engine> {
  const directory = await mkdtemp(path.join(scratch, 'files-'));
  await mkdir(path.join(directory, BODIES_FOLDER));
  return {
    name: 'one file per body',
    putAll: (bodies) => {
      for (const [contentHash, html] of bodies) writeBodyFile(directory, contentHash, html);
    },
    get: (contentHash) => {
      const read = readBodyFile(directory, contentHash);
      return read.kind === 'found' ? read.html : missing(contentHash);
    },
    bytesOnDisk: async () => {
      const names = await readdir(path.join(directory, BODIES_FOLDER));
      const sizes = await Promise.all(names.map(async (name) => (await stat(path.join(directory, BODIES_FOLDER, name))).size));
      return sizes.reduce((sum, size) => sum + size, 0);
    },
    close: () => rm(directory, { recursive: true, force: true }),
  };
}

interface LmdbDatabase {
  get(key: string): unknown;
  transactionSync(action: () => void): void;
  put(key: string, value: unknown): unknown;
  close(): Promise<void>;
}

/** LMDB from a folder outside the project, so measuring it adds no dependency to the project. */
async function lmdbEngine(scratch: string, installedIn: string): Promise<Engine> {
  const { open } = createRequire(path.join(path.resolve(installedIn), 'package.json'))('lmdb') as {
    open: (options: { path: string }) => LmdbDatabase;
  };
  const directory = await mkdtemp(path.join(scratch, 'lmdb-'));
  const database = open({ path: path.join(directory, 'bodies.mdb') });
  return {
    name: 'lmdb',
    putAll: (bodies) => {
      // One transaction for all: LMDB's fast path (a transaction per body costs a sync each).
      database.transactionSync(() => {
        for (const [contentHash, html] of bodies) void database.put(contentHash, html);
      });
    },
    get: (contentHash) => (database.get(contentHash) as PortableHtml | undefined) ?? missing(contentHash),
    bytesOnDisk: async () => (await stat(path.join(directory, 'bodies.mdb'))).size,
    close: async () => {
      await database.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function missing(contentHash: string): never {
  throw new Error(`no body for ${contentHash}`);
}

interface EngineFigures {
  engine: string;
  writeAllSeconds: number;
  /** Microseconds per body read alone, HTML of the lead and sections put together as served. */
  readMicroseconds: number;
  /** Microseconds per page of 20 bodies. */
  pageMicroseconds: number;
  readVsHeap?: number;
  bytesOnDisk: number | null;
}

function measure(
  engine: Engine,
  bodies: ReadonlyMap<string, PortableHtml>,
  reads: number,
): Omit<EngineFigures, 'readVsHeap' | 'bytesOnDisk'> {
  const hashes = [...bodies.keys()];
  const startedWriting = performance.now();
  engine.putAll(bodies);
  const writeAllSeconds = rounded((performance.now() - startedWriting) / 1000);
  // The same picks for every engine.
  const random = createRandom(16);
  const picks = Array.from({ length: reads }, () => random.pick(hashes));
  for (const hash of picks.slice(0, WARM_UP_READS)) htmlOfBody(engine.get(hash));
  const startedReading = performance.now();
  for (const hash of picks) htmlOfBody(engine.get(hash));
  const readMicroseconds = rounded(((performance.now() - startedReading) * 1000) / reads);
  const startedPaging = performance.now();
  for (let from = 0; from + PAGE <= picks.length; from += PAGE) picks.slice(from, from + PAGE).map((hash) => htmlOfBody(engine.get(hash)));
  const pageMicroseconds = rounded(((performance.now() - startedPaging) * 1000) / Math.floor(picks.length / PAGE));
  return { engine: engine.name, writeAllSeconds, readMicroseconds, pageMicroseconds };
}

const COMMAND = {
  about: 'What reading one body costs from each way of keeping bodies: the heap, one file per body and, when installed, lmdb.',
  flags: {
    content: { type: 'string', value: 'DIR', help: 'a corpus (bench/corpus-out/N)' },
    reads: { type: 'string', default: '20000', value: 'N', help: 'bodies read at random from each store' },
    'lmdb-from': {
      type: 'string',
      value: 'DIR',
      help: 'a folder where the lmdb package is installed (npm install --prefix DIR lmdb): measure it too',
    },
    results: { type: 'string', default: path.join('bench', 'results', 'body-store.json'), value: 'FILE', help: 'where the figures go' },
  },
} satisfies BenchCommand<BenchFlags>;

async function main(): Promise<void> {
  const values = benchArgs(COMMAND);
  if (values.content === undefined) throw new Error('--content DIR is needed: a corpus such as bench/corpus-out/10000');
  const reads = wholeNumber(values.reads, 'reads', WARM_UP_READS);
  const snapshot = (await ContentStore.open(values.content)).current();
  const bodies = new Map<string, PortableHtml>();
  for (const article of snapshot.findArticles({}, 'DATE_DESC'))
    if (article.heldHtml !== null) bodies.set(article.contentHash, article.heldHtml);
  const htmlCharacters = [...bodies.values()].reduce((sum, body) => sum + JSON.stringify(body).length, 0);

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'body-store-'));
  const engines = [heapEngine(), await fileEngine(scratch)];
  if (values['lmdb-from'] !== undefined) engines.push(await lmdbEngine(scratch, values['lmdb-from']));
  const figures: EngineFigures[] = [];
  try {
    for (const engine of engines) {
      const measured = measure(engine, bodies, reads);
      const heap = figures[0] as EngineFigures | undefined;
      figures.push({
        ...measured,
        ...(heap && { readVsHeap: rounded(measured.readMicroseconds / heap.readMicroseconds, 1) }),
        bytesOnDisk: await engine.bytesOnDisk(),
      });
      console.log(JSON.stringify(figures.at(-1)));
      await engine.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const machine = { cpus: os.availableParallelism(), node: process.version, loadAverage: os.loadavg().map((load) => rounded(load, 2)) };
  const command = ['node', 'bench/dist/bench/body-store.js', ...process.argv.slice(2)].join(' ');
  const corpus = { content: values.content, bodies: bodies.size, jsonCharactersPerBody: Math.round(htmlCharacters / bodies.size) };
  await writeFile(
    values.results,
    `${JSON.stringify({ command, date: new Date().toISOString(), machine, corpus, reads, figures }, null, 2)}\n`,
  );
}

// The parse pool's threads would keep the process alive.
main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
