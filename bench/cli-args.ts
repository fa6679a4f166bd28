/**
 * Flags of the bench scripts, one reader for all: node's `parseArgs` (strict, so an unknown flag
 * or a stray argument is an error) with `--help` (`-h`), which prints a usage made from the
 * flags' own help and defaults, and a value taken after a space or an `=` whatever it starts with
 * (`--gateway-args "--debug"`): `parseArgs` alone takes a value starting with a dash only as
 * `--flag=value`, since it reads a dash as a forgotten value. A bad flag prints the message and
 * the usage and exits 2, as the CLI does.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseOption = NonNullable<ParseArgsConfig['options']>[string];

export interface BenchFlag extends ParseOption {
  /** What the flag does, for the usage; the default, when there is one, is added to it. */
  help: string;
  /** The value's placeholder in the usage (`N`, `DIR`); string flags only. */
  value?: string;
}

export type BenchFlags = Record<string, BenchFlag>;

/** What a script says of itself in its usage. */
export interface BenchCommand<T extends BenchFlags> {
  /** A line or two on what the script measures. */
  about: string;
  flags: T;
}

export class BenchUsageError extends Error {}

const HELP_FLAGS = ['--help', '-h'];

/** The flags' values, or null when `--help` was asked for; throws `BenchUsageError` for a bad flag. */
export function parseBenchArgs<T extends BenchFlags>(flags: T, args: readonly string[]) {
  const beforeSeparator = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (beforeSeparator.some((arg) => HELP_FLAGS.includes(arg))) return null;
  try {
    return parseArgs({ options: flags, args: joinStringValues(flags, args), strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `parseBenchArgs` for a script's `main`: prints the usage and exits 0 on `--help`, 2 on a bad flag. */
export function benchArgs<T extends BenchFlags>(command: BenchCommand<T>, args = process.argv.slice(2)) {
  try {
    const values = parseBenchArgs(command.flags, args);
    if (values !== null) return values;
    console.log(benchUsage(command));
    process.exit(0);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`${error.message}\n\n${benchUsage(command)}`);
    process.exit(2);
  }
}

/** The usage: how to run the script, what it does and one line a flag. */
export function benchUsage({ about, flags }: BenchCommand<BenchFlags>, script = process.argv[1] ?? 'script'): string {
  const relative = path.relative(process.cwd(), script);
  const runner = relative.endsWith('.ts') ? 'npx ts-node --transpile-only' : 'node';
  const rows = Object.entries(flags).map(([name, flag]) => {
    const shown = flag.type === 'string' ? `--${name} ${flag.value ?? 'VALUE'}` : `--${name}`;
    const fallback = typeof flag.default === 'string' && flag.default !== '' ? ` (default ${flag.default})` : '';
    return [shown, `${flag.help}${fallback}`];
  });
  rows.push(['--help, -h', 'this text']);
  const width = Math.max(...rows.map(([shown]) => shown.length)) + 2;
  return [`usage: ${runner} ${relative} [flags]`, '', about, '', ...rows.map(([shown, help]) => `  ${shown.padEnd(width)}${help}`)].join(
    '\n',
  );
}

/** A flag's value as a whole number of at least `min`. */
export function wholeNumber(value: string, name: string, min = 0): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(number) || number < min)
    throw new Error(`--${name} takes a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  return number;
}

/** A flag's comma-separated values (`--sizes 1000,10000`) as whole numbers of at least `min`. */
export function wholeNumbers(value: string, name: string, min = 0): number[] {
  return value.split(',').map((item) => wholeNumber(item, name, min));
}

/** `--name value` as `--name=value` for every flag that takes a string, whatever the value starts with. */
function joinStringValues(flags: BenchFlags, args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--') return [...joined, ...args.slice(index)];
    const name = /^--([^=]+)$/.exec(args[index])?.[1];
    if (name !== undefined && Object.hasOwn(flags, name) && flags[name].type === 'string' && index + 1 < args.length)
      joined.push(`--${name}=${args[++index]}`);
    else joined.push(args[index]);
  }
  return joined;
}
