/**
 * Flags of the bench scripts: node's `parseArgs` with `--help` (`-h`), which prints the script's
 * usage, and a value that starts with a dash taken after a space too (`--gateway-args "--debug"`):
 * `parseArgs` alone takes it only as `--flag=value`, since it reads a dash as a forgotten value.
 * A bad flag prints the message and the usage and exits 2, as the CLI does.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export function benchArgs<T extends Options>(usage: string, options: T, args = process.argv.slice(2)) {
  const flags = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (flags.includes('--help') || flags.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ options, args: joinStringValues(options, args) }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
}

/** `--name value` as `--name=value` for every option that takes a string, whatever the value starts with. */
function joinStringValues(options: Options, args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--') return [...joined, ...args.slice(index)];
    const name = /^--([^=]+)$/.exec(args[index])?.[1];
    if (name !== undefined && (options[name] as Options[string] | undefined)?.type === 'string' && index + 1 < args.length)
      joined.push(`--${name}=${args[++index]}`);
    else joined.push(args[index]);
  }
  return joined;
}
