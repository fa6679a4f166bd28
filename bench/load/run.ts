/**
 * The long load test: a generated corpus (10,000 articles by default) in a temporary folder,
 * served by the built CLI while a folder of it is edited every ~100 ms, under mixed load from
 * autocannon on loopback for a fixed time, once with the response cache on and once with it
 * off; then SIGTERM under load; then the hostile soak (`hostile-soak.ts`). Every answer is
 * checked for consistency. Prints the figures and writes `bench/results/load.json` and
 * `bench/results/soak.json`; exits 1 if any check failed or a benign client got a 5xx.
 *
 *   npm run bench:load -- [--articles N] [--duration S] [--connections N] [--max-requests N] [--seed S]
 *     [--soak-only | --no-soak] [--soak-duration S] [--hostile-clients N] [--hostile-kinds K,K] [--max-query-bytes N]
 */
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_REQUEST_LIMITS } from '../../src/server/plugins/limits/settings';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from '../cli-args';
import { startGateway } from './gateway-process';
import { formatSoak, HOSTILE_KINDS, hostileSoak, soakPassed, type HostileKind, type SoakFigures } from './hostile-soak';
import { loadWhileEditing, prepareEditedSite, type EditedLoadFigures, type EditedSite } from './scenario';
import { sigtermUnderLoad, type ShutdownFigures } from './shutdown';

interface Settings {
  articles: number;
  durationSeconds: number;
  connections: number;
  maxRequests: number;
  seed: number;
  soak: 'only' | 'also' | 'no';
  soakDurationSeconds: number;
  hostileClients: number;
  hostileKinds: readonly HostileKind[];
  /** Passed to the gateway only when given, so the soak also runs at the default. */
  maxQueryBytes?: number;
}

interface CacheRun extends EditedLoadFigures {
  responseCache: 'on' | 'off';
  loadSeconds: number;
  rssAfterLoadMiB: number;
  peakRssMiB: number;
}

const COMMAND = {
  about:
    'The long load test: the built gateway under mixed load while a folder of posts is edited, with the response cache on and off, then SIGTERM under load, then the hostile soak; every answer checked.',
  flags: {
    articles: { type: 'string', default: '10000', value: 'N', help: 'posts in the generated corpus' },
    duration: { type: 'string', default: '60', value: 'S', help: 'seconds of load per run' },
    connections: { type: 'string', default: '16', value: 'N', help: 'autocannon connections' },
    'max-requests': { type: 'string', default: '1000000', value: 'N', help: 'a run also ends after this many requests' },
    seed: { type: 'string', default: '1', value: 'N', help: "the corpus generator's seed" },
    'soak-only': { type: 'boolean', default: false, help: 'run only the hostile soak' },
    'no-soak': { type: 'boolean', default: false, help: 'skip the hostile soak' },
    'soak-duration': { type: 'string', default: '30', value: 'S', help: 'seconds of the soak' },
    'hostile-clients': { type: 'string', default: '4', value: 'N', help: 'hostile clients in the soak; 0 for the benign figures alone' },
    'max-query-bytes': {
      type: 'string',
      value: 'N',
      help: `the gateway's --max-query-bytes in the soak (its own default, ${DEFAULT_REQUEST_LIMITS.maxQueryBytes}, unless given)`,
    },
    'hostile-kinds': {
      type: 'string',
      default: HOSTILE_KINDS.join(','),
      value: 'K,K',
      help: 'the hostile requests sent, to see what each costs alone',
    },
  },
} satisfies BenchCommand<BenchFlags>;

const ROOT = process.cwd();
const CLI = path.join(ROOT, 'dist', 'cli.js');
const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'load.json');
const SOAK_RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'soak.json');
const READY_TIMEOUT_MS = 20 * 60_000;

async function main(): Promise<void> {
  const settings = readSettings();
  if (!existsSync(CLI))
    throw new Error('dist/cli.js is missing: run from the project root after `npm run build` (npm run bench:load does both)');
  const started = new Date();
  const site = await prepareEditedSite(settings.articles, settings.seed);
  try {
    const ok: boolean[] = [];
    if (settings.soak !== 'only') ok.push(await loadAndShutdown(site, settings, started));
    if (settings.soak !== 'no') {
      const soak = await soakRun(site, settings);
      console.log(formatSoak(soak));
      await writeResults(SOAK_RESULTS_FILE, {
        ...runHeader(started, settings),
        soak,
      });
      ok.push(soakPassed(soak));
    }
    if (!ok.every(Boolean)) {
      console.error('FAILED: see the figures above');
      process.exitCode = 1;
    }
  } finally {
    await site.remove();
  }
}

function runHeader(started: Date, settings: Settings) {
  return {
    date: started.toISOString(),
    node: process.version,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadAverageAtStart: os.loadavg() },
    settings,
  };
}

async function writeResults(file: string, results: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`figures written to ${path.relative(ROOT, file)}`);
}

/** The cache runs and SIGTERM under load; whether every check passed. */
async function loadAndShutdown(site: EditedSite, settings: Settings, started: Date): Promise<boolean> {
  const runs: CacheRun[] = [];
  for (const responseCache of ['on', 'off'] as const) {
    runs.push(await cacheRun(site, settings, responseCache));
    console.log(formatRun(runs.at(-1)!));
  }
  const shutdown = await shutdownRun(site, settings);
  console.log(formatShutdown(shutdown));
  await writeResults(RESULTS_FILE, { ...runHeader(started, settings), runs, shutdown });
  return [...runs.map(passed), shutdownPassed(shutdown)].every(Boolean);
}

/** A gateway of its own, so the soak starts from a fresh process whatever ran before. */
async function soakRun(site: EditedSite, settings: Settings): Promise<SoakFigures> {
  const gateway = await startGateway({
    cli: CLI,
    content: site.root,
    args: settings.maxQueryBytes === undefined ? [] : ['--max-query-bytes', String(settings.maxQueryBytes)],
    env: { NODE_ENV: 'production' },
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  try {
    return await hostileSoak(gateway, site, {
      durationSeconds: settings.soakDurationSeconds,
      connections: settings.connections,
      hostileClients: settings.hostileClients,
      kinds: settings.hostileKinds,
      maxQueryBytes: settings.maxQueryBytes ?? DEFAULT_REQUEST_LIMITS.maxQueryBytes,
    });
  } finally {
    await gateway.stop();
  }
}

async function cacheRun(site: EditedSite, settings: Settings, responseCache: 'on' | 'off'): Promise<CacheRun> {
  const spawned = performance.now();
  const gateway = await startGateway({
    cli: CLI,
    content: site.root,
    args: responseCache === 'on' ? [] : ['--no-response-cache'],
    env: { NODE_ENV: 'production' },
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  const loadSeconds = (performance.now() - spawned) / 1000;
  try {
    const rssAfterLoadMiB = gateway.rssMiB();
    const figures = await loadWhileEditing(gateway, site, {
      connections: settings.connections,
      maxRequests: settings.maxRequests,
      durationSeconds: settings.durationSeconds,
      transport: 'both',
      edit: true,
    });
    return { responseCache, loadSeconds: round(loadSeconds), rssAfterLoadMiB, peakRssMiB: gateway.peakRssMiB(), ...figures };
  } finally {
    await gateway.stop();
  }
}

async function shutdownRun(site: EditedSite, settings: Settings): Promise<ShutdownFigures> {
  const gateway = await startGateway({
    cli: CLI,
    content: site.root,
    args: ['--debug'],
    env: { NODE_ENV: 'production' },
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  site.editor.start();
  try {
    return await sigtermUnderLoad(gateway, { connections: settings.connections, loadBeforeSignalMs: 5000, exitTimeoutMs: 30_000 });
  } finally {
    await site.editor.stop();
    await gateway.stop();
  }
}

function passed(run: CacheRun): boolean {
  const { load, consistency } = run;
  return load.errors === 0 && load.non2xx === 0 && consistency.failed === 0 && consistency.inconsistent === 0 && run.servesLastEdit;
}

function shutdownPassed(figures: ShutdownFigures): boolean {
  return figures.failures.length === 0 && figures.exitCode === 0 && figures.refusedAfterExit;
}

function formatRun(run: CacheRun): string {
  const { load, consistency, edits } = run;
  return [
    `response cache ${run.responseCache}: loaded in ${run.loadSeconds} s, RSS ${run.rssAfterLoadMiB} MiB after load`,
    `  ${load.requests} requests in ${load.seconds} s (${load.requestsPerSecond}/s), p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, max ${load.maxMs} ms`,
    `  errors ${load.errors}, non-2xx ${load.non2xx}, status codes ${JSON.stringify(load.statusCodes)}`,
    `  edits ${edits.rewritten} rewritten, ${edits.added} added, ${edits.deleted} deleted; ${consistency.versions} content versions answered`,
    `  answers failed ${consistency.failed}, inconsistent ${consistency.inconsistent}; served the last edit: ${run.servesLastEdit}`,
    `  RSS ${run.rssBeforeMiB} MiB before the load, ${run.rssAfterMiB} MiB after, peak ${run.peakRssMiB} MiB`,
    `  RSS every 5 s (MiB): ${run.rssSamplesMiB.join(' ')}`,
    ...consistency.problems.map((problem) => `  ! ${problem}`),
  ].join('\n');
}

function formatShutdown(figures: ShutdownFigures): string {
  return [
    `SIGTERM under load: ${figures.sent} requests, answers ${JSON.stringify(figures.statuses)}`,
    `  in flight at the signal and answered ${figures.inFlightCompleted} (${figures.inFlightClosing} said Connection: close)`,
    `  refused ${figures.refused}, closed before being read ${figures.closedUnread}, refused after exit: ${figures.refusedAfterExit}`,
    `  exit code ${figures.exitCode}${figures.exitSignal ? ` (signal ${figures.exitSignal})` : ''} ${figures.exitMs} ms after SIGTERM, ${figures.exitAfterSignalLoggedMs} ms after the gateway logged it`,
    ...figures.failures.slice(0, 20).map((failure) => `  ! ${failure}`),
  ].join('\n');
}

function readSettings(): Settings {
  const values = benchArgs(COMMAND);
  if (values['soak-only'] && values['no-soak']) throw new Error('--soak-only and --no-soak exclude each other');
  return {
    articles: wholeNumber(values.articles, 'articles', 1),
    durationSeconds: wholeNumber(values.duration, 'duration', 1),
    connections: wholeNumber(values.connections, 'connections', 1),
    maxRequests: wholeNumber(values['max-requests'], 'max-requests', 1),
    seed: wholeNumber(values.seed, 'seed', 1),
    soak: values['soak-only'] ? 'only' : values['no-soak'] ? 'no' : 'also',
    soakDurationSeconds: wholeNumber(values['soak-duration'], 'soak-duration', 1),
    hostileClients: wholeNumber(values['hostile-clients'], 'hostile-clients', 0),
    hostileKinds: hostileKinds(values['hostile-kinds']),
    ...(values['max-query-bytes'] === undefined ? {} : { maxQueryBytes: wholeNumber(values['max-query-bytes'], 'max-query-bytes', 1) }),
  };
}

/** `--hostile-kinds 'padded document,APQ registration'`: to see what each kind costs alone. */
function hostileKinds(value: string): HostileKind[] {
  const kinds = value.split(',').map((kind) => kind.trim());
  for (const kind of kinds)
    if (!HOSTILE_KINDS.includes(kind as HostileKind))
      throw new Error(`--hostile-kinds: ${JSON.stringify(kind)} is none of ${HOSTILE_KINDS.join(', ')}`);
  return kinds as HostileKind[];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
