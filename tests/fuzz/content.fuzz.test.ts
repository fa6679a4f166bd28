/**
 * A short fuzz run over the content layer; `npm run fuzz` runs the long one (bench/fuzz).
 * The seeds are fixed, so a failure here reproduces with the same seed there.
 */
import { runContentFuzz } from './content-fuzz';

const SEEDS = [1, 2, 3];

describe.each(SEEDS)('content fuzzing, seed %i', (seed) => {
  it('never crashes, never executes content, accounts for every file and serves only sanitised HTML', async () => {
    const report = await runContentFuzz({ seed, iterations: 4, filesPerIteration: 20 });
    expect(report.violations).toEqual([]);
    expect(report.iterations).toBe(4);
    expect(report.files).toBeGreaterThanOrEqual(80 - report.vanished);
    expect(report.articles).toBeGreaterThan(0);
    expect(report.erroredFiles).toBeGreaterThan(0);
  }, 120_000);
});

it('draws the same files for the same seed', async () => {
  const [first, second] = await Promise.all([
    runContentFuzz({ seed: 7, iterations: 1, filesPerIteration: 20 }),
    runContentFuzz({ seed: 7, iterations: 1, filesPerIteration: 20 }),
  ]);
  const stable = (report: typeof first) => ({
    kinds: Object.fromEntries(Object.entries(report.kinds).map(([kind, figures]) => [kind, { ...figures, maxParseMs: 0 }])),
    codes: report.diagnosticCodes,
  });
  expect(stable(second)).toEqual(stable(first));
}, 120_000);
