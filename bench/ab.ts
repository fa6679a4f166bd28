/**
 * Two variants of a server side by side, in interleaved rounds: both are up at once, and each
 * round measures every operation on A and on B one right after the other (B first in every
 * other round). The ratio B / A is taken per round, so a drift of the machine's speed over the
 * run, which moves one whole `run.js` pass against the next by tens of percent on a shared or
 * throttled machine, falls on both sides of each ratio alike. Prints the median ratio per
 * operation with its spread and writes the rounds to `bench/results/ab.json`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from './cli-args';
import { readManifest } from './corpus/generate';
import {
  findRepoRoot,
  loadTest,
  queryOnce,
  startMeasuredServer,
  type RunningServer,
  type ServerCommand,
  type ThroughputFigures,
} from './measure';
import { corpusOperations, type BenchOperation } from './operations';
import { table } from './table';

const ROOT = findRepoRoot(__dirname);
const GATEWAY_CLI = path.join(ROOT, 'dist', 'cli.js');
const REFERENCE_SERVER = path.join(__dirname, 'reference', 'server.js');

/** Both servers run as in `run.js`: graphql-js and Apollo Server skip development-only checks. */
const PRODUCTION = { NODE_ENV: 'production' };
const WARMUP_SECONDS_PER_OPERATION = 4;

interface Variant {
  label: 'A' | 'B';
  command: ServerCommand;
}

interface OperationRounds {
  operation: string;
  a: ThroughputFigures[];
  b: ThroughputFigures[];
  /** B's req/s over A's, per round. */
  ratios: number[];
}

const DEFAULT_CONTENT = path.join(ROOT, 'bench', 'corpus-out', '10000');
const DEFAULT_RESULTS = path.join(ROOT, 'bench', 'results', 'ab.json');

const COMMAND = {
  about:
    'Serves one generated corpus from two servers at once and measures each operation on both in\n' +
    'interleaved rounds; prints B / A per operation (median, min-max over the rounds).',
  flags: {
    content: { type: 'string', default: path.relative(ROOT, DEFAULT_CONTENT), value: 'DIR', help: 'a corpus written by the generator' },
    a: { type: 'string', default: '', value: '"FLAGS"', help: 'serve flags of server A, split at spaces' },
    b: { type: 'string', default: '', value: '"FLAGS"', help: 'serve flags of server B' },
    'a-node-options': {
      type: 'string',
      default: '',
      value: '"OPTIONS"',
      help: "options of server A's node, such as --max-semi-space-size=32",
    },
    'b-node-options': { type: 'string', default: '', value: '"OPTIONS"', help: "options of server B's node" },
    'b-reference': { type: 'boolean', default: false, help: 'B is the reference server (bench/reference) instead of the gateway' },
    rounds: { type: 'string', default: '6', value: 'N', help: 'rounds per operation' },
    seconds: { type: 'string', default: '3', value: 'S', help: 'seconds of load per operation, round and server' },
    connections: { type: 'string', default: '32', value: 'N', help: 'autocannon connections' },
    results: { type: 'string', default: path.relative(ROOT, DEFAULT_RESULTS), value: 'FILE', help: 'where the rounds go' },
  },
} satisfies BenchCommand<BenchFlags>;

function readSettings() {
  const values = benchArgs(COMMAND);
  const words = (value: string) => value.split(' ').filter(Boolean);
  const gateway = (flags: string, nodeOptions: string): ServerCommand => ({
    name: ['gateway', flags, nodeOptions].filter(Boolean).join(' '),
    args: (contentDir, port) => [GATEWAY_CLI, 'serve', '--content', contentDir, '--port', String(port), ...words(flags)],
    nodeOptions: words(nodeOptions),
    env: PRODUCTION,
  });
  const reference: ServerCommand = {
    name: 'reference',
    args: (contentDir, port) => [REFERENCE_SERVER, '--content', contentDir, '--port', String(port)],
    nodeOptions: words(values['b-node-options']),
    env: PRODUCTION,
  };
  return {
    content: path.resolve(values.content),
    variants: [
      { label: 'A', command: gateway(values.a, values['a-node-options']) },
      { label: 'B', command: values['b-reference'] ? reference : gateway(values.b, values['b-node-options']) },
    ] satisfies Variant[],
    rounds: wholeNumber(values.rounds, 'rounds', 1),
    load: {
      connections: wholeNumber(values.connections, 'connections', 1),
      durationSeconds: wholeNumber(values.seconds, 'seconds', 1),
      warmupSeconds: 0,
    },
    resultsFile: path.resolve(values.results),
  };
}

async function main(): Promise<void> {
  const settings = readSettings();
  const manifest = await readManifest(settings.content);
  if (manifest === null) throw new Error(`${settings.content} holds no generated corpus (bench/corpus/generate.ts writes one)`);
  const operations = corpusOperations(manifest);
  const servers: RunningServer[] = [];
  try {
    // One after the other, so neither load competes with the other for the cores.
    for (const { command } of settings.variants) {
      servers.push(await startMeasuredServer(command, settings.content, manifest.files, operations[0], 20 * 60_000));
    }
    for (const server of servers) await warmUp(server, operations, settings.load);
    const rounds: OperationRounds[] = [];
    for (const operation of operations) rounds.push(await measureRounds(servers, operation, settings));
    console.log(formatRounds(settings.variants, rounds));
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      corpus: { dir: path.relative(ROOT, settings.content), articles: manifest.articles },
      variants: Object.fromEntries(settings.variants.map(({ label, command }) => [label, command.name])),
      settings: { rounds: settings.rounds, load: settings.load },
      operations: rounds,
    };
    await fs.mkdir(path.dirname(settings.resultsFile), { recursive: true });
    await fs.writeFile(settings.resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(ROOT, settings.resultsFile)}`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** The optimising compiler settles on the framework's code before anything counts (see `run.ts`). */
async function warmUp(server: RunningServer, operations: BenchOperation[], load: ReturnType<typeof readSettings>['load']): Promise<void> {
  for (const operation of operations) {
    await queryOnce(server.url, operation);
    await loadTest(server.url, operation, { ...load, durationSeconds: WARMUP_SECONDS_PER_OPERATION });
  }
}

async function measureRounds(
  [a, b]: RunningServer[],
  operation: BenchOperation,
  settings: ReturnType<typeof readSettings>,
): Promise<OperationRounds> {
  const rounds: OperationRounds = { operation: operation.name, a: [], b: [], ratios: [] };
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? [a, b] : [b, a];
    const [first, second] = [
      await loadTest(order[0].url, operation, settings.load),
      await loadTest(order[1].url, operation, settings.load),
    ];
    const [onA, onB] = order[0] === a ? [first, second] : [second, first];
    if (onA.failures > 0 || onB.failures > 0) throw new Error(`${operation.name}: ${onA.failures} failures on A, ${onB.failures} on B`);
    rounds.a.push(onA);
    rounds.b.push(onB);
    rounds.ratios.push(Number((onB.requestsPerSecond / onA.requestsPerSecond).toFixed(3)));
  }
  return rounds;
}

function formatRounds(variants: Variant[], rounds: OperationRounds[]): string {
  const legend = variants.map(({ label, command }) => `${label}: ${command.name}`).join('\n');
  const rows = rounds.map(({ operation, a, b, ratios }) => [
    operation,
    median(a.map((figures) => figures.requestsPerSecond)).toFixed(0),
    median(b.map((figures) => figures.requestsPerSecond)).toFixed(0),
    median(ratios).toFixed(2),
    `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`,
    `${median(a.map((figures) => figures.p99Ms)).toFixed(0)} / ${median(b.map((figures) => figures.p99Ms)).toFixed(0)}`,
  ]);
  return `${legend}\n\n${table(['operation', 'A req/s', 'B req/s', 'B / A', 'rounds', 'p99 ms A / B'], rows)}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
