/**
 * Progress of the first load, as the built CLI shows it without a terminal (log lines, stderr
 * lines for `check`) and as `/readyz` answers while it runs; log lines as JSON or pretty-printed.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { writeCorpus } from '../../bench/corpus/generate';
import { FIXTURE_ROOT } from '../helpers/harness';
import { builtCli, PROJECT_ROOT, runCli } from '../helpers/cli';

/** Enough files that the load is still running while a few requests go to `/readyz`. */
const SLOW_LOAD_ARTICLES = 5000;

interface Serve {
  lines: string[];
  /** Resolves with the first line that `match` accepts. */
  waitFor(match: (line: string) => boolean): Promise<string>;
  stop(): Promise<void>;
}

function serve(content: string, args: string[], env: NodeJS.ProcessEnv = {}): Serve {
  const child = spawn(process.execPath, [builtCli(), 'serve', '--content', content, '--port', '0', '--no-watch', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiting: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiting.filter(({ match }) => match(line))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  return {
    lines,
    waitFor: (match) =>
      new Promise((resolve) => {
        const seen = lines.find(match);
        if (seen === undefined) waiting.push({ match, resolve });
        else resolve(seen);
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

const message = (line: string) => (JSON.parse(line) as { msg: string }).msg;

describe('a slow first load', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'content-gateway-progress-'));
    await writeCorpus({ articles: SLOW_LOAD_ARTICLES, seed: 4, outDir: root });
  }, 60_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is logged as it goes, and /readyz answers 503 with the same progress until it is done', async () => {
    const server = serve(root, []);
    try {
      const { url } = JSON.parse(await server.waitFor((line) => line.includes('"url"'))) as { url: string };
      const readyz = `${new URL(url).origin}/readyz`;
      const loading: unknown[] = [];
      let response = await fetch(readyz);
      while (response.status === 503) {
        loading.push(await response.json());
        await new Promise((resolve) => setTimeout(resolve, 100));
        response = await fetch(readyz);
      }
      expect(response.status).toBe(200);
      expect(loading.length).toBeGreaterThan(0);
      const progress = {
        files: expect.any(Number),
        parsed: expect.any(Number),
        elapsedMs: expect.any(Number),
        done: false,
      };
      expect(loading.at(-1)).toEqual({
        status: 'loading',
        progress: { ...progress, files: SLOW_LOAD_ARTICLES, filesPerSecond: expect.any(Number), secondsLeft: expect.any(Number) },
      });
      const lines = server.lines.map((line) => JSON.parse(line) as { msg: string; progress?: unknown });
      const progressLines = lines.filter(({ msg }) => msg.startsWith('loading content: '));
      expect(progressLines[0]).toMatchObject({
        level: 30,
        msg: 'loading content: finding files',
        progress: { files: null, parsed: 0, filesPerSecond: null, secondsLeft: null, done: false },
      });
      const loaded = lines.findIndex(({ msg }) => msg.startsWith('content loaded'));
      expect(loaded).toBeGreaterThan(lines.indexOf(progressLines.at(-1)!));
    } finally {
      await server.stop();
    }
  });

  it('is shown by check on stderr, keeping stdout the report', async () => {
    const { code, stdout, stderr } = await runCli(['check', root, '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { summary: { files: number } }).summary.files).toBe(SLOW_LOAD_ARTICLES);
    expect(stderr.split('\n')[0]).toBe('loading: finding files');
    for (const line of stderr.split('\n').slice(1).filter(Boolean)) {
      expect(line).toMatch(/^loading: [\d,]+ of 5,000 files, [\d,]+ files\/s, about \d+ s left$/);
    }
  });
});

describe('--log-format', () => {
  it('prints JSON lines without a terminal, pretty lines when asked', async () => {
    const json = serve(FIXTURE_ROOT, []);
    try {
      expect(message(await json.waitFor((line) => line.includes('content loaded')))).toMatch(/^content loaded: 29 articles/);
    } finally {
      await json.stop();
    }
    const pretty = serve(FIXTURE_ROOT, ['--log-format', 'pretty']);
    try {
      const loaded = await pretty.waitFor((line) => line.includes('content loaded'));
      expect(loaded).toMatch(/^\[[^\]]+\] INFO \(content-gateway\): content loaded: 29 articles/);
      expect(() => JSON.parse(loaded) as unknown).toThrow();
    } finally {
      await pretty.stop();
    }
  });

  it('takes LOG_FORMAT from the environment, the flag first', async () => {
    const server = serve(FIXTURE_ROOT, ['--log-format', 'json'], { LOG_FORMAT: 'pretty' });
    try {
      expect(message(await server.waitFor((line) => line.includes('content loaded')))).toMatch(/^content loaded/);
    } finally {
      await server.stop();
    }
  });

  it('refuses any other format', async () => {
    const flag = await runCli(['serve', '--content', FIXTURE_ROOT, '--log-format', 'xml']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--log-format: expected pretty or json, got "xml"');
    const env = await runCli(['serve', '--content', FIXTURE_ROOT], { LOG_FORMAT: 'text' });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('LOG_FORMAT: expected pretty or json, got "text"');
  });
});
