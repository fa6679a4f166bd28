/**
 * Where loading spends its CPU: loads a corpus in-process several times and prints the CPU
 * time of each stage that turns a file into a post, per file and in total, then a whole
 * `ContentStore.open` for comparison.
 *
 *   node bench/dist/bench/profile-load.js [--content DIR] [--runs N] [--workers N]
 *
 * Each stage runs over every file before the next starts, on the previous stage's output, so
 * its figure is its own cost. Then the parse pool reads and parses the corpus on `--workers`
 * threads (default: one per core): CPU there is the whole process's, and the main thread's
 * share is shown below it (on Linux). Run under `node --cpu-prof` to see inside a
 * stage (worker threads write their own profiles).
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderBody } from '../src/content/body/render';
import { renderMarkdown } from '../src/content/body/markdown';
import { sanitizeBodyHtml } from '../src/content/body/sanitize';
import { normaliseMeta, splitFrontMatter } from '../src/content/front-matter';
import { ContentStore } from '../src/content/content-store';
import { ParsePool } from '../src/content/parse-pool';
import { parsePost } from '../src/content/parse-post';
import { findMarkdownFiles, readMarkdownFileSync, type ReadFile } from '../src/content/scan';
import { DEFAULT_CONTENT_OPTIONS } from '../src/content/options';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from './cli-args';
import { findRepoRoot } from './measure';

interface StageTime {
  cpuMs: number;
  wallMs: number;
}

const ROOT = findRepoRoot(__dirname);
const options = DEFAULT_CONTENT_OPTIONS;

const COMMAND = {
  about: 'CPU per stage of turning files into posts, in-process, fastest of --runs; then the parse pool and a whole ContentStore.open.',
  flags: {
    content: { type: 'string', default: path.join(ROOT, 'bench', 'corpus-out', '10000'), value: 'DIR', help: 'the corpus' },
    runs: { type: 'string', default: '3', value: 'N', help: 'runs; the table shows the fastest of each stage' },
    workers: {
      type: 'string',
      default: String(os.availableParallelism()),
      value: 'N',
      help: 'parse pool threads (one per core unless given)',
    },
  },
} satisfies BenchCommand<BenchFlags>;

async function measure<T>(work: () => T | Promise<T>): Promise<{ result: T; time: StageTime }> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await work();
  const cpu = process.cpuUsage(cpuBefore);
  return { result, time: { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wallBefore } };
}

/** Every file read as the parse pool's workers read them, one after the other. */
async function readAll(root: string): Promise<ReadFile[]> {
  const { files } = await findMarkdownFiles(root);
  return files.flatMap((file) => {
    const outcome = readMarkdownFileSync(file, options.maxFileBytes);
    return outcome.ok ? [outcome.file] : [];
  });
}

/**
 * CPU time of this (the main) thread alone, where Linux tells it; `process.cpuUsage` counts every thread.
 * The figure has the kernel's clock-tick resolution, 10 ms.
 */
function mainThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Reads and parses every file on the pool, as a load would; returns the main thread's CPU time. */
async function parseOnPool(root: string, pool: ParsePool): Promise<number | null> {
  const before = mainThreadCpuMs();
  const { files } = await findMarkdownFiles(root);
  let next = 0;
  const submitter = async () => {
    while (next < files.length) await pool.readAndParse(files[next++]);
  };
  await Promise.all(Array.from({ length: options.readConcurrency }, submitter));
  const after = mainThreadCpuMs();
  return before === null || after === null ? null : after - before;
}

/** One pass of every stage; returns the stage times in a fixed order. */
async function profileOnce(root: string, pool: ParsePool): Promise<Map<string, StageTime>> {
  const times = new Map<string, StageTime>();
  const stage = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const { result, time } = await measure(work);
    times.set(name, time);
    return result;
  };

  const files = await stage('walk + read + hash', () => readAll(root));
  const splits = await stage('front matter: split + YAML', () => files.map((file) => splitFrontMatter(file.text, options)));
  await stage('front matter: normalise (dates…)', () =>
    splits.map((split, index) =>
      split.ok
        ? normaliseMeta(split.data, {
            fileStem: path.posix.basename(files[index].path, '.md'),
            timeZone: options.timeZone,
            updatedOption: options.updatedOption,
            modifiedAt: new Date(files[index].modifiedMs),
          })
        : null,
    ),
  );
  const bodies = splits.map((split) => (split.ok ? split.body : ''));
  const markdown = await stage('body: markdown-it', () => bodies.map((body) => renderMarkdown(body, options.markdownTypographer)));
  await stage('body: sanitize-html', () => markdown.map((html) => sanitizeBodyHtml(html, options.iframeHosts)));
  await stage('body: whole renderBody', () => bodies.map((body) => renderBody(body, options)));
  await stage('parsePost (all of the above but reading)', () => files.map((file) => parsePost(file, options)));
  const mainThreadMs = await stage(`pool of ${pool.size}: walk + read + parse`, () => parseOnPool(root, pool));
  if (mainThreadMs !== null) times.set('  of which the main thread', { cpuMs: mainThreadMs, wallMs: Number.NaN });
  await stage('ContentStore.open (whole load)', () => ContentStore.open(root));
  times.set('files', { cpuMs: files.length, wallMs: files.length });
  return times;
}

async function main(): Promise<void> {
  const values = benchArgs(COMMAND);
  const root = path.resolve(values.content);
  const runs = wholeNumber(values.runs, 'runs', 1);
  if (!existsSync(root)) throw new Error(`no corpus at ${root}: write one with npm run bench:corpus -- --articles 10000`);

  console.log(
    `node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  console.log(`corpus ${root}, ${runs} run(s); the first run includes warm-up, the table shows the fastest run per stage`);
  const pool = new ParsePool(options, wholeNumber(values.workers, 'workers', 1));
  const best = new Map<string, StageTime>();
  for (let run = 1; run <= runs; run++) {
    const times = await profileOnce(root, pool);
    for (const [name, time] of times) {
      const previous = best.get(name);
      if (!previous || time.cpuMs < previous.cpuMs) best.set(name, time);
    }
    const whole = times.get('ContentStore.open (whole load)');
    console.log(`run ${run}: whole load ${whole?.wallMs.toFixed(0)} ms wall, ${whole?.cpuMs.toFixed(0)} ms CPU`);
  }
  const files = best.get('files')?.cpuMs ?? 1;
  best.delete('files');

  const rows = [...best].map(([name, time]) => ({
    stage: name,
    'CPU ms': Math.round(time.cpuMs),
    'wall ms': Number.isNaN(time.wallMs) ? '' : Math.round(time.wallMs),
    'CPU µs/file': Math.round((time.cpuMs * 1000) / files),
  }));
  console.table(rows);
  await pool.close();
  const rssMiB = process.memoryUsage().rss / 1024 / 1024;
  console.log(`${files} files; RSS now ${rssMiB.toFixed(0)} MiB (every stage's output of the last run is garbage by now)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
