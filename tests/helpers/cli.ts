import { execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(PROJECT_ROOT, 'dist/cli.js');
const SOURCES = path.join(PROJECT_ROOT, 'src');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Path of the built CLI, for suites that spawn it. A missing or stale build fails here with the
 * command that fixes it, instead of later as an empty log, an "Invalid URL" or yesterday's code.
 */
export function builtCli(): string {
  const built = modifiedAt(CLI);
  if (built === null) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it for you)`);
  const newer = newestSource(SOURCES);
  if (newer && newer.modified > built) {
    throw new Error(`${CLI} is older than ${path.relative(PROJECT_ROOT, newer.file)}: run \`npm run build\` (npm test does it for you)`);
  }
  return CLI;
}

/** Runs the built CLI as a user would; `npm test` builds it first. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const cli = builtCli();
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A line of `serve --log-format json`, with the fields the suites look at. */
export interface ServeLogLine {
  level: number;
  msg: string;
  url?: string;
}

/**
 * Reads the JSON log lines of a spawned `serve` for as long as it runs, each to `onLine`, and resolves
 * with the URL it listens on once it has both listened and loaded its content: in either order, since
 * a warm start of a small site can be loaded before it listens. Rejects when it exits before.
 */
export function servingUrl(child: ChildProcess, onLine: (line: ServeLogLine) => void = () => undefined): Promise<string> {
  const stdout = child.stdout;
  if (stdout === null) throw new Error('serve was spawned without a stdout pipe');
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`serve exited with ${code} before loading`));
    });
    let url = '';
    let loaded = false;
    createInterface({ input: stdout }).on('line', (text) => {
      const line = JSON.parse(text) as ServeLogLine;
      onLine(line);
      if (line.url) url = line.url;
      if (line.msg.startsWith('content loaded')) loaded = true;
      if (loaded && url !== '') resolve(url);
    });
  });
}

function modifiedAt(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function newestSource(dir: string): { file: string; modified: number } | null {
  let newest: { file: string; modified: number } | null = null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestSource(file) : { file, modified: statSync(file).mtimeMs };
    if (candidate && (!newest || candidate.modified > newest.modified)) newest = candidate;
  }
  return newest;
}
