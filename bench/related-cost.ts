/**
 * What `Article.related` costs one article. In-process: `snapshot.relatedArticles` for N articles
 * spread over the list on a fresh snapshot, then the same again from the snapshot's memo. With
 * `--http`: the built CLI serves the corpus and the same articles are asked one request at a time,
 * `article(slug) { slug }` as the baseline, then `related(first: 5)` twice. Writes the figures to
 * `bench/results/related-cost.json` (`--results FILE`).
 *
 *   npm run build && npx tsc -p bench/tsconfig.json
 *   node bench/dist/bench/related-cost.js --content bench/corpus-out/10000 --http --content bench/corpus-out/100000
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ContentStore } from '../src/content/content-store';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from './cli-args';
import { startGateway } from './load/gateway-process';
import { findRepoRoot, machineOfRun } from './measure';

const COMMAND = {
  about: 'What Article.related costs one article, on each --content in turn (at least one).',
  flags: {
    content: { type: 'string', multiple: true, value: 'DIR', help: 'a corpus (bench/corpus-out/N); repeat for several in one run' },
    articles: { type: 'string', default: '100', value: 'N', help: 'articles asked, spread over the list' },
    http: { type: 'boolean', default: false, help: 'also through GraphQL over HTTP, for the first --content only' },
    results: { type: 'string', default: path.join('bench', 'results', 'related-cost.json'), value: 'FILE', help: 'where the figures go' },
  },
} satisfies BenchCommand<BenchFlags>;

/** Articles asked before measuring, apart from the measured ones, so V8 has compiled the path. */
const WARM_UP_ARTICLES = 10;
const READY_TIMEOUT_MS = 30 * 60_000;

const BASELINE_QUERY = 'query Article($slug: String!) { article(slug: $slug) { slug } }';
const RELATED_QUERY = 'query Related($slug: String!) { article(slug: $slug) { related(first: 5) { score article { slug } } } }';

interface CorpusFigures {
  content: string;
  articles: number;
  asked: number;
  loadSeconds: number;
  /** `freshCpuMs`: this process's CPU time for the same asks, which a busy machine inflates far less than the wall time. */
  inProcess: { freshMs: number; freshCpuMs: number; warmMs: number };
  http?: { baselineMs: number; relatedFirstPassMs: number; relatedSecondPassMs: number };
}

const rounded = (value: number) => Math.round(value * 1000) / 1000;

async function millisecondsEach(slugs: readonly string[], ask: (slug: string) => unknown): Promise<number> {
  return (await timeEach(slugs, ask)).wallMs;
}

async function timeEach(slugs: readonly string[], ask: (slug: string) => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const slug of slugs) await ask(slug);
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs: rounded((performance.now() - start) / slugs.length), cpuMs: rounded((cpu.user + cpu.system) / 1000 / slugs.length) };
}

/** `count` slugs spread evenly over `all`, and as many warm-up slugs right after the first ones. */
function spreadSlugs(all: readonly { slug: string }[], count: number): { measured: string[]; warmUp: string[] } {
  const step = all.length / count;
  const at = (index: number, offset: number) => all[Math.floor(index * step) + offset].slug;
  return {
    measured: Array.from({ length: count }, (_, index) => at(index, 0)),
    warmUp: Array.from({ length: Math.min(WARM_UP_ARTICLES, count) }, (_, index) => at(index, 1)),
  };
}

async function measureCorpus(content: string, asked: number, overHttp: boolean): Promise<CorpusFigures> {
  const started = performance.now();
  const snapshot = (await ContentStore.open(content)).current();
  const loadSeconds = rounded((performance.now() - started) / 1000);
  const all = snapshot.findArticles({}, 'DATE_DESC');
  const { measured, warmUp } = spreadSlugs(all, Math.min(asked, Math.floor(all.length / 2)));
  const relatedOf = (slug: string) => snapshot.relatedArticles([slug]);
  await millisecondsEach(warmUp, relatedOf);
  const fresh = await timeEach(measured, relatedOf);
  const figures: CorpusFigures = {
    content,
    articles: all.length,
    asked: measured.length,
    loadSeconds,
    inProcess: { freshMs: fresh.wallMs, freshCpuMs: fresh.cpuMs, warmMs: await millisecondsEach(measured, relatedOf) },
  };
  if (overHttp) figures.http = await measureOverHttp(content, measured, warmUp);
  return figures;
}

async function measureOverHttp(content: string, measured: readonly string[], warmUp: readonly string[]): Promise<CorpusFigures['http']> {
  const gateway = await startGateway({
    cli: path.join(findRepoRoot(__dirname), 'dist', 'cli.js'),
    content,
    args: ['--no-watch', '--no-cache'],
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  const post = (query: string) => async (slug: string) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { slug } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (!response.ok || body.errors) throw new Error(`${slug}: HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  };
  try {
    await millisecondsEach(warmUp, post(BASELINE_QUERY));
    await millisecondsEach(warmUp, post(RELATED_QUERY));
    return {
      baselineMs: await millisecondsEach(measured, post(BASELINE_QUERY)),
      relatedFirstPassMs: await millisecondsEach(measured, post(RELATED_QUERY)),
      relatedSecondPassMs: await millisecondsEach(measured, post(RELATED_QUERY)),
    };
  } finally {
    await gateway.stop();
  }
}

async function main(): Promise<void> {
  const values = benchArgs(COMMAND);
  const contents = values.content ?? [];
  if (contents.length === 0) throw new Error('--content DIR: no corpus given (see --help)');
  const asked = wholeNumber(values.articles, 'articles', 1);
  const loadAverageAtStart = os.loadavg().map(rounded);
  const corpora: CorpusFigures[] = [];
  for (const [index, content] of contents.entries()) {
    const figures = await measureCorpus(content, asked, values.http && index === 0);
    console.log(JSON.stringify(figures));
    corpora.push(figures);
  }
  const machine = machineOfRun(loadAverageAtStart);
  const command = ['node', 'bench/dist/bench/related-cost.js', ...process.argv.slice(2)].join(' ');
  await writeFile(values.results, `${JSON.stringify({ command, date: new Date().toISOString(), machine, corpora }, null, 2)}\n`);
}

// The parse pool's threads would keep the process alive.
main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
