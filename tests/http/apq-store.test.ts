/** The store of automatic persisted queries keeps to its bytes however many documents clients register. */
import { createHash } from 'node:crypto';
import { apqEntryBytes } from '../../src/server/plugins/apq-store';
import { startTestServer, type TestServer } from '../helpers/harness';

const STORE_BYTES = 32 * 1024;
const REGISTRATIONS = 300;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const documentNumbered = (n: number) => `query Q${n} { __typename }`;

async function send(server: TestServer, document: string, withText: boolean): Promise<{ data?: unknown; code?: string }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...(withText ? { query: document } : {}),
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } },
    }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { data: body.data, code: body.errors?.[0]?.extensions?.code };
}

describe('automatic persisted queries under a flood of registrations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ debug: false, apqCacheBytes: STORE_BYTES });
  });
  afterAll(() => server.close());

  it('keeps only as many documents as their heap cost fits in the bound, the most recent ones', async () => {
    for (let n = 0; n < REGISTRATIONS; n += 1) {
      expect((await send(server, documentNumbered(n), true)).data).toEqual({ __typename: 'Query' });
    }
    const kept: number[] = [];
    // Lookups by hash alone: a hit refreshes nothing that the count depends on, a miss registers nothing.
    for (let n = REGISTRATIONS - 1; n >= 0; n -= 1) {
      const answer = await send(server, documentNumbered(n), false);
      if (answer.code === 'PERSISTED_QUERY_NOT_FOUND') break;
      expect(answer.data).toEqual({ __typename: 'Query' });
      kept.push(n);
    }
    const entryBytes = apqEntryBytes(`apq:${sha256(documentNumbered(REGISTRATIONS - 1))}`, documentNumbered(REGISTRATIONS - 1));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(Math.floor(STORE_BYTES / entryBytes) + 1);
    expect(kept[kept.length - 1]).toBeGreaterThan(REGISTRATIONS - kept.length - 2);
    expect((await send(server, documentNumbered(0), false)).code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
