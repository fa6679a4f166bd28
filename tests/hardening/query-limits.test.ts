/**
 * Each request limit over HTTP against the fixture site: a request at the limit is served,
 * one past it is refused with the right code and a message naming the limit and its value.
 */
import { getIntrospectionQuery } from 'graphql';
import { request as httpRequest } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { DEFAULT_REQUEST_LIMITS } from '../../src/server/plugins/limits';
import { startTestServer, type GraphQLBody, type TestServer } from '../helpers/harness';
import { GRAPHQL_RESPONSE_JSON, onlyError, postQuery, postRaw, type RawResponse } from './http';
import { queryOfCost, queryOfDepth, queryWithAliases, queryWithDirectives, queryWithTokens } from './queries';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ debug: false });
});
afterAll(() => server.close());

it('has the documented defaults', () => {
  expect(DEFAULT_REQUEST_LIMITS).toEqual({
    maxDepth: 8,
    maxAliases: 15,
    maxDirectives: 50,
    maxTokens: 2000,
    maxCost: 5000,
    maxBodyBytes: 1024 * 1024,
    maxQueryBytes: 64 * 1024,
    timeoutMs: 10_000,
    maxSubscriptions: 10,
    maxWebSockets: 1000,
  });
});

describe.each([
  ['depth', queryOfDepth, 8, 'GRAPHQL_VALIDATION_FAILED', 'Query depth limit of 8 exceeded, found 9.'],
  ['aliases', queryWithAliases, 15, 'GRAPHQL_VALIDATION_FAILED', 'Aliases limit of 15 exceeded, found 16.'],
  ['directives', queryWithDirectives, 50, 'GRAPHQL_VALIDATION_FAILED', 'Directives limit of 50 exceeded, found 51.'],
  ['tokens', queryWithTokens, 2000, 'GRAPHQL_PARSE_FAILED', 'Query token limit of 2000 exceeded.'],
  ['cost', queryOfCost, 5000, 'GRAPHQL_VALIDATION_FAILED', 'Query cost limit of 5000 exceeded, found 5001.'],
])('the %s limit', (_name, build, limit, code, message) => {
  it(`serves a query at the limit (${limit})`, async () => {
    const response = await postQuery(server.url, build(limit));
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it('refuses a query one past it, before executing anything', async () => {
    const response = await postQuery(server.url, build(limit + 1));
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(onlyError(response)).toEqual({ code, message });
  });
});

describe('the token limit', () => {
  it('leaves a syntax error before the limit to the parser, however long the document', async () => {
    const response = await postQuery(server.url, `{ articles(: 1) { ${'slug '.repeat(3000)}} }`);
    expect(onlyError(response)).toEqual({ code: 'GRAPHQL_PARSE_FAILED', message: 'Syntax Error: Expected Name, found ":".' });
  });
});

describe('page sizes', () => {
  it('serves the largest page and refuses a bigger one as bad input naming the argument', async () => {
    expect((await postQuery(server.url, '{ articles(first: 100) { nodes { slug } } }')).status).toBe(200);
    const response = await postQuery(server.url, '{ articles(first: 101) { nodes { slug } } }');
    expect(onlyError(response)).toEqual({ code: 'BAD_USER_INPUT', message: '`first` must be at most 100 (got 101).' });
  });

  it('are read from variables too, for the cost as for the cap', async () => {
    const nested = 'query($n: Int) { articles(first: $n) { nodes { tags { articles(first: $n) { nodes { title } } } } } }';
    const small = await postQuery(server.url, nested, { n: 5 });
    expect(small.body.errors).toBeUndefined();
    const big = await postQuery(server.url, nested, { n: 100 });
    expect(onlyError(big).message).toMatch(/^Query cost limit of 5000 exceeded, found \d+\.$/);
    // The same document again, in the other order: each answer follows its own variables.
    expect(onlyError(await postQuery(server.url, nested, { n: 100 })).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await postQuery(server.url, nested, { n: 5 })).body.errors).toBeUndefined();
  });

  it('tell an absent variable, which takes its default, from an explicit null', async () => {
    const defaulted = 'query($n: Int = 100) { articles(first: $n) { nodes { tags { articles(first: $n) { nodes { title } } } } } }';
    expect(onlyError(await postQuery(server.url, defaulted)).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await postQuery(server.url, defaulted, { n: null })).body.errors).toBeUndefined();
    expect(onlyError(await postQuery(server.url, defaulted, {})).code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('count every entry of a list argument', async () => {
    const tags = Array.from({ length: 5000 }, (_, index) => `tag-${index}`);
    const response = await postQuery(server.url, 'query($tags: [String!]) { articles(filter: { tags: $tags }) { totalCount } }', { tags });
    expect(onlyError(response).message).toMatch(/^Query cost limit of 5000 exceeded/);
  });
});

describe('request bodies', () => {
  const sized = (bytes: number) => {
    const envelope = JSON.stringify({ query: '{ contentStatus { articles } }', extensions: { padding: '' } });
    return envelope.replace('"padding":""', `"padding":"${'x'.repeat(bytes - envelope.length)}"`);
  };

  it('serves a body of exactly 1 MiB', async () => {
    const body = sized(1024 * 1024);
    expect(Buffer.byteLength(body)).toBe(1024 * 1024);
    expect((await postRaw(server.url, body)).status).toBe(200);
  });

  it('refuses a bigger one with 413 and a GraphQL error', async () => {
    const response = await postRaw(server.url, sized(1024 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(response.contentType).toMatch(/json/);
    expect(onlyError(response)).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'Request body limit of 1048576 bytes exceeded.' });
  });

  const postEncoded = async (body: Buffer, headers: Record<string, string>) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE_JSON, ...headers },
      body,
    });
    const answer: RawResponse = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.json(),
    };
    return answer;
  };

  it('reads gzip, deflate and br bodies', async () => {
    const body = Buffer.from(JSON.stringify({ query: '{ contentStatus { articles } }' }));
    for (const [encoding, compressed] of [
      ['gzip', gzipSync(body)],
      ['deflate', deflateSync(body)],
      ['br', brotliCompressSync(body)],
    ] as const) {
      const response = await postEncoded(compressed, { 'content-encoding': encoding });
      expect({ encoding, status: response.status, data: response.body.data }).toEqual({
        encoding,
        status: 200,
        data: { contentStatus: { articles: 29 } },
      });
    }
  });

  it('applies the limit to the inflated body, so a small gzip bomb is refused', async () => {
    const bomb = gzipSync(Buffer.from(sized(8 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const response = await postEncoded(bomb, { 'content-encoding': 'gzip' });
    expect(response.status).toBe(413);
    expect(onlyError(response)).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'Request body limit of 1048576 bytes exceeded.' });
  });

  it('refuses encodings and charsets it cannot read with 415', async () => {
    const body = Buffer.from(JSON.stringify({ query: '{ contentStatus { articles } }' }));
    expect(onlyError(await postEncoded(body, { 'content-encoding': 'compress' }))).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Content-Encoding "compress" is not supported; send identity, gzip, deflate or br.',
    });
    const latin1 = await postEncoded(body, { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expect(onlyError(latin1)).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported charset "latin1"; send the body as UTF-8.' });
    expect((await postEncoded(body, { 'content-type': 'application/json; charset=UTF-8' })).status).toBe(200);
  });

  it('refuses a declared Content-Length over the limit before the body arrives', async () => {
    const { hostname, port, pathname } = new URL(server.url);
    const answer = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const request = httpRequest(
        {
          hostname,
          port,
          path: pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': 64 * 1024 * 1024 },
        },
        (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection });
          request.destroy();
        },
      );
      request.on('error', reject);
      // Only the first bytes are ever sent: the answer must not wait for the other 64 MiB.
      request.write('{"query":');
    });
    // The connection is not reused: what is left of the body would have to be read first.
    expect(answer).toEqual({ status: 413, connection: 'close' });
  });

  it('refuses a batch of operations with a clear 400', async () => {
    const operation = { query: '{ contentStatus { articles } }' };
    const response = await postRaw(server.url, JSON.stringify([operation, operation]));
    expect(response.status).toBe(400);
    expect(onlyError(response)).toEqual({ code: 'BAD_REQUEST', message: 'Operation batching disabled.' });
  });
});

describe('query text', () => {
  /** A query padded with a comment to exactly `bytes` bytes of UTF-8. */
  const padded = (bytes: number) => {
    const query = '{ contentStatus { articles } }\n#';
    return `${query}${'x'.repeat(bytes - query.length)}`;
  };
  const refusal = { code: 'QUERY_TOO_LARGE', message: 'Query text limit of 65536 bytes exceeded.' };

  it('serves 64 KiB of query text, comments included', async () => {
    const query = padded(64 * 1024);
    expect(Buffer.byteLength(query)).toBe(64 * 1024);
    expect((await postQuery(server.url, query)).body).toEqual({ data: { contentStatus: { articles: 29 } } });
  });

  it('refuses one byte more with 413, though the body is far below its own limit', async () => {
    const response = await postQuery(server.url, padded(64 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(onlyError(response)).toEqual(refusal);
  });

  it('counts bytes, not characters', async () => {
    const query = `{ contentStatus { articles } } #${'字'.repeat(22_000)}`;
    expect(query.length).toBeLessThan(64 * 1024);
    expect(onlyError(await postQuery(server.url, query))).toEqual(refusal);
  });

  it('applies to the query of a GET', async () => {
    // Node refuses URLs past 16 KiB itself, so the limit is set below that.
    const small = await startTestServer({ debug: false, limits: { maxQueryBytes: 1024 } });
    try {
      const url = `${small.url}?query=${encodeURIComponent(padded(1025))}`;
      const response = await fetch(url, { headers: { accept: GRAPHQL_RESPONSE_JSON, 'apollo-require-preflight': 'true' } });
      expect(response.status).toBe(413);
      const body = (await response.json()) as GraphQLBody;
      expect(body.errors?.map((error) => error.message)).toEqual(['Query text limit of 1024 bytes exceeded.']);
    } finally {
      await small.close();
    }
  });

  it('leaves the variables to the body limit', async () => {
    const response = await postQuery(server.url, 'query($slug: String) { article(slug: $slug) { title } }', {
      slug: 'x'.repeat(512 * 1024),
    });
    expect(response.body).toEqual({ data: { article: null } });
  });
});

describe('what a client legitimately sends', () => {
  it("serves the IDE's full introspection query", async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    const response = await postQuery(server.url, query);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.__schema.queryType.name).toBe('Query');
  });

  it.each([
    [
      'a listing page of 100 cards',
      `{ articles(first: 100) { totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id slug title date excerpt readingTimeMinutes headImage
            author { name slug } categories { name slug ancestors { name slug } } tags { name slug } } } } }`,
    ],
    [
      'an article page',
      `{ article(slug: "release-checklist") { title date updated html language wordCount
          lead { html } sections { anchor heading html } images { src alt }
          author { name slug articles(first: 5) { nodes { slug title } } }
          categories { slug name ancestors { slug name } articles(first: 5) { nodes { slug title } } }
          tags { slug name articles(first: 5) { nodes { slug title } } } frontMatter } }`,
    ],
    [
      'a navigation tree',
      '{ categories(rootsOnly: true) { slug name articleCount children { slug name articleCount children { slug name articleCount } } } }',
    ],
    ['a tag cloud', '{ tags { slug name articleCount } authors { slug name articleCount } }'],
  ])('serves %s', async (_name, query) => {
    const response = await postQuery(server.url, query);
    expect(response.body.errors).toBeUndefined();
  });
});
