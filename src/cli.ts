#!/usr/bin/env node
import 'reflect-metadata';
import { runCheck } from './cli/check';
import { runSchema } from './cli/schema';
import { runServe } from './cli/serve';

const USAGE = `usage: content-gateway <command> [options]
commands:
  serve [--content DIR] [--port N] [--host H] [...]   serve a content folder over GraphQL (serve --help: all options)
  schema [--out FILE]                                  print or write the GraphQL SDL
  check <dir> [--json]                                 report problems in a content folder`;

type Command = (argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream) => Promise<number>;

// A Map, so that a command named like an Object.prototype member (`constructor`) is unknown, not run.
const commands = new Map<string, Command>([
  ['serve', runServe],
  ['schema', runSchema],
  ['check', runCheck],
]);

export async function main(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const command = argv.at(0);
  const rest = argv.slice(1);
  if (command === '--help' || command === '-h' || command === 'help') {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const run = command === undefined ? undefined : commands.get(command);
  if (!run) {
    err.write(`${command === undefined ? 'missing command' : `unknown command: ${command}`}\n${USAGE}\n`);
    return 2;
  }
  return run(rest, out, err);
}

if (require.main === module) {
  main(process.argv.slice(2), process.stdout, process.stderr).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
