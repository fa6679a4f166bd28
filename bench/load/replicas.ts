/**
 * Two replicas sharing one Redis, against one replica alone, in one run: the built CLI three
 * times over a generated corpus (`serve --redis` for A and B, nothing for C) and a
 * `redis-server` of its own. Sequential GETs of an article page, each request new to every
 * local cache:
 *
 * - across replicas: asked on A (made there, written to Redis), then the same on B (a Redis hit);
 * - one replica: asked on C, then again on C (a hit in its own cache), the baseline;
 * - a Redis miss: the first ask on A (its own cache, then Redis, then the engine) against the
 *   first ask on C (its own cache, then the engine).
 *
 * Prints mean and median latencies and their ratios, and writes `bench/results/replicas.json`.
 *
 *   npm run build && tsc -p bench/tsconfig.json && node bench/dist/bench/load/replicas.js [--articles N] [--rounds N]
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findProgram, REDIS_SERVER } from '../../tests/helpers/system-package';
import { freePort, startRedis, stopRedis } from '../../tests/helpers/redis';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from '../cli-args';
import { writeCorpus } from '../corpus/generate';
import { startGateway, type GatewayProcess } from './gateway-process';

const COMMAND = {
  about: 'Two replicas sharing a redis-server against one alone: the same page across replicas, and a Redis miss, as ratios.',
  flags: {
    articles: { type: 'string', default: '1000', value: 'N', help: 'posts in the generated corpus' },
    rounds: { type: 'string', default: '3', value: 'N', help: 'rounds measured over the first 100 articles, after one of warm-up' },
  },
} satisfies BenchCommand<BenchFlags>;

const ROOT = process.cwd();
const CLI = path.join(ROOT, 'dist', 'cli.js');
const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'replicas.json');
const PAGE = `query Page$ROUND($slug: String!) {
  article(slug: $slug) { title date author { name } categories { name } tags { name } sections { heading html } }
}`;
const PREFLIGHT = { 'apollo-require-preflight': 'true' };
/** Lets B find in Redis what A wrote without waiting for it. */
const WRITE_SETTLE_MS = 20;

interface Latencies {
  meanMs: number;
  medianMs: number;
}

async function timedGet(gateway: GatewayProcess, round: number, slug: string): Promise<number> {
  const search = new URLSearchParams({ query: PAGE.replace('$ROUND', String(round)), variables: JSON.stringify({ slug }) });
  const started = performance.now();
  const response = await fetch(`${gateway.url}?${search.toString()}`, { headers: PREFLIGHT });
  await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status} from ${gateway.url}`);
  return performance.now() - started;
}

function summary(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    meanMs: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
    medianMs: round(sorted[sorted.length >> 1] ?? 0),
  };
}

async function slugsOf(gateway: GatewayProcess): Promise<string[]> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ articles(first: 100) { nodes { slug } } }' }),
  });
  const body = (await response.json()) as { data: { articles: { nodes: { slug: string }[] } } };
  return body.data.articles.nodes.map((node) => node.slug);
}

async function main(): Promise<void> {
  const values = benchArgs(COMMAND);
  const articles = wholeNumber(values.articles, 'articles', 1);
  const rounds = wholeNumber(values.rounds, 'rounds', 1);
  const redisProgram = findProgram(REDIS_SERVER);
  if (redisProgram === null) throw new Error('redis-server is not installed (Debian package redis-server)');
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'content-gateway-replicas-'));
  const port = await freePort();
  const redis = await startRedis(redisProgram, port);
  const gateways: GatewayProcess[] = [];
  try {
    await writeCorpus({ articles, seed: 1, outDir: work });
    const start = (args: string[]) =>
      startGateway({ cli: CLI, content: work, args: ['--no-watch', ...args], env: { NODE_ENV: 'production' }, readyTimeoutMs: 600_000 });
    const redisArgs = ['--redis', `redis://127.0.0.1:${port}`];
    const [a, b, c] = [await start(redisArgs), await start(redisArgs), await start([])];
    gateways.push(a, b, c);
    const slugs = await slugsOf(c);
    const samples = { aFirst: [] as number[], bFromRedis: [] as number[], cFirst: [] as number[], cAgain: [] as number[] };
    // Round 0 warms each process up; its figures are dropped.
    for (let round = 0; round <= rounds; round++) {
      for (const slug of slugs) {
        const aFirst = await timedGet(a, round, slug);
        await new Promise((resolve) => setTimeout(resolve, WRITE_SETTLE_MS));
        const bFromRedis = await timedGet(b, round, slug);
        const cFirst = await timedGet(c, round, slug);
        const cAgain = await timedGet(c, round, slug);
        if (round === 0) continue;
        samples.aFirst.push(aFirst);
        samples.bFromRedis.push(bFromRedis);
        samples.cFirst.push(cFirst);
        samples.cAgain.push(cAgain);
      }
    }
    const figures = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, summary(values)])) as Record<
      keyof typeof samples,
      Latencies
    >;
    const ratio = (x: Latencies, y: Latencies) => Math.round((x.medianMs / y.medianMs) * 100) / 100;
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100) },
      articles,
      requestsPerFigure: samples.aFirst.length,
      figures,
      ratios: {
        acrossReplicasOverOneReplica: ratio(figures.bFromRedis, figures.cAgain),
        redisMissOverNoRedis: ratio(figures.aFirst, figures.cFirst),
        redisHitOverMade: ratio(figures.bFromRedis, figures.cFirst),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    await fs.writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const gateway of gateways) await gateway.stop();
    await stopRedis(redis);
    await fs.rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
