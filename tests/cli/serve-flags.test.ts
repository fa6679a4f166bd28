/** `content-gateway serve` flags: what each turns on, on the built CLI, and the usage errors of malformed ones. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runServe } from '../../src/cli/serve';
import { FIXTURE_ROOT } from '../helpers/harness';
import { postQuery } from '../hardening/http';
import { builtCli, PROJECT_ROOT, servingUrl } from '../helpers/cli';

const MANIFEST = 'examples/generated/persisted-documents.json';
const BROWSER_ACCEPT = 'text/html,*/*;q=0.8';

const PARITY_ROOT = 'tests/fixtures/hexo-parity';

/** Runs `serve` with the flags until `use` is done, then stops it as an operator would. */
async function withServe(
  args: string[],
  env: NodeJS.ProcessEnv,
  use: (url: string) => Promise<void>,
  content = FIXTURE_ROOT,
): Promise<void> {
  const child = spawn(process.execPath, [builtCli(), 'serve', '--content', content, '--port', '0', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await use(await servingUrl(child));
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

/** Runs `serve` in this process with flags it must refuse; it exits before loading anything. */
async function usageError(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; message: string }> {
  const err = new PassThrough();
  let message = '';
  err.on('data', (chunk: Buffer) => (message += chunk.toString()));
  const code = await runServe(['--content', FIXTURE_ROOT, ...argv], new PassThrough(), err, env);
  return { code, message };
}

const pageType = async (url: string) => (await fetch(url, { headers: { accept: BROWSER_ACCEPT } })).headers.get('content-type') ?? '';

describe('serve', () => {
  it('serves the IDE by default outside production, and not with --no-ide', async () => {
    await withServe([], { NODE_ENV: 'development' }, async (url) => {
      expect(await pageType(url)).toMatch(/^text\/html/);
    });
    await withServe(['--no-ide'], { NODE_ENV: 'development' }, async (url) => {
      expect(await pageType(url)).not.toMatch(/html/);
    });
  });

  it('serves the IDE in production only with --ide or GATEWAY_IDE=1', async () => {
    await withServe([], { NODE_ENV: 'production' }, async (url) => {
      expect(await pageType(url)).not.toMatch(/html/);
    });
    await withServe(['--ide'], { NODE_ENV: 'production' }, async (url) => {
      expect(await pageType(url)).toMatch(/^text\/html/);
    });
    await withServe([], { NODE_ENV: 'production', GATEWAY_IDE: '1' }, async (url) => {
      expect(await pageType(url)).toMatch(/^text\/html/);
    });
  });

  it('runs only the documents of --trusted-documents', async () => {
    const manifest = JSON.parse(await readFile(path.join(PROJECT_ROOT, MANIFEST), 'utf8')) as Record<string, string>;
    const [documentId] = Object.entries(manifest).find(([, document]) => document.startsWith('query ArticleWithSections'))!;
    await withServe(['--trusted-documents', MANIFEST], { NODE_ENV: 'development' }, async (url) => {
      const post = async (body: unknown) =>
        (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
      expect(await post({ documentId, variables: { slug: 'release-checklist' } })).toMatchObject({
        data: { article: { slug: 'release-checklist' } },
      });
      expect(await post({ query: '{ contentStatus { articles } }' })).toMatchObject({
        errors: [{ extensions: { code: 'OPERATION_NOT_TRUSTED' } }],
      });
      expect(await pageType(url)).not.toMatch(/html/);
    });
  });

  it('reads the manifest from TRUSTED_DOCUMENTS too', async () => {
    await withServe([], { TRUSTED_DOCUMENTS: MANIFEST }, async (url) => {
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ tags { name } }' }),
      });
      expect(answer.status).toBe(400);
    });
  });

  it('serves the Federation 2 subgraph with --subgraph or GATEWAY_SUBGRAPH=1, and the public schema otherwise', async () => {
    const serviceAnswer = async (url: string) =>
      (await postQuery(url, '{ _service { sdl } }', undefined, 'application/json')).body as {
        data?: { _service: { sdl: string } };
        errors?: unknown[];
      };
    const committed = await readFile(path.join(PROJECT_ROOT, 'schema/subgraph.graphql'), 'utf8');
    await withServe(['--subgraph'], {}, async (url) => {
      expect(`${(await serviceAnswer(url)).data?._service.sdl}\n`).toBe(committed);
    });
    await withServe([], { GATEWAY_SUBGRAPH: '1' }, async (url) => {
      expect((await serviceAnswer(url)).data?._service.sdl).toBeDefined();
    });
    await withServe([], { GATEWAY_SUBGRAPH: '0' }, async (url) => {
      expect((await serviceAnswer(url)).errors).toHaveLength(1);
    });
  });

  it('serves drafts only with --drafts, even in production', async () => {
    const draftSlugs = async (url: string) => {
      const answer = await postQuery(url, '{ articles(first: 100) { nodes { slug draft } } }', undefined, 'application/json');
      const { data } = answer.body as { data: { articles: { nodes: { slug: string; draft: boolean }[] } } };
      return data.articles.nodes.filter((node) => node.draft).map((node) => node.slug);
    };
    await withServe(['--drafts'], { NODE_ENV: 'production' }, async (url) => {
      expect((await draftSlugs(url)).sort()).toEqual(['Engineering/Backend/unreleased-migration-plan', '边缘缓存草稿']);
    });
    await withServe([], {}, async (url) => {
      expect(await draftSlugs(url)).toEqual([]);
    });
  });

  it.each([
    [['--updated-option', 'empty', '--no-markdown-typographer'], {}],
    [[], { UPDATED_OPTION: 'empty', MARKDOWN_TYPOGRAPHER: '0' }],
    [['--updated-option', 'empty', '--no-markdown-typographer'], { UPDATED_OPTION: 'date', MARKDOWN_TYPOGRAPHER: '1' }],
  ])("reads Hexo's updated_option and typography from %j %j", async (args, env) => {
    const articleOf = async (url: string, slug: string) => {
      const query = 'query ($slug: String!) { article(slug: $slug) { updated text } }';
      return (
        (await postQuery(url, query, { slug }, 'application/json')).body as { data: { article: { updated: string | null; text: string } } }
      ).data.article;
    };
    await withServe(
      args,
      env,
      async (url) => {
        expect((await articleOf(url, 'bodies/no-updated')).updated).toBeNull();
        expect((await articleOf(url, 'bodies/typography')).text).toContain(`"Reef knots" don't slip -- mostly`);
      },
      PARITY_ROOT,
    );
  });

  it.each([
    [['--max-response-bytes', '2000'], {}],
    [[], { MAX_RESPONSE_BYTES: '2000' }],
  ])('refuses answers over %j %j whole, and serves smaller ones', async (args, env) => {
    await withServe(args, env, async (url) => {
      const ask = async (query: string) =>
        (await postQuery(url, query, undefined, 'application/json')).body as { data: unknown; errors?: { extensions: { code: string } }[] };
      expect(await ask('{ contentStatus { articles } }')).toEqual({ data: { contentStatus: { articles: 29 } } });
      const refused = await ask('{ articles(first: 100) { nodes { html } } }');
      expect(refused.data).toBeNull();
      expect(refused.errors?.map((error) => error.extensions.code)).toEqual(['RESPONSE_TOO_LARGE']);
    });
  });

  it.each([
    [[], { GATEWAY_SUBGRAPH: 'yes' }, /GATEWAY_SUBGRAPH: expected 1 or 0/],
    [['--redis', 'http://127.0.0.1:6379'], {}, /--redis: expected a redis:\/\/ or rediss:\/\/ URL/],
    [[], { REDIS_URL: 'localhost' }, /REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/],
    [['--ide', '--no-ide'], {}, /--ide and --no-ide contradict/],
    [[], { GATEWAY_IDE: 'yes' }, /GATEWAY_IDE: expected 1 or 0/],
    [[], { GATEWAY_DEBUG: 'true' }, /GATEWAY_DEBUG: expected 1 or 0, got "true"/],
    [[], { INTROSPECTION: 'on' }, /INTROSPECTION: expected 1 or 0, got "on"/],
    [['--trusted-documents', 'no/such/manifest.json'], {}, /trusted documents no\/such\/manifest\.json/],
    [['--trusted-documents', 'package.json'], {}, /is not a sha256 hash/],
    [['--max-response-bytes', '0'], {}, /--max-response-bytes: expected a positive integer, got "0"/],
    [[], { MAX_RESPONSE_BYTES: 'lots' }, /--max-response-bytes: expected a positive integer, got "lots"/],
    [['--executor', 'fast'], {}, /--executor: expected graphql-js or jit, got "fast"/],
    [[], { GATEWAY_EXECUTOR: 'v8' }, /GATEWAY_EXECUTOR: expected graphql-js or jit, got "v8"/],
    [['--updated-option', 'birthtime'], {}, /--updated-option: expected date, mtime, empty \(as Hexo's updated_option\), got "birthtime"/],
    [[], { UPDATED_OPTION: 'Date' }, /UPDATED_OPTION: expected date, mtime, empty/],
    [[], { MARKDOWN_TYPOGRAPHER: 'yes' }, /MARKDOWN_TYPOGRAPHER: expected 1 or 0, got "yes"/],
    [['--markdown-typographer', '--no-markdown-typographer'], {}, /--markdown-typographer and --no-markdown-typographer contradict/],
  ])('exits 2 with a usage message for %j %j', async (args, env, message) => {
    const { code, message: written } = await usageError(args, { ...env });
    expect(code).toBe(2);
    expect(written).toMatch(message);
    expect(written).toMatch(/usage: content-gateway serve/);
  });
});

describe('serve flags for the response cache', () => {
  it('refuses contradicting or malformed settings before starting', async () => {
    expect(await usageError(['--no-response-cache', '--response-cache-mib', '4'])).toEqual({
      code: 2,
      message: expect.stringContaining('--no-response-cache and --response-cache-mib contradict each other'),
    });
    expect(await usageError(['--response-cache-mib', '0'])).toEqual({ code: 2, message: expect.stringContaining('--response-cache-mib') });
    expect(await usageError([], { RESPONSE_CACHE: 'off' })).toEqual({
      code: 2,
      message: expect.stringContaining('RESPONSE_CACHE: expected 1 or 0'),
    });
    expect(await usageError([], { RESPONSE_CACHE_MIB: 'lots' })).toEqual({
      code: 2,
      message: expect.stringContaining('RESPONSE_CACHE_MIB'),
    });
  });

  it('refuses a malformed bound of the automatic persisted queries store', async () => {
    expect(await usageError(['--apq-cache-mib', '-1'])).toEqual({ code: 2, message: expect.stringContaining('--apq-cache-mib') });
    expect(await usageError([], { APQ_CACHE_MIB: 'many' })).toEqual({
      code: 2,
      message: expect.stringContaining('APQ_CACHE_MIB: expected a positive integer'),
    });
  });

  it('refuses a malformed CDN lifetime or purge URL', async () => {
    expect(await usageError(['--cdn-max-age', '0'])).toEqual({ code: 2, message: expect.stringContaining('--cdn-max-age') });
    expect(await usageError([], { CDN_MAX_AGE: 'a day' })).toEqual({
      code: 2,
      message: expect.stringContaining('CDN_MAX_AGE: expected a positive integer'),
    });
    expect(await usageError(['--purge-url', 'ftp://cdn.example/purge'])).toEqual({
      code: 2,
      message: expect.stringContaining('--purge-url: expected a http:// or https:// URL'),
    });
    expect(await usageError([], { PURGE_URL: 'not a url' })).toEqual({ code: 2, message: expect.stringContaining('PURGE_URL') });
    expect(await usageError(['--purge-batch', '0'])).toEqual({ code: 2, message: expect.stringContaining('--purge-batch') });
    expect(await usageError([], { PURGE_BATCH: 'all' })).toEqual({
      code: 2,
      message: expect.stringContaining('PURGE_BATCH: expected a positive integer'),
    });
  });

  it('refuses a malformed bound of one Redis entry', async () => {
    expect(await usageError(['--redis-max-entry-kib', '-4'])).toEqual({
      code: 2,
      message: expect.stringContaining('--redis-max-entry-kib'),
    });
    expect(await usageError([], { REDIS_MAX_ENTRY_KIB: 'big' })).toEqual({
      code: 2,
      message: expect.stringContaining('REDIS_MAX_ENTRY_KIB: expected a positive integer'),
    });
  });
});
