/**
 * The benchmark: for each corpus size, load time, memory, throughput and latency of the gateway
 * and of the reference server, one after the other on the same machine, and the ratios between
 * them; then the gateway's response cache (the same operations repeated as GETs) against the
 * reference executing them; then start-up without the parse cache, cold and warm, beside Hexo's load
 * of the same files (`start-figures.ts`); then repository batch calls per request. Prints tables and writes
 * `bench/results/latest.json`. Both servers run with `NODE_ENV=production`.
 *
 *   node bench/dist/bench/run.js [--quick] [--sizes 1000,10000] [--duration S] [--connections N] [--seed S] [--cpu-prof]
 *                                [--gateway-args "..."] [--gateway-node-options "..."] [--results FILE]
 *
 * `--cpu-prof` writes a CPU profile of each gateway process into `bench/results/`.
 * `--gateway-args` adds `serve` flags and `--gateway-node-options` options for the gateway's `node`
 * (both split at spaces), so that a variant is measured against the reference in the same run;
 * `--results` writes the figures there instead of `bench/results/latest.json`.
 */
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchArgs, wholeNumber, wholeNumbers, type BenchCommand, type BenchFlags } from './cli-args';
import { GENERATOR_VERSION, readManifest, writeCorpus, type CorpusManifest } from './corpus/generate';
import {
  loadTest,
  queryOnce,
  startMeasuredServer,
  type LoadFigures,
  type LoadTestSettings,
  type ServerCommand,
  type ThroughputFigures,
  findRepoRoot,
} from './measure';
import { asGetRequest, corpusOperations, type BenchOperation } from './operations';
import { formatStarts, measureStarts, type StartRow } from './start-figures';
import { table } from './table';

interface RunSettings extends LoadTestSettings {
  /**
   * Seconds of all operations in turn, sent to each server once it is ready and not counted:
   * the optimising compiler needs more traffic to settle on a large framework than on the
   * reference's few functions, and the first operation measured would pay for it.
   */
  serverWarmupSeconds: number;
  sizes: number[];
  seed: number;
  readyTimeoutMs: number;
  cpuProfile: boolean;
  /** Extra `serve` flags and `node` options of the gateway, for measuring a variant. */
  gatewayArgs: string[];
  gatewayNodeOptions: string[];
  resultsFile: string;
}

interface Corpus {
  dir: string;
  manifest: CorpusManifest;
  /** Null when an earlier corpus was reused. */
  generatedSeconds: number | null;
}

type ServerFigures =
  | {
      load: LoadFigures;
      peakRssMiB: number;
      /** Resident set once every operation (and the repeated GETs) ran: what the load phase left behind. */
      rssAfterRequestsMiB: number;
      operations: Record<string, ThroughputFigures>;
      /** Each operation repeated as the same GET; measured on the gateway only, null for the reference. */
      repeatedGet: Record<string, ThroughputFigures> | null;
    }
  | { error: string };

interface Ratios {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Gateway answering the repeated GET against the reference executing the operation. */
  repeatedGet: { requestsPerSecond: number; p50: number; p99: number };
}

interface RunFigures {
  articles: number;
  corpus: { dir: string; files: number; bytes: number; generatedSeconds: number | null };
  servers: Record<string, ServerFigures>;
  /** Gateway / reference per operation; null when either server failed. */
  ratios: Record<string, Ratios> | null;
  /** Start-up without the parse cache, cold and warm, beside Hexo's load of the same files. */
  starts: StartRow;
}

interface LoaderFigures {
  articles: number;
  /** Per operation, `extensions.loaders` of its response: `{ batches, keys }` per loader. */
  operations: Record<string, Record<string, { batches: number; keys: number }> | null>;
}

const ROOT = findRepoRoot(__dirname);
const CORPORA_DIR = path.join(ROOT, 'bench', 'corpus-out');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const LATEST_RESULTS_FILE = path.join(RESULTS_DIR, 'latest.json');
const GATEWAY_CLI = path.join(ROOT, 'dist', 'cli.js');

/** graphql-js and Apollo Server skip development-only checks in production; both servers get the same. */
const PRODUCTION = { NODE_ENV: 'production' };

const gatewayCommand = (settings: RunSettings): ServerCommand => ({
  name: 'gateway',
  args: (contentDir, port) => [GATEWAY_CLI, 'serve', '--content', contentDir, '--port', String(port), ...settings.gatewayArgs],
  nodeOptions: [...(settings.cpuProfile ? ['--cpu-prof', '--cpu-prof-dir', RESULTS_DIR] : []), ...settings.gatewayNodeOptions],
  env: PRODUCTION,
});
const reference: ServerCommand = {
  name: 'reference',
  args: (contentDir, port) => [path.join(__dirname, 'reference', 'server.js'), '--content', contentDir, '--port', String(port)],
  env: PRODUCTION,
};

async function main(): Promise<void> {
  const settings = readSettings();
  if (!existsSync(GATEWAY_CLI)) throw new Error('dist/cli.js is missing: build the gateway first (npm run build)');
  const gateway = gatewayCommand(settings);
  const started = new Date();
  const loadAverageAtStart = os.loadavg();
  const runs: RunFigures[] = [];
  let loaders: LoaderFigures | null = null;
  for (const articles of settings.sizes) {
    const corpus = await ensureCorpus(articles, settings.seed);
    const operations = corpusOperations(corpus.manifest);
    loaders ??= await probeLoaders(gateway, corpus, operations, settings);
    const servers: Record<string, ServerFigures> = {};
    for (const command of [gateway, reference]) {
      servers[command.name] = await measureServer(command, corpus, operations, settings, command === gateway);
    }
    const run: RunFigures = {
      articles,
      corpus: {
        dir: path.relative(ROOT, corpus.dir),
        files: corpus.manifest.files,
        bytes: corpus.manifest.bytes,
        generatedSeconds: corpus.generatedSeconds === null ? null : round(corpus.generatedSeconds, 2),
      },
      servers,
      ratios: ratiosOf(servers.gateway, servers.reference, operations),
      starts: await measureStarts(corpus.dir, corpus.manifest),
    };
    runs.push(run);
    console.log(formatRun(run, operations));
    console.log(`\n${formatStarts(run.starts)}`);
  }
  if (loaders) console.log(formatLoaders(loaders));

  const results = {
    date: started.toISOString(),
    node: process.version,
    machine: {
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      cpus: os.cpus().length,
      totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
      loadAverageAtStart,
    },
    settings,
    runs,
    loaders,
  };
  await fs.mkdir(path.dirname(settings.resultsFile), { recursive: true });
  await fs.writeFile(settings.resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(ROOT, settings.resultsFile)}`);
}

/** What `--quick` changes: fewer and smaller corpora, shorter runs. */
const FULL = { sizes: '1000,10000,100000', duration: '10' };
const QUICK = { sizes: '1000,10000', duration: '5' };

const COMMAND = {
  about: 'The benchmark: the built gateway against the reference server on generated corpora, as ratios.',
  flags: {
    quick: { type: 'boolean', default: false, help: `corpora of ${QUICK.sizes} articles, ${QUICK.duration} s per operation` },
    sizes: { type: 'string', value: 'N,N', help: `corpus sizes (${FULL.sizes}; with --quick ${QUICK.sizes})` },
    duration: { type: 'string', value: 'S', help: `seconds per operation (${FULL.duration}; with --quick ${QUICK.duration})` },
    connections: { type: 'string', default: '32', value: 'N', help: 'autocannon connections' },
    seed: { type: 'string', default: '1', value: 'N', help: "the corpus generator's seed" },
    'cpu-prof': { type: 'boolean', default: false, help: 'a CPU profile of each gateway process into bench/results/' },
    'gateway-args': { type: 'string', default: '', value: '"ARGS"', help: 'serve flags added to the gateway, split at spaces' },
    'gateway-node-options': { type: 'string', default: '', value: '"OPTIONS"', help: "options for the gateway's node, split at spaces" },
    results: { type: 'string', value: 'FILE', help: `where the figures go (${path.relative(ROOT, LATEST_RESULTS_FILE)})` },
  },
} satisfies BenchCommand<BenchFlags>;

function readSettings(): RunSettings {
  const values = benchArgs(COMMAND);
  const words = (value: string) => value.split(' ').filter(Boolean);
  const quick = values.quick;
  const sizes = wholeNumbers(values.sizes ?? (quick ? QUICK : FULL).sizes, 'sizes', 1);
  const durationSeconds = wholeNumber(values.duration ?? (quick ? QUICK : FULL).duration, 'duration', 1);
  return {
    sizes,
    seed: wholeNumber(values.seed, 'seed'),
    connections: wholeNumber(values.connections, 'connections', 1),
    durationSeconds,
    warmupSeconds: quick ? 1 : 2,
    serverWarmupSeconds: quick ? 8 : 20,
    readyTimeoutMs: 20 * 60 * 1000,
    cpuProfile: values['cpu-prof'],
    gatewayArgs: words(values['gateway-args']),
    gatewayNodeOptions: words(values['gateway-node-options']),
    resultsFile: values.results ? path.resolve(values.results) : LATEST_RESULTS_FILE,
  };
}

async function ensureCorpus(articles: number, seed: number): Promise<Corpus> {
  const dir = path.join(CORPORA_DIR, String(articles));
  const existing = await readManifest(dir);
  if (existing?.generator === GENERATOR_VERSION && existing.articles === articles && existing.seed === seed) {
    return { dir, manifest: existing, generatedSeconds: null };
  }
  const started = performance.now();
  const manifest = await writeCorpus({ articles, seed, outDir: dir });
  return { dir, manifest, generatedSeconds: (performance.now() - started) / 1000 };
}

async function measureServer(
  command: ServerCommand,
  corpus: Corpus,
  operations: BenchOperation[],
  settings: RunSettings,
  withRepeatedGet: boolean,
): Promise<ServerFigures> {
  let server;
  try {
    server = await startMeasuredServer(command, corpus.dir, corpus.manifest.files, operations[0], settings.readyTimeoutMs);
    const figures: Record<string, ThroughputFigures> = {};
    for (const operation of operations) {
      await loadTest(server.url, operation, {
        ...settings,
        warmupSeconds: 0,
        durationSeconds: settings.serverWarmupSeconds / operations.length,
      });
    }
    for (const operation of operations) {
      await queryOnce(server.url, operation);
      figures[operation.name] = await loadTest(server.url, operation, settings);
    }
    let repeatedGet: Record<string, ThroughputFigures> | null = null;
    if (withRepeatedGet) {
      repeatedGet = {};
      for (const operation of operations) {
        await checkRevalidation(server.url, operation);
        repeatedGet[operation.name] = await loadTest(server.url, operation, settings, { repeatedGet: true });
      }
    }
    return { load: server.load, peakRssMiB: server.peakRssMiB(), rssAfterRequestsMiB: server.rssMiB(), operations: figures, repeatedGet };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await server?.stop();
  }
}

/** The figures below are only about the response cache if it answers: a GET gets an ETag, and a 304 when it sends it back. */
async function checkRevalidation(url: string, operation: BenchOperation): Promise<void> {
  const { path: requestPath, headers } = asGetRequest(operation);
  const first = await fetch(`${url}${requestPath}`, { headers });
  const body = (await first.json()) as { errors?: unknown[] };
  const etag = first.headers.get('etag');
  if (!first.ok || body.errors?.length || !etag)
    throw new Error(`${operation.name}: GET answered ${first.status} without an ETag or with errors`);
  const again = await fetch(`${url}${requestPath}`, { headers: { ...headers, 'if-none-match': etag } });
  if (again.status !== 304) throw new Error(`${operation.name}: GET with If-None-Match answered ${again.status}, not 304`);
}

/** Batch calls each operation costs the gateway, as it reports them in debug mode. */
async function probeLoaders(
  gateway: ServerCommand,
  corpus: Corpus,
  operations: BenchOperation[],
  settings: RunSettings,
): Promise<LoaderFigures> {
  const debugGateway = { ...gateway, name: 'gateway (debug)', env: { ...gateway.env, GATEWAY_DEBUG: '1' } };
  const server = await startMeasuredServer(debugGateway, corpus.dir, corpus.manifest.files, operations[0], settings.readyTimeoutMs);
  try {
    const byOperation: LoaderFigures['operations'] = {};
    for (const operation of operations) {
      const { extensions } = await queryOnce(server.url, operation);
      byOperation[operation.name] = (extensions?.loaders as LoaderFigures['operations'][string] | undefined) ?? null;
    }
    return { articles: corpus.manifest.articles, operations: byOperation };
  } finally {
    await server.stop();
  }
}

function ratiosOf(
  gatewayFigures: ServerFigures,
  referenceFigures: ServerFigures,
  operations: BenchOperation[],
): Record<string, Ratios> | null {
  if ('error' in gatewayFigures || 'error' in referenceFigures) return null;
  const ratios: Record<string, Ratios> = {};
  const ratio = (ours: ThroughputFigures, floor: ThroughputFigures) => ({
    requestsPerSecond: round(ours.requestsPerSecond / floor.requestsPerSecond, 3),
    p50: round(ours.p50Ms / floor.p50Ms, 3),
    p99: round(ours.p99Ms / floor.p99Ms, 3),
  });
  for (const { name } of operations) {
    const floor = referenceFigures.operations[name];
    ratios[name] = { ...ratio(gatewayFigures.operations[name], floor), repeatedGet: ratio(gatewayFigures.repeatedGet![name], floor) };
  }
  return ratios;
}

function formatRun(run: RunFigures, operations: BenchOperation[]): string {
  const lines = [`\n== ${run.articles} articles (${mib(run.corpus.bytes)} MiB on disk)`];
  const loadRows = Object.entries(run.servers).map(([name, figures]) =>
    'error' in figures
      ? [name, `failed: ${figures.error.split('\n')[0]}`]
      : [
          name,
          seconds(figures.load.readyMs),
          seconds(figures.load.firstAnswerMs),
          Math.round(figures.load.filesPerSecond).toString(),
          figures.load.rssAfterLoadMiB.toFixed(0),
          figures.rssAfterRequestsMiB.toFixed(0),
          figures.peakRssMiB.toFixed(0),
        ],
  );
  lines.push(
    table(['server', 'ready s', 'first answer s', 'files/s', 'RSS at ready MiB', 'RSS after requests MiB', 'peak RSS MiB'], loadRows),
  );
  const { gateway: ours, reference: floor } = run.servers;
  if (run.ratios && !('error' in ours) && !('error' in floor)) {
    const rows = operations.map(({ name }) => {
      const ratio = run.ratios![name];
      return comparisonRow(name, ours.operations[name], floor.operations[name], ratio.requestsPerSecond, [ratio.p50, ratio.p99]);
    });
    lines.push(table(['operation', 'gateway req/s', 'reference req/s', 'ratio', 'p50 ms g / r', 'ratio', 'p99 ms g / r', 'ratio'], rows));
    const cachedRows = operations.map(({ name }) =>
      comparisonRow(name, ours.repeatedGet![name], floor.operations[name], run.ratios![name].repeatedGet.requestsPerSecond),
    );
    lines.push(
      `repeated GET: the gateway's response cache against the reference executing the operation\n\n${table(
        ['operation', 'gateway GET req/s', 'reference req/s', 'ratio', 'p50 ms g / r', 'p99 ms g / r'],
        cachedRows,
      )}`,
    );
  }
  return lines.join('\n\n');
}

/** One operation of the gateway against the reference; latency ratios only where the table has their columns. */
function comparisonRow(
  name: string,
  gateway: ThroughputFigures,
  reference: ThroughputFigures,
  requestsRatio: number,
  latencyRatios?: [p50: number, p99: number],
): string[] {
  const failures = gateway.failures + reference.failures;
  const flag = failures > 0 ? ` (${gateway.failures}/${reference.failures} failed!)` : '';
  const p50 = `${gateway.p50Ms} / ${reference.p50Ms}`;
  const p99 = `${gateway.p99Ms} / ${reference.p99Ms}`;
  return [
    name + flag,
    gateway.requestsPerSecond.toFixed(0),
    reference.requestsPerSecond.toFixed(0),
    requestsRatio.toFixed(2),
    ...(latencyRatios ? [p50, latencyRatios[0].toFixed(2), p99, latencyRatios[1].toFixed(2)] : [p50, p99]),
  ];
}

function formatLoaders(loaders: LoaderFigures): string {
  const names = ['articles', 'categories', 'authors', 'tags'];
  const rows = Object.entries(loaders.operations).map(([operation, counts]) => [
    operation,
    ...names.map((name) => (counts?.[name] ? `${counts[name].batches} / ${counts[name].keys}` : '-')),
  ]);
  return `\n== loader batches / keys per request (${loaders.articles} articles)\n\n${table(['operation', ...names], rows)}`;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
