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
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { renderBody } from '../../src/content/body/render';
import { DEFAULT_CONTENT_OPTIONS } from '../../src/content/options';
import { runContentFuzz, type FuzzReport } from '../../tests/fuzz/content-fuzz';
import { KNOWN_SLOW_BODIES } from '../../tests/fuzz/inputs';

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new Error(`--${name}: expected a non-negative integer, got "${value}"`);
  return number;
}

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
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      iterations: { type: 'string' },
      files: { type: 'string' },
      json: { type: 'string' },
      'known-issues': { type: 'boolean' },
    },
  });
  if (values['known-issues']) {
    timeKnownIssues();
    return 0;
  }
  const seed = integer('seed', values.seed, 1);
  const iterations = integer('iterations', values.iterations, 100);
  const report = await runContentFuzz({
    seed,
    iterations,
    filesPerIteration: integer('files', values.files, 25),
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
