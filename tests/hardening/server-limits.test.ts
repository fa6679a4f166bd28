/**
 * The limits as an operator sets them (server options, flags, environment), introspection
 * and suggestions in production, the execution timeout, and masked internal errors.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { main } from '../../src/cli';
import { ContentStore } from '../../src/content/content-store';
import type { ContentSnapshot } from '../../src/content/model';
import { FIXTURE_ROOT, withTestServer } from '../helpers/harness';
import { builtCli, PROJECT_ROOT } from '../helpers/cli';
import { onlyError, postQuery } from './http';
import { queryOfCost, queryOfDepth, queryWithAliases, queryWithDirectives, queryWithTokens } from './queries';

describe('configured limits', () => {
  it('apply every limit set in the server options', async () => {
    const limits = { maxDepth: 3, maxAliases: 2, maxDirectives: 3, maxTokens: 50, maxCost: 300, maxBodyBytes: 2048, maxQueryBytes: 1024 };
    await withTestServer({ limits }, async ({ url }) => {
      const refused = async (query: string) => onlyError(await postQuery(url, query)).message;
      const served = async (query: string) => {
        expect((await postQuery(url, query)).body.errors).toBeUndefined();
      };
      await served(queryOfDepth(3));
      expect(await refused(queryOfDepth(4))).toBe('Query depth limit of 3 exceeded, found 4.');
      await served(queryWithAliases(2));
      expect(await refused(queryWithAliases(3))).toBe('Aliases limit of 2 exceeded, found 3.');
      await served(queryWithDirectives(3));
      expect(await refused(queryWithDirectives(4))).toBe('Directives limit of 3 exceeded, found 4.');
      await served(queryWithTokens(50));
      expect(await refused(queryWithTokens(51))).toBe('Query token limit of 50 exceeded.');
      await served(queryOfCost(300));
      expect(await refused(queryOfCost(301))).toBe('Query cost limit of 300 exceeded, found 301.');
      expect(await refused(`{ contentStatus { articles } } # ${'x'.repeat(2048)}`)).toBe('Request body limit of 2048 bytes exceeded.');
      expect(await refused(`{ contentStatus { articles } } # ${'x'.repeat(1024)}`)).toBe('Query text limit of 1024 bytes exceeded.');
    });
  });

  it('size pages from the page settings the resolvers enforce', async () => {
    await withTestServer({ pagination: { maxPageSize: 1000 } }, async ({ url }) => {
      expect((await postQuery(url, '{ articles(first: 1000) { nodes { slug } } }')).body.errors).toBeUndefined();
      const nested = '{ articles(first: 1000) { nodes { author { name } categories { name } } } }';
      expect(onlyError(await postQuery(url, nested)).message).toBe('Query cost limit of 5000 exceeded, found 5001.');
    });
  });
});

describe('in production', () => {
  const production = { production: true };

  it('refuses introspection, naming no engine', async () => {
    await withTestServer(production, async ({ url }) => {
      const response = await postQuery(url, '{ __schema { types { name } } }');
      expect(response.status).toBe(400);
      expect(onlyError(response)).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', message: 'Introspection is disabled on this server.' });
      expect(onlyError(await postQuery(url, '{ __type(name: "Article") { name } }')).code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await postQuery(url, '{ contentStatus { __typename } }')).body.data).toEqual({
        contentStatus: { __typename: 'ContentStatus' },
      });
    });
  });

  it('gives no "Did you mean" hints, in validation or in variables', async () => {
    await withTestServer(production, async ({ url }) => {
      const field = onlyError(await postQuery(url, '{ articles { nodez { title } } }'));
      expect(field.message).toBe('Cannot query field "nodez" on type "ArticleConnection".');
      const value = onlyError(await postQuery(url, 'query($o: ArticleOrder!) { articles(orderBy: $o) { totalCount } }', { o: 'DATE_DES' }));
      expect(value.code).toBe('BAD_USER_INPUT');
      expect(value.message).not.toMatch(/Did you mean|DATE_DESC/);
    });
  });

  it('allows both when introspection is enabled', async () => {
    await withTestServer({ ...production, introspection: true }, async ({ url }) => {
      expect((await postQuery(url, '{ __schema { queryType { name } } }')).body.data.__schema.queryType.name).toBe('Query');
      expect(onlyError(await postQuery(url, '{ articles { nodez { title } } }')).message).toMatch(/Did you mean "nodes"\?$/);
    });
  });

  it('masks internal errors and their stack, even with debug on', async () => {
    const store = await ContentStore.open(FIXTURE_ROOT);
    const broken: ContentSnapshot = Object.create(store.current(), {
      listTags: {
        value: () => {
          throw new Error('secret: /srv/content is corrupt');
        },
      },
    });
    await withTestServer({ ...production, debug: true, content: { current: () => broken } }, async ({ url }) => {
      const response = await postQuery(url, '{ tags { name } }');
      expect(onlyError(response)).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
      expect(JSON.stringify(response.body)).not.toMatch(/secret|stacktrace|\/srv/);
    });
  });

  it('keeps hints outside production', async () => {
    await withTestServer({ production: false }, async ({ url }) => {
      expect(onlyError(await postQuery(url, '{ articles { nodez { title } } }')).message).toMatch(/Did you mean "nodes"\?$/);
    });
  });
});

describe('the execution timeout', () => {
  /** The fixture content, with one lookup that keeps the CPU busy the way a slow resolver would. */
  async function slowContent(busyMs: number) {
    const snapshot = (await ContentStore.open(FIXTURE_ROOT)).current();
    const slow: ContentSnapshot = Object.create(snapshot, {
      findArticles: {
        value: (...args: Parameters<ContentSnapshot['findArticles']>) => {
          const until = performance.now() + busyMs;
          while (performance.now() < until);
          return snapshot.findArticles(...args);
        },
      },
    });
    return { current: () => slow };
  }
  const query = '{ articles(first: 3) { totalCount nodes { title tags { name } } } }';

  it('stops an operation past its deadline with one clear error, and the server stays healthy', async () => {
    await withTestServer({ content: await slowContent(300), limits: { timeoutMs: 100 } }, async ({ url }) => {
      const response = await postQuery(url, query);
      expect(response.status).toBe(503);
      expect(response.body.data).toBeNull();
      expect(onlyError(response)).toEqual({
        code: 'EXECUTION_TIMEOUT',
        message: 'Execution time limit of 100 ms exceeded; the operation was stopped.',
      });
      expect((await fetch(`${new URL(url).origin}/healthz`)).status).toBe(200);
      expect((await postQuery(url, '{ contentStatus { articles } }')).body.data.contentStatus.articles).toBe(29);
    });
  });

  it('lets the same operation finish within the default limit', async () => {
    await withTestServer({ content: await slowContent(300) }, async ({ url }) => {
      const response = await postQuery(url, query);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.articles.nodes).toHaveLength(3);
    });
  });
});

describe('the serve command', () => {
  async function run(argv: string[]) {
    const out = new PassThrough();
    const err = new PassThrough();
    let text = '';
    err.on('data', (chunk) => (text += String(chunk)));
    const code = await main(argv, out, err);
    return { code, err: text };
  }

  it('lists every limit in its help, with its variable and default', async () => {
    const { err } = await run(['serve', '--nope']);
    for (const line of [
      '--max-depth N',
      'MAX_DEPTH, default 8',
      'MAX_ALIASES, default 15',
      'MAX_DIRECTIVES, default 50',
      'MAX_TOKENS, default 2000',
      'MAX_COST, default 5000',
      'MAX_BODY_BYTES, default 1048576',
      'REQUEST_TIMEOUT_MS, default 10000',
      '--introspection',
    ]) {
      expect(err).toContain(line);
    }
  });

  it.each([
    [['--max-depth', '0'], {}, '--max-depth: expected a positive integer, got "0"'],
    [[], { MAX_COST: 'lots' }, 'MAX_COST: expected a positive integer, got "lots"'],
  ])('refuses a limit that is not a positive integer: %j %j', async (flags, env, message) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const result = await run(['serve', '--content', FIXTURE_ROOT, ...flags]);
      expect(result.code).toBe(2);
      expect(result.err).toContain(message);
    } finally {
      process.env = saved;
    }
  });

  it('applies limits from flags and the environment', async () => {
    const child = spawn(process.execPath, [builtCli(), 'serve', '--content', FIXTURE_ROOT, '--port', '0', '--max-depth', '3'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, MAX_ALIASES: '2', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let url = '';
      for await (const line of createInterface({ input: child.stdout })) {
        const entry = JSON.parse(line) as { url?: string };
        if (entry.url) {
          url = entry.url;
          break;
        }
      }
      while ((await fetch(`${new URL(url).origin}/readyz`)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(onlyError(await postQuery(url, queryOfDepth(4))).message).toBe('Query depth limit of 3 exceeded, found 4.');
      expect(onlyError(await postQuery(url, queryWithAliases(3))).message).toBe('Aliases limit of 2 exceeded, found 3.');
      expect(onlyError(await postQuery(url, '{ __schema { queryType { name } } }')).message).toBe(
        'Introspection is disabled on this server.',
      );
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
