/**
 * `serve` on the built CLI, for the persistent cache's suites: its log lines, a broad query whose
 * answer covers every field a parse result feeds, and a copy of a fixture to edit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bodyFile } from '../../src/content/cache/body-file';
import { builtCli, PROJECT_ROOT, servingUrl, type ServeLogLine } from '../helpers/cli';

export interface LogEntry extends ServeLogLine {
  cache?: { cached: number; verified: number; parsed: number };
}

export interface ServeRun {
  url: string;
  child: ChildProcess;
  logs: LogEntry[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const WARN = 40;

/** Starts `serve` (with a cost limit the broad query fits); `loaded` resolves once the content is loaded. Every log line lands in `logs`. */
export function spawnServe(content: string, args: string[], env: NodeJS.ProcessEnv = {}): ServeRun & { loaded: Promise<void> } {
  const child = spawn(
    process.execPath,
    [
      builtCli(),
      'serve',
      '--content',
      content,
      '--port',
      '0',
      '--log-format',
      'json',
      '--site-url',
      'https://example.test',
      '--max-cost',
      '1000000',
      ...args,
    ],
    { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const run = {
    url: '',
    child,
    logs: [] as LogEntry[],
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
  const loaded = servingUrl(child, (entry) => run.logs.push(entry as LogEntry)).then((url) => {
    run.url = url;
  });
  loaded.catch(() => undefined);
  return {
    ...run,
    get url() {
      return run.url;
    },
    loaded,
  };
}

/** {@link spawnServe}, resolved once the content is loaded. */
export async function startServe(content: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeRun> {
  const run = spawnServe(content, args, env);
  await run.loaded.catch(async (error: unknown) => {
    await run.stop();
    throw error;
  });
  return run;
}

export function cacheCounts(run: ServeRun): NonNullable<LogEntry['cache']> {
  const counts = run.logs.find((entry) => entry.cache !== undefined)?.cache;
  if (counts === undefined) throw new Error('serve logged no cache counts');
  return counts;
}

export function warnings(run: ServeRun): string[] {
  return run.logs.filter((entry) => entry.level === WARN).map((entry) => entry.msg);
}

/** Every field a parse result feeds, for every article, plus a search and the status but its load time. */
export const BROAD_QUERY = `{
  contentStatus { version files articles unpublished categories authors tags sections errors warnings diagnostics { path severity code message line } }
  articles(first: 100) {
    totalCount
    nodes {
      id slug path title date updated author { name slug } categories { name slug ancestors { name } } tags { name slug }
      headImage thumbnail cover comments language excerpt html text lead { html text }
      sections { id index heading anchor html wordCount text }
      wordCount characterCount readingTimeMinutes images { src alt } frontMatter url draft
      previous { slug } next { slug } toc(maxDepth: 6) { level text anchor children { level text anchor } }
    }
  }
  search(query: "the", first: 20) { totalCount edges { node { score article { slug } section { anchor } highlights { field section { anchor } text html ranges { start end } } } } }
}`;

/** The broad query's answer, as the bytes the server sent. */
export async function broadAnswer(run: ServeRun): Promise<string> {
  const response = await fetch(run.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: BROAD_QUERY }),
  });
  const text = await response.text();
  if (!response.ok || (JSON.parse(text) as { errors?: unknown }).errors !== undefined)
    throw new Error(`broad query failed: ${text.slice(0, 500)}`);
  return text;
}

/** The site's JSON feed, the bodies of the newest articles in it, as the server sent it. */
export async function feedAnswer(run: ServeRun): Promise<string> {
  const response = await fetch(new URL('/feed.json', run.url));
  const text = await response.text();
  if (!response.ok) throw new Error(`feed failed: HTTP ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

/** The broad query's answer from a start without the cache: what every cached start must equal. */
export async function uncachedAnswer(content: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const run = await startServe(content, ['--no-cache', '--no-watch'], env);
  try {
    return await broadAnswer(run);
  } finally {
    await run.stop();
  }
}

/** A start on the cache in `cacheDir`, without watching: its cache counts, warnings and broad answer. */
export async function cachedStart(content: string, cacheDir: string, env: NodeJS.ProcessEnv = {}) {
  const run = await startServe(content, ['--cache-dir', cacheDir, '--no-watch'], env);
  try {
    return { counts: cacheCounts(run), answer: await broadAnswer(run), warnings: warnings(run) };
  } finally {
    await run.stop();
  }
}

/**
 * Where the cache in `cacheDir` (one entry directory) keeps the body of `file` as it is now: a body file
 * is named for its version, the hash of the file's bytes (with the default `--updated-option`).
 */
export async function currentBodyFile(cacheDir: string, file: string): Promise<string> {
  const [key] = await readdir(cacheDir);
  return bodyFile(
    path.join(cacheDir, key),
    createHash('sha1')
      .update(await readFile(file))
      .digest('hex'),
  );
}

/** A fresh folder for the test, removed by `remove`. */
export async function scratch(): Promise<{ directory: string; remove: () => Promise<void> }> {
  const directory = await mkdtemp(path.join(tmpdir(), 'content-cache-'));
  return { directory, remove: () => rm(directory, { recursive: true, force: true }) };
}

/**
 * A copy of a fixture site inside `directory`, safe to edit. Its files are dated an hour back: a file
 * modified within the file system's tick of its entry being written is checked by hash, not by stamp.
 */
export async function copyFixture(fixture: string, directory: string): Promise<string> {
  const content = path.join(directory, 'content');
  await cp(path.join(PROJECT_ROOT, fixture), content, { recursive: true });
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const entry of await readdir(content, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), anHourAgo, anHourAgo);
  }
  return content;
}
