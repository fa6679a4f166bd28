/** `content-gateway schema [--out FILE]`: the SDL of the API, printed or written to a file. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { printGatewaySchema } from '../graphql/schema';

export const SCHEMA_USAGE = 'usage: content-gateway schema [--out FILE]';

export async function runSchema(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let file: string | undefined;
  try {
    ({
      values: { out: file },
    } = parseArgs({ args: argv, options: { out: { type: 'string' } }, allowPositionals: false }));
  } catch (error) {
    err.write(`${error instanceof Error ? error.message : String(error)}\n${SCHEMA_USAGE}\n`);
    return 2;
  }
  const sdl = await printGatewaySchema();
  if (file === undefined) {
    out.write(sdl);
    return 0;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, sdl, 'utf8');
  err.write(`wrote ${file}\n`);
  return 0;
}
