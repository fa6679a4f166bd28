/** The bench scripts' flags: read in-process, then one script run as a user runs it. */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readManifest } from '../../bench/corpus/generate';
import { BenchUsageError, benchUsage, parseBenchArgs, wholeNumbers, type BenchFlags } from '../../bench/cli-args';
import { PROJECT_ROOT } from '../helpers/cli';

const FLAGS = {
  content: { type: 'string', multiple: true, value: 'DIR', help: 'a corpus' },
  'gateway-args': { type: 'string', default: '', value: '"ARGS"', help: 'serve flags' },
  runs: { type: 'string', default: '3', value: 'N', help: 'runs' },
  http: { type: 'boolean', default: false, help: 'over HTTP too' },
} satisfies BenchFlags;

const usageError = (args: string[]) => {
  try {
    parseBenchArgs(FLAGS, args);
  } catch (error) {
    if (error instanceof BenchUsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${args.join(' ')}`);
};

describe('bench flags', () => {
  it('takes a value after a space or an =, whatever it starts with', () => {
    expect(parseBenchArgs(FLAGS, ['--gateway-args', '--executor jit', '--runs=5', '--content', '-a', '--content=b', '--http'])).toEqual({
      'gateway-args': '--executor jit',
      runs: '5',
      content: ['-a', 'b'],
      http: true,
    });
    expect(parseBenchArgs(FLAGS, [])).toEqual({ 'gateway-args': '', runs: '3', http: false });
  });

  it('reads --help and -h before anything else, but not past --', () => {
    expect(parseBenchArgs(FLAGS, ['--runs', '2', '--help'])).toBeNull();
    expect(parseBenchArgs(FLAGS, ['-h', '--bogus'])).toBeNull();
    expect(usageError(['--', '--help'])).toMatch(/Unexpected argument '--help'/);
  });

  it('refuses an unknown flag, a stray argument and a value for a switch', () => {
    expect(usageError(['--bogus'])).toMatch(/Unknown option '--bogus'/);
    expect(usageError(['--runs', '2', 'extra'])).toMatch(/Unexpected argument 'extra'/);
    expect(usageError(['--http=yes'])).toMatch(/--http/);
  });

  it('prints each flag with its value, help and default', () => {
    const usage = benchUsage({ about: 'Measures things.', flags: FLAGS }, path.join(process.cwd(), 'bench/dist/bench/x.js'));
    expect(usage.split('\n')).toEqual([
      'usage: node bench/dist/bench/x.js [flags]',
      '',
      'Measures things.',
      '',
      '  --content DIR          a corpus',
      '  --gateway-args "ARGS"  serve flags',
      '  --runs N               runs (default 3)',
      '  --http                 over HTTP too',
      '  --help, -h             this text',
    ]);
  });

  it('reads lists of whole numbers and names the flag when one is not', () => {
    expect(wholeNumbers('1000,10000', 'sizes', 1)).toEqual([1000, 10000]);
    expect(() => wholeNumbers('1000,,10', 'sizes', 1)).toThrow('--sizes takes a whole number of at least 1, got ""');
    expect(() => wholeNumbers('0', 'sizes', 1)).toThrow('--sizes takes a whole number of at least 1, got "0"');
  });
});

describe('a bench script run as a user runs it', () => {
  const generator = path.join(PROJECT_ROOT, 'bench', 'corpus', 'generate.ts');
  // ts-node looks for the project's settings from the working folder, which may be elsewhere.
  const env = { ...process.env, TS_NODE_PROJECT: path.join(PROJECT_ROOT, 'tsconfig.json') };
  const run = (args: string[], cwd: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['-r', require.resolve('ts-node/register/transpile-only'), generator, ...args],
        { cwd, env },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        },
      );
    });
  let temp: string;
  beforeAll(async () => {
    temp = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-flags-'));
  });
  afterAll(async () => {
    await fs.rm(temp, { recursive: true, force: true });
  });

  it('prints its usage on --help, and exits 2 with the usage on an unknown flag', async () => {
    const help = await run(['--help'], PROJECT_ROOT);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: .*generate\.ts \[flags\]/);
    expect(help.stdout).toMatch(/--articles N +posts to write \(default 1000\)/);
    const unknown = await run(['--bogus'], PROJECT_ROOT);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'[\s\S]*usage: /);
  }, 60_000);

  it('takes --flag value and --flag=value, a value starting with a dash too', async () => {
    const result = await run(['--articles', '3', '--seed=2', '--out', '-corpus'], temp);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(await readManifest(path.join(temp, '-corpus'))).toMatchObject({ articles: 3, seed: 2, files: 3 });
  }, 60_000);
});
