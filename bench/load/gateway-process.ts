/**
 * The built CLI as a child process, the way it runs in production: `serve --port 0` on
 * loopback, its JSON log lines kept, its resident memory read from `/proc`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface GatewayProcess {
  /** The GraphQL endpoint, as the CLI logged it. */
  url: string;
  pid: number;
  /** Every JSON line logged so far. */
  logs: Record<string, unknown>[];
  /** Resolves when the process has exited. */
  exited: Promise<GatewayExit>;
  rssMiB(): number;
  /** Highest resident set so far. */
  peakRssMiB(): number;
  /** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<GatewayExit>;
}

export interface GatewayExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** When, as `performance.now()`. */
  at: number;
  /** When, as `Date.now()`, to compare with the `time` of log lines. */
  epochMs: number;
}

export interface GatewayStart {
  /** Path of the built `dist/cli.js`. */
  cli: string;
  content: string;
  /** More `serve` flags. */
  args?: string[];
  /** Options for `node` itself, such as `--max-old-space-size`. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  readyTimeoutMs: number;
}

export async function startGateway(start: GatewayStart): Promise<GatewayProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(start.nodeArgs ?? []),
      start.cli,
      'serve',
      '--content',
      start.content,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      ...(start.args ?? []),
    ],
    {
      env: { ...process.env, ...start.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096);
  });
  readLines(child, (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ msg: line });
    }
  });
  const exited = new Promise<GatewayExit>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal, at: performance.now(), epochMs: Date.now() });
    }),
  );
  const statusMiB = (field: string) => procStatusMiB(child.pid!, field);
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const exit = await exited;
    clearTimeout(timer);
    return exit;
  };
  try {
    const url = await waitForReady(child, logs, start.readyTimeoutMs);
    return { url, pid: child.pid!, logs, exited, rssMiB: () => statusMiB('VmRSS'), peakRssMiB: () => statusMiB('VmHWM'), stop };
  } catch (error) {
    await stop(1000);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr}`, { cause: error });
  }
}

/** The URL from the `listening on` line, once `/readyz` answers 200. */
async function waitForReady(child: ChildProcess, logs: readonly Record<string, unknown>[], timeoutMs: number): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the gateway exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    const url = logs.find((line) => typeof line.url === 'string')?.url as string | undefined;
    if (url !== undefined) {
      const ready = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(1000) }).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return url;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the gateway was not ready after ${timeoutMs} ms`);
}

function readLines(child: ChildProcess, onLine: (line: string) => void): void {
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line !== '') onLine(line);
  });
}

function procStatusMiB(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Math.round(Number(match[1]) / 1024);
}
