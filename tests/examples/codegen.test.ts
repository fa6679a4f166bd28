/** The committed output of `npm run codegen` must be what codegen makes of today's schema and operations. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import { PROJECT_ROOT } from '../helpers/cli';

const GENERATED = 'examples/generated/';
const CODEGEN_CLI = path.join(PROJECT_ROOT, 'node_modules/@graphql-codegen/cli/esm/bin.js');

async function filesOf(directory: string): Promise<Map<string, string>> {
  const names = (await readdir(directory)).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(path.join(directory, name), 'utf8')] as const)));
}

describe('codegen', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'codegen-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('has generated examples/generated/ from the current schema and operations (run `npm run codegen`)', async () => {
    const config = YAML.parse(await readFile(path.join(PROJECT_ROOT, 'codegen.yml'), 'utf8')) as { generates: Record<string, unknown> };
    expect(Object.keys(config.generates)).toEqual([GENERATED]);
    const output = path.join(scratch, 'generated') + path.sep;
    const scratchConfig = path.join(scratch, 'codegen.yml');
    await writeFile(scratchConfig, YAML.stringify({ ...config, generates: { [output]: config.generates[GENERATED] } }));
    // The codegen CLI is an ES module; it runs as its own process.
    await promisify(execFile)(process.execPath, [CODEGEN_CLI, '--config', scratchConfig, '--silent'], { cwd: PROJECT_ROOT });

    const fresh = await filesOf(output);
    const committed = await filesOf(path.join(PROJECT_ROOT, GENERATED));
    expect([...committed.keys()]).toEqual([...fresh.keys()]);
    for (const [name, text] of fresh) expect({ name, text: committed.get(name) }).toEqual({ name, text });
  }, 120_000);

  it('writes a manifest of every operation, keyed by the id the typed documents carry', async () => {
    const manifest = JSON.parse(await readFile(path.join(PROJECT_ROOT, GENERATED, 'persisted-documents.json'), 'utf8')) as Record<
      string,
      string
    >;
    const operations = await readdir(path.join(PROJECT_ROOT, 'examples/operations'));
    expect(Object.keys(manifest)).toHaveLength(operations.length);
    for (const key of Object.keys(manifest)) expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
