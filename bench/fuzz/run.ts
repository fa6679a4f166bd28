/**
 * The long content fuzz run:
 *
 *   npm run fuzz -- --seed 1 --iterations 200 [--files 25] [--json out.json] [--known-issues]
 *
 * Runs the same fuzzer as the test suite (tests/fuzz) for as long as asked, prints figures per
 * input kind, and exits 1 when any invariant broke, listing each with its seed and iteration.
 * `--known-issues` instead times the bodies listed as open issues in SECURITY.md at growing sizes.
 */
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { renderBody } from '../../src/content/body/render';
import { DEFAULT_CONTENT_OPTIONS } from '../../src/content/options';
import { runContentFuzz, type FuzzReport } from '../../tests/fuzz/content-fuzz';
import { KNOWN_SLOW_BODIES } from '../../tests/fuzz/inputs';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from '../cli-args';

const COMMAND = {
  about: 'The long content fuzz run: figures per input kind; exits 1 when an invariant broke.',
  flags: {
    seed: { type: 'string', default: '1', value: 'N', help: 'one seed gives the same inputs on every run' },
    iterations: { type: 'string', default: '100', value: 'N', help: 'iterations' },
    files: { type: 'string', default: '25', value: 'N', help: 'files per iteration' },
    json: { type: 'string', value: 'FILE', help: 'also write the report there' },
    'known-issues': {
      type: 'boolean',
      default: false,
      help: 'instead, time the bodies SECURITY.md lists as open issues, at growing sizes',
    },
  },
} satisfies BenchCommand<BenchFlags>;

function printReport(report: FuzzReport): void {
  const rows = Object.entries(report.kinds).map(([kind, figures]) => ({ kind, ...figures }));
  console.table(rows);
  console.log(
    [
      `seed ${report.seed}, ${report.iterations} iterations in ${(report.totalMs / 1000).toFixed(1)} s`,
      `files seen ${report.files} = served ${report.articles} + unpublished ${report.unpublished} + skipped ${report.erroredFiles}`,
      `layout cases (symlinks, loops, NFC twins, deep folders) ${report.layoutCases}`,
      `deleted during a load ${report.vanished}, of which reported unreadable ${report.vanishedReportedUnreadable}`,
      `slowest load of one iteration ${report.maxLoadMs} ms`,
      `served attribute values holding a raw "<" ${report.attributesWithRawMarkup}`,
      `diagnostics ${JSON.stringify(report.diagnosticCodes)}`,
      `violations ${report.violations.length}`,
    ].join('\n'),
  );
  for (const violation of report.violations) console.log(`  ${violation}`);
}

function timeKnownIssues(): void {
  for (const { name, body } of KNOWN_SLOW_BODIES) {
    const cells: string[] = [];
    for (const kib of [64, 128, 256]) {
      const started = performance.now();
      renderBody(body(kib * 1024), DEFAULT_CONTENT_OPTIONS);
      cells.push(`${kib} KiB: ${Math.round(performance.now() - started)} ms`);
    }
    console.log(`${name}: ${cells.join(', ')}`);
  }
}

async function main(): Promise<number> {
  const values = benchArgs(COMMAND);
  if (values['known-issues']) {
    timeKnownIssues();
    return 0;
  }
  const seed = wholeNumber(values.seed, 'seed');
  const iterations = wholeNumber(values.iterations, 'iterations');
  const report = await runContentFuzz({
    seed,
    iterations,
    filesPerIteration: wholeNumber(values.files, 'files'),
    timeEachFile: true,
    onIteration: (iteration, progress) => {
      if ((iteration + 1) % 10 === 0)
        console.error(`${iteration + 1}/${iterations} iterations, ${progress.files} files, ${progress.violations.length} violations`);
    },
  });
  printReport(report);
  if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  return report.violations.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
