import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli';
import { printGatewaySchema } from '../../src/graphql/schema';

async function run(argv: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (chunk) => (chunks.out += String(chunk)));
  err.on('data', (chunk) => (chunks.err += String(chunk)));
  const code = await main(argv, out, err);
  return { code, ...chunks };
}

describe('content-gateway CLI', () => {
  it('prints the SDL', async () => {
    const { code, out } = await run(['schema']);
    expect(code).toBe(0);
    expect(out).toBe(await printGatewaySchema());
    expect(out).toContain('type Query');
  });

  it('writes the SDL to a file', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'schema-'));
    try {
      const file = path.join(directory, 'nested', 'schema.graphql');
      expect((await run(['schema', '--out', file])).code).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(await printGatewaySchema());
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['constructor']],
    [['__proto__']],
    [['toString']],
    [['schema', '--nope']],
    [['schema', 'extra']],
    [['serve', '--port', 'eighty']],
    [['serve', '--content', 'no/such/dir']],
    [['serve', '--max-page-size', '0', '--content', 'tests/fixtures/site']],
    [['check']],
  ])('exits 2 with a usage message for %j', async (argv) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(/usage: content-gateway/);
  });

  it('prints help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/serve .*schema .*check/s);
  });

  it('delegates check', async () => {
    const { code, out } = await run(['check', 'tests/fixtures/site', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out).summary.articles).toBe(29);
  });
});
