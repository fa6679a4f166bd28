/**
 * The WebSocket transport is held to what HTTP requests are held to: trusted documents, the
 * checks before execution, the deadline, error masking, the body size, plus caps on operations
 * per connection and on connections, the origin rule, and failures in the structured log.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ContentStore } from '../../src/content/content-store';
import type { ContentSnapshot } from '../../src/content/model';
import { FIXTURE_ROOT, withTestServer, type TestServer } from '../helpers/harness';
import { onlyError, postQuery } from '../hardening/http';
import { queryOfCost, queryOfDepth, queryWithAliases, queryWithTokens } from '../hardening/queries';
import { connect, upgradeStatus, type OperationAnswer, type SocketConnection } from './socket-client';

async function withConnection(server: TestServer, test: (connection: SocketConnection) => Promise<void>): Promise<void> {
  const connection = await connect(server.url);
  try {
    await test(connection);
  } finally {
    connection.socket.terminate();
  }
}

const STATUS = 'query Status { contentStatus { articles } }';
const CHANGES = 'subscription { contentChanged { version } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Costs 31,531,515: fifteen aliases of three nested pages of 100, within the depth limit. */
const COSTLY = `{ ${Array.from(
  { length: 15 },
  (_, index) =>
    `a${index}: articles(first: 100) { nodes { tags { articles(first: 100) { nodes { tags { articles(first: 100) { totalCount } } } } } } }`,
).join(' ')} }`;

/** The only error of an answer, as `onlyError` reads an HTTP one. */
function onlySocketError(answer: OperationAnswer): { message: string; code: string } {
  const errors = answer.type === 'error' ? answer.payload : answer.payload.errors;
  if (!Array.isArray(errors) || errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(answer)}`);
  return { message: errors[0].message, code: errors[0].extensions?.code };
}

describe('trusted documents over WebSocket', () => {
  const trustedDocuments = new Map([[sha256(STATUS), STATUS]]);

  it('run only the documents of the manifest, refused with the codes HTTP uses', async () => {
    await withTestServer({ trustedDocuments }, async (server) => {
      await withConnection(server, async (connection) => {
        expect(await connection.run('1', { query: STATUS })).toEqual({
          type: 'next',
          payload: { data: { contentStatus: { articles: 29 } } },
        });
        const untrusted = onlySocketError(await connection.run('2', { query: '{ contentStatus { articles } }' }));
        expect(untrusted).toEqual(onlyError(await postQuery(server.url, '{ contentStatus { articles } }')));
        expect(untrusted.code).toBe('OPERATION_NOT_TRUSTED');
        expect(onlySocketError(await connection.run('3', { query: CHANGES })).code).toBe('OPERATION_NOT_TRUSTED');
        const byHash = (hash: string) => ({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
        expect((await connection.run('4', byHash(sha256(STATUS)))).payload).toEqual({ data: { contentStatus: { articles: 29 } } });
        expect(onlySocketError(await connection.run('5', byHash('f'.repeat(64))))).toEqual({
          code: 'PERSISTED_QUERY_NOT_IN_LIST',
          message: `No trusted document has the id sha256:${'f'.repeat(64)}.`,
        });
      });
    });
  });
});

describe('the checks before execution', () => {
  it('refuse over WebSocket what they refuse over HTTP, with the same errors', async () => {
    await withTestServer({}, async (server) => {
      await withConnection(server, async (connection) => {
        const refused = [COSTLY, queryOfCost(5001), queryOfDepth(9), queryWithAliases(16), queryWithTokens(2001), 'mutation { x }'];
        for (const [index, query] of refused.entries()) {
          const overHttp = onlyError(await postQuery(server.url, query));
          expect(onlySocketError(await connection.run(String(index), { query }))).toEqual(overHttp);
        }
        expect(onlySocketError(await connection.run('costly', { query: COSTLY })).message).toBe(
          'Query cost limit of 5000 exceeded, found 31531515.',
        );
        const variables = await connection.run('variables', {
          query: 'query($n: Int!) { articles(first: $n) { totalCount } }',
          variables: {},
        });
        expect(onlySocketError(variables).code).toBe('BAD_USER_INPUT');
        expect((await connection.run('served', { query: queryOfCost(5000) })).payload.errors).toBeUndefined();
      });
    });
  });

  it('hide introspection, hints and internal errors in production', async () => {
    const store = await ContentStore.open(FIXTURE_ROOT);
    const broken: ContentSnapshot = Object.create(store.current(), {
      listTags: {
        value: () => {
          throw new Error('secret: /srv/content is corrupt');
        },
      },
    });
    await withTestServer({ production: true, content: { current: () => broken } }, async (server) => {
      await withConnection(server, async (connection) => {
        expect(onlySocketError(await connection.run('1', { query: '{ __schema { types { name } } }' }))).toEqual({
          code: 'GRAPHQL_VALIDATION_FAILED',
          message: 'Introspection is disabled on this server.',
        });
        expect(onlySocketError(await connection.run('2', { query: '{ articles { nodez { title } } }' })).message).toBe(
          'Cannot query field "nodez" on type "ArticleConnection".',
        );
        const value = await connection.run('3', {
          query: 'query($o: ArticleOrder!) { articles(orderBy: $o) { totalCount } }',
          variables: { o: 'DATE_DES' },
        });
        expect(onlySocketError(value).code).toBe('BAD_USER_INPUT');
        expect(onlySocketError(value).message).not.toMatch(/Did you mean|DATE_DESC/);
        const internal = await connection.run('4', { query: '{ tags { name } }' });
        expect(onlySocketError(internal)).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
        expect(JSON.stringify(internal)).not.toMatch(/secret|stacktrace|\/srv/);
      });
    });
  });

  it('stop an operation past its deadline', async () => {
    const snapshot = (await ContentStore.open(FIXTURE_ROOT)).current();
    const slow: ContentSnapshot = Object.create(snapshot, {
      findArticles: {
        value: (...args: Parameters<ContentSnapshot['findArticles']>) => {
          const until = performance.now() + 300;
          while (performance.now() < until);
          return snapshot.findArticles(...args);
        },
      },
    });
    await withTestServer({ content: { current: () => slow }, limits: { timeoutMs: 100 } }, async (server) => {
      await withConnection(server, async (connection) => {
        const answer = await connection.run('1', { query: '{ articles(first: 3) { totalCount nodes { title tags { name } } } }' });
        expect(answer.payload.data).toBeNull();
        expect(onlySocketError(answer)).toEqual({
          code: 'EXECUTION_TIMEOUT',
          message: 'Execution time limit of 100 ms exceeded; the operation was stopped.',
        });
      });
    });
  });
});

describe('frames', () => {
  it('larger than a request body may be close the connection with 1009, and the failure is logged, not printed', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const printed: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    try {
      await withTestServer({ logger, limits: { maxBodyBytes: 2048 } }, async (server) => {
        const frame = (bytes: number) => {
          const message = JSON.stringify({ id: 'x', type: 'subscribe', payload: { query: STATUS, variables: { pad: '' } } });
          return message.replace('"pad":""', `"pad":"${'a'.repeat(bytes - message.length)}"`);
        };
        await withConnection(server, async (connection) => {
          connection.socket.send(frame(2048));
          expect((await connection.answer('x')).payload.data).toEqual({ contentStatus: { articles: 29 } });
          connection.socket.send(frame(2049));
          expect((await connection.closed).code).toBe(1009);
        });
      });
    } finally {
      console.error = consoleError;
    }
    expect(printed).toEqual([]);
    const failure = lines.map((line) => JSON.parse(line)).find((entry) => /WebSocket/.test(entry.msg));
    expect(failure).toMatchObject({ level: 40, msg: 'WebSocket connection failed: Max payload size exceeded' });
  });
});

describe('caps', () => {
  it('refuse an operation past the per-connection cap until one completes', async () => {
    await withTestServer({ limits: { maxSubscriptions: 3 } }, async (server) => {
      await withConnection(server, async (connection) => {
        for (const id of ['1', '2', '3']) connection.subscribe(id, { query: CHANGES });
        expect(onlySocketError(await connection.run('4', { query: CHANGES }))).toEqual({
          code: 'TOO_MANY_OPERATIONS',
          message: 'Limit of 3 operations at once per connection reached; complete one first.',
        });
        connection.complete('1');
        expect((await connection.run('5', { query: STATUS })).payload).toEqual({ data: { contentStatus: { articles: 29 } } });
      });
    });
  });

  it('refuse an upgrade past the connection cap with 503', async () => {
    await withTestServer({ limits: { maxWebSockets: 2 } }, async (server) => {
      const open = [await connect(server.url), await connect(server.url)];
      try {
        expect(await upgradeStatus(server.url)).toBe(503);
        open.pop()!.socket.close();
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await upgradeStatus(server.url)).toBe(101);
      } finally {
        for (const connection of open) connection.socket.terminate();
      }
    });
  });
});

describe('the origin of an upgrade', () => {
  it('is the gateway itself, or none, when no CORS origins are configured', async () => {
    await withTestServer({}, async (server) => {
      const own = new URL(server.url).origin;
      expect(await upgradeStatus(server.url)).toBe(101);
      expect(await upgradeStatus(server.url, { origin: own })).toBe(101);
      expect(await upgradeStatus(server.url, { origin: 'https://attacker.example' })).toBe(403);
      expect(await upgradeStatus(server.url, { origin: 'null' })).toBe(403);
    });
  });

  it('is one of the CORS origins, or any with *', async () => {
    await withTestServer({ corsOrigins: ['https://app.example'] }, async (server) => {
      expect(await upgradeStatus(server.url, { origin: 'https://app.example' })).toBe(101);
      expect(await upgradeStatus(server.url, { origin: 'https://attacker.example' })).toBe(403);
      expect(await upgradeStatus(server.url, { origin: new URL(server.url).origin })).toBe(101);
    });
    await withTestServer({ corsOrigins: ['*'] }, async (server) => {
      expect(await upgradeStatus(server.url, { origin: 'https://attacker.example' })).toBe(101);
    });
  });
});
