/**
 * Starts a server as a child process and measures it: time to ready and to the first answer,
 * memory after load, and throughput and latency per operation. The gateway and the reference
 * go through the same code, so their figures differ only by the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { asGetRequest, type BenchOperation } from './operations';

export interface ServerCommand {
  name: string;
  /** Arguments to `node`: the script and its own arguments. */
  args(contentDir: string, port: number): string[];
  /** Options for `node` itself, such as `--cpu-prof`. */
  nodeOptions?: string[];
  env?: Record<string, string>;
}

export interface LoadFigures {
  /** From spawn to the first 200 on `/readyz`. */
  readyMs: number;
  /** From spawn to the first answer without errors. */
  firstAnswerMs: number;
  filesPerSecond: number;
  /** Resident set of the server right after the first answer. */
  rssAfterLoadMiB: number;
}

export interface ThroughputFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers, socket errors and timeouts: a run with any is not a fair figure. */
  failures: number;
}

export interface LoadTestSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface RunningServer {
  url: string;
  load: LoadFigures;
  /** Highest resident set so far (VmHWM). */
  peakRssMiB(): number;
  /** Resident set now (VmRSS). */
  rssMiB(): number;
  stop(): Promise<void>;
}

const POLL_INTERVAL_MS = 20;
const STOP_GRACE_MS = 5000;

export async function startMeasuredServer(
  command: ServerCommand,
  contentDir: string,
  files: number,
  firstOperation: BenchOperation,
  readyTimeoutMs: number,
): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...(command.nodeOptions ?? []), ...command.args(contentDir, port)], {
    env: { ...process.env, ...command.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = tail(child);
  const stop = () => stopChild(child);
  try {
    await waitForReady(child, url, readyTimeoutMs, stderr);
    const readyMs = performance.now() - started;
    await queryOnce(url, firstOperation);
    const firstAnswerMs = performance.now() - started;
    return {
      url,
      load: {
        readyMs: Math.round(readyMs),
        firstAnswerMs: Math.round(firstAnswerMs),
        filesPerSecond: Math.round(files / (readyMs / 1000)),
        rssAfterLoadMiB: procStatusMiB(child.pid!, 'VmRSS'),
      },
      peakRssMiB: () => procStatusMiB(child.pid!, 'VmHWM'),
      rssMiB: () => procStatusMiB(child.pid!, 'VmRSS'),
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${command.name}: ${error instanceof Error ? error.message : String(error)}\n${stderr()}`, { cause: error });
  }
}

/** Sends one operation and returns the whole response; any GraphQL error is a failure. */
export async function queryOnce(url: string, operation: BenchOperation): Promise<{ data: unknown; extensions?: Record<string, unknown> }> {
  const response = await fetch(`${url}/graphql`, requestInit(operation));
  const text = await response.text();
  if (!response.ok) throw new Error(`${operation.name}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  const body = JSON.parse(text);
  if (body.errors?.length) throw new Error(`${operation.name}: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body;
}

/**
 * Loads one operation: sent as a POST each time, or, with `repeatedGet`, as the same GET each
 * time, which a response cache may answer.
 */
export async function loadTest(
  url: string,
  operation: BenchOperation,
  settings: LoadTestSettings,
  { repeatedGet = false }: { repeatedGet?: boolean } = {},
): Promise<ThroughputFigures> {
  const request = repeatedGet
    ? (({ path, headers }) => ({ url: `${url}${path}`, method: 'GET' as const, headers }))(asGetRequest(operation))
    : { url: `${url}/graphql`, ...requestInit(operation) };
  const options = { ...request, connections: settings.connections };
  if (settings.warmupSeconds > 0) await autocannon({ ...options, duration: settings.warmupSeconds });
  const result = await autocannon({ ...options, duration: settings.durationSeconds });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** The nearest folder above `start` with a package.json: where relative bench paths start. */
export function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

function requestInit(operation: BenchOperation) {
  return {
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  };
}

async function waitForReady(child: ChildProcess, url: string, timeoutMs: number, stderr: () => string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before ready`);
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`not ready after ${timeoutMs} ms; stderr so far:\n${stderr()}`);
}

/** Keeps the end of the child's stderr for error messages, and drains the pipe so the child never blocks on it. */
function tail(child: ChildProcess, limit = 4096): () => string {
  let text = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    text = (text + chunk).slice(-limit);
  });
  return () => text;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function procStatusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Math.round(Number(match[1]) / 1024);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** The machine an in-process measurement ran on, with the load average before and after it. */
export function machineOfRun(loadAverageAtStart: readonly number[]) {
  const rounded = (value: number) => Math.round(value * 1000) / 1000;
  return {
    cpus: os.availableParallelism(),
    node: process.version,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg().map(rounded),
  };
}
