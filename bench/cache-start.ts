/**
 * Start-up with the persistent parse cache: files per second from spawn to `/readyz` and resident
 * memory at ready, for a cold start (empty cache), a warm one and one without the cache, on the same
 * generated corpus in one run. Writes `bench/results/cache-start.json`.
 *
 *   node bench/dist/bench/cache-start.js --sizes 10000[,100000]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchArgs, wholeNumbers, type BenchCommand, type BenchFlags } from './cli-args';
import { GENERATOR_VERSION, readManifest, writeCorpus } from './corpus/generate';
import { findRepoRoot, queryOnce, startMeasuredServer, type LoadFigures, type ServerCommand } from './measure';
import { benchOperations } from './operations';

const COMMAND = {
  about:
    'Start-up with the persistent parse cache (cold, warm, and without the cache) on generated corpora; writes bench/results/cache-start.json.',
  flags: {
    sizes: { type: 'string', default: '10000', value: 'N,N', help: 'corpus sizes, each generated into bench/corpus-out/N if missing' },
  },
} satisfies BenchCommand<BenchFlags>;

const ROOT = findRepoRoot(__dirname);
const READY_TIMEOUT_MS = 30 * 60_000;

const gateway = (cacheArgs: string[]): ServerCommand => ({
  name: 'gateway',
  args: (content, port) => [
    path.join(ROOT, 'dist/cli.js'),
    'serve',
    '--content',
    content,
    '--port',
    String(port),
    '--no-watch',
    ...cacheArgs,
  ],
  env: { LOG_FORMAT: 'json', NODE_ENV: 'production' },
});

async function corpusOf(articles: number) {
  const dir = path.join(ROOT, 'bench', 'corpus-out', String(articles));
  const existing = await readManifest(dir);
  const manifest =
    existing?.generator === GENERATOR_VERSION && existing.articles === articles && existing.seed === 1
      ? existing
      : await writeCorpus({ articles, seed: 1, outDir: dir });
  return { dir, manifest };
}

/** The load figures, and what the first search after them costs and leaves resident. */
interface StartFigures extends LoadFigures {
  firstSearchMs: number;
  rssWithSearchIndexMiB: number;
}

async function measure(
  command: ServerCommand,
  dir: string,
  files: number,
  articleSlug: string,
  categorySlug: string,
): Promise<StartFigures> {
  const operations = benchOperations({ articleSlug, categorySlug });
  const search = operations.find((operation) => operation.name === 'search');
  if (search === undefined) throw new Error('the bench operations have no search');
  const server = await startMeasuredServer(command, dir, files, operations[0], READY_TIMEOUT_MS);
  try {
    // The search index may be built after ready: the first search waits for it, and then memory holds it.
    const before = performance.now();
    await queryOnce(server.url, search);
    return { ...server.load, firstSearchMs: Math.round(performance.now() - before), rssWithSearchIndexMiB: server.rssMiB() };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const sizes = wholeNumbers(benchArgs(COMMAND).sizes, 'sizes', 1);
  const results: Record<string, unknown>[] = [];
  for (const articles of sizes) {
    const { dir, manifest } = await corpusOf(articles);
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'bench-cache-'));
    const sample = [dir, manifest.files, manifest.samples.articleSlug, manifest.samples.categoryPath.join('/')] as const;
    try {
      const noCache = await measure(gateway(['--no-cache']), ...sample);
      const cold = await measure(gateway(['--cache-dir', cacheDir]), ...sample);
      const warm = await measure(gateway(['--cache-dir', cacheDir]), ...sample);
      const row = { articles, files: manifest.files, noCache, cold, warm, warmOverNoCache: +(noCache.readyMs / warm.readyMs).toFixed(2) };
      results.push(row);
      console.log(JSON.stringify(row));
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  }
  const out = path.join(ROOT, 'bench', 'results', 'cache-start.json');
  const machine = { cores: os.availableParallelism(), node: process.version, loadAverage: os.loadavg().map((load) => +load.toFixed(2)) };
  await writeFile(out, `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
}

void main();
