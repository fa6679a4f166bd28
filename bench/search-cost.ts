/**
 * What one search costs in-process, call by call: `snapshot.searchArticles` with the benchmark's
 * query (or `--query`), asked `--calls` times one after another on a loaded snapshot. A server
 * answers its connections one at a time, so a slow call holds back every request queued behind
 * it: the tail of these calls is the floor of the tail over HTTP. Reports the first call apart
 * (it finishes the index the snapshot builds in slices), the per-call percentiles, and the
 * garbage collections that ran while calls were measured, by kind, with how many of the calls
 * above p99 overlapped one. Writes the figures to `bench/results/search-cost.json` (`--results`).
 *
 *   npm run build && npx tsc -p bench/tsconfig.json
 *   node bench/dist/bench/search-cost.js --content bench/corpus-out/10000
 *   node --cpu-prof --cpu-prof-dir=bench/results bench/dist/bench/search-cost.js --content bench/corpus-out/10000
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { ContentStore } from '../src/content/content-store';
import type { ContentSnapshot } from '../src/content/model';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from './cli-args';
import { SEARCH_QUERY } from './operations';
import { machineOfRun } from './measure';

const COMMAND = {
  about: 'What one search costs in-process, call by call, with the garbage collections that ran meanwhile.',
  flags: {
    content: { type: 'string', value: 'DIR', help: 'a corpus (bench/corpus-out/N)' },
    query: { type: 'string', multiple: true, value: 'TEXT', help: `a search query; repeat for several (the benchmark's: ${SEARCH_QUERY})` },
    calls: { type: 'string', default: '2000', value: 'N', help: 'measured calls per query' },
    limit: { type: 'string', default: '20', value: 'N', help: "hits per page (the benchmark's first: 20)" },
    results: { type: 'string', default: path.join('bench', 'results', 'search-cost.json'), value: 'FILE', help: 'where the figures go' },
  },
} satisfies BenchCommand<BenchFlags>;

/** Calls before measuring, so V8 has optimised the path. */
const WARM_UP_CALLS = 200;

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

interface Pause {
  kind: string;
  start: number;
  end: number;
}

interface QueryFigures {
  query: string;
  total: number;
  firstCallMs: number;
  calls: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  gc: Record<string, { count: number; totalMs: number; maxMs: number }>;
  /** Of the calls slower than p99, how many overlapped a collection. */
  slowCallsOverlappingGc: { slow: number; overlapping: number };
}

const rounded = (value: number) => Math.round(value * 1000) / 1000;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** Collections in the order they end; the observer reports them a turn of the event loop late. */
function watchCollections(): { pauses: Pause[]; stop: () => Promise<void> } {
  const pauses: Pause[] = [];
  const record = (entries: PerformanceEntry[]) => {
    for (const entry of entries) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1;
      pauses.push({ kind: GC_KINDS[kind] ?? `kind ${kind}`, start: entry.startTime, end: entry.startTime + entry.duration });
    }
  };
  const observer = new PerformanceObserver((list) => {
    record(list.getEntries());
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    pauses,
    stop: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      record(observer.takeRecords());
      observer.disconnect();
    },
  };
}

function gcSummary(pauses: readonly Pause[]): QueryFigures['gc'] {
  const summary: QueryFigures['gc'] = {};
  for (const { kind, start, end } of pauses) {
    const entry = (summary[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
    entry.count++;
    entry.totalMs = rounded(entry.totalMs + end - start);
    entry.maxMs = rounded(Math.max(entry.maxMs, end - start));
  }
  return summary;
}

async function measureQuery(snapshot: ContentSnapshot, query: string, calls: number, limit: number): Promise<QueryFigures> {
  const search = () => snapshot.searchArticles(query, { limit });
  const firstStart = performance.now();
  const { total } = search();
  const firstCallMs = rounded(performance.now() - firstStart);
  for (let call = 0; call < WARM_UP_CALLS; call++) search();

  const collections = watchCollections();
  const spans: [start: number, end: number][] = [];
  for (let call = 0; call < calls; call++) {
    const start = performance.now();
    search();
    spans.push([start, performance.now()]);
  }
  await collections.stop();

  const times = spans.map(([start, end]) => end - start).sort((a, b) => a - b);
  const p99 = percentile(times, 0.99);
  const slow = spans.filter(([start, end]) => end - start > p99);
  const overlapping = slow.filter(([start, end]) => collections.pauses.some((pause) => pause.start < end && pause.end > start));
  return {
    query,
    total,
    firstCallMs,
    calls,
    meanMs: rounded(times.reduce((sum, time) => sum + time, 0) / times.length),
    p50Ms: rounded(percentile(times, 0.5)),
    p90Ms: rounded(percentile(times, 0.9)),
    p99Ms: rounded(p99),
    maxMs: rounded(times[times.length - 1]),
    gc: gcSummary(collections.pauses),
    slowCallsOverlappingGc: { slow: slow.length, overlapping: overlapping.length },
  };
}

async function main(): Promise<void> {
  const values = benchArgs(COMMAND);
  if (values.content === undefined) throw new Error('--content DIR is needed: a corpus such as bench/corpus-out/10000');
  const calls = wholeNumber(values.calls, 'calls', 1);
  const limit = wholeNumber(values.limit, 'limit', 1);
  const loadAverageAtStart = os.loadavg().map(rounded);
  const snapshot = (await ContentStore.open(values.content)).current();
  const figures: QueryFigures[] = [];
  for (const query of values.query ?? [SEARCH_QUERY]) {
    const measured = await measureQuery(snapshot, query, calls, limit);
    console.log(JSON.stringify(measured));
    figures.push(measured);
  }
  const machine = machineOfRun(loadAverageAtStart);
  const command = ['node', 'bench/dist/bench/search-cost.js', ...process.argv.slice(2)].join(' ');
  const results = {
    command,
    date: new Date().toISOString(),
    machine,
    content: values.content,
    articles: snapshot.status.articles,
    figures,
  };
  await writeFile(values.results, `${JSON.stringify(results, null, 2)}\n`);
}

// The parse pool's threads would keep the process alive.
main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
