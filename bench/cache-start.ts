/**
 * Start-up with the persistent parse cache: files per second from spawn to `/readyz` and resident
 * memory at ready, for a cold start (empty cache), a warm one and one without the cache, with Hexo's
 * load of the same files, on generated corpora in one run. Writes `bench/results/cache-start.json`.
 *
 *   node bench/dist/bench/cache-start.js --sizes 10000[,100000] [--hexo-sizes 10000]
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchArgs, wholeNumbers, type BenchCommand, type BenchFlags } from './cli-args';
import { GENERATOR_VERSION, readManifest, writeCorpus } from './corpus/generate';
import { findRepoRoot } from './measure';
import { formatStarts, measureStarts, type StartRow } from './start-figures';

const COMMAND = {
  about:
    "Start-up with the persistent parse cache (cold, warm, and without the cache) and Hexo's load of the same corpus; writes bench/results/cache-start.json.",
  flags: {
    sizes: { type: 'string', default: '10000', value: 'N,N', help: 'corpus sizes, each generated into bench/corpus-out/N if missing' },
    'hexo-sizes': {
      type: 'string',
      default: '',
      value: 'N,N',
      help: "the sizes Hexo's load is measured on too (default: every size); Hexo takes some 16 min at 10,000 posts",
    },
  },
} satisfies BenchCommand<BenchFlags>;

const ROOT = findRepoRoot(__dirname);

async function corpusOf(articles: number) {
  const dir = path.join(ROOT, 'bench', 'corpus-out', String(articles));
  const existing = await readManifest(dir);
  const manifest =
    existing?.generator === GENERATOR_VERSION && existing.articles === articles && existing.seed === 1
      ? existing
      : await writeCorpus({ articles, seed: 1, outDir: dir });
  return { dir, manifest };
}

async function main(): Promise<void> {
  const args = benchArgs(COMMAND);
  const sizes = wholeNumbers(args.sizes, 'sizes', 1);
  const hexoSizes = args['hexo-sizes'] === '' ? sizes : wholeNumbers(args['hexo-sizes'], 'hexo-sizes', 1);
  const unmeasured = hexoSizes.filter((size) => !sizes.includes(size));
  if (unmeasured.length > 0) throw new Error(`--hexo-sizes: ${unmeasured.join(',')} is not among --sizes ${sizes.join(',')}`);
  const results: StartRow[] = [];
  for (const articles of sizes) {
    const { dir, manifest } = await corpusOf(articles);
    const row = await measureStarts(dir, manifest, hexoSizes.includes(articles));
    results.push(row);
    console.log(`\n${formatStarts(row)}`);
    // After each size, so that a run cut short keeps the sizes it finished.
    await writeResults(results);
  }
}

async function writeResults(results: StartRow[]): Promise<void> {
  const out = path.join(ROOT, 'bench', 'results', 'cache-start.json');
  const machine = { cores: os.availableParallelism(), node: process.version, loadAverage: os.loadavg().map((load) => +load.toFixed(2)) };
  await writeFile(out, `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
}

void main();
