/**
 * `content-gateway schema [--subgraph] [--out FILE]`: the SDL of the API, or of the API as an
 * Apollo Federation 2 subgraph, printed or written to a file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { printGatewaySchema } from '../graphql/schema';
import { printSubgraphSdl } from '../graphql/subgraph';

export const SCHEMA_USAGE = 'usage: content-gateway schema [--subgraph] [--out FILE]';

export async function runSchema(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let file: string | undefined;
  let subgraph: boolean | undefined;
  try {
    ({
      values: { out: file, subgraph },
    } = parseArgs({ args: argv, options: { out: { type: 'string' }, subgraph: { type: 'boolean' } }, allowPositionals: false }));
  } catch (error) {
    err.write(`${error instanceof Error ? error.message : String(error)}\n${SCHEMA_USAGE}\n`);
    return 2;
  }
  const sdl = await (subgraph ? printSubgraphSdl() : printGatewaySchema());
  if (file === undefined) {
    out.write(sdl);
    return 0;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, sdl, 'utf8');
  err.write(`wrote ${file}\n`);
  return 0;
}
