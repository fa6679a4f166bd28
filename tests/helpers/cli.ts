import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

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
