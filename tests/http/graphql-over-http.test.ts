/**
 * The GraphQL over HTTP specification, case by case, as a client sees it on the wire.
 * Legacy `application/json` answers well-formed requests with 200 whatever their GraphQL
 * errors; `application/graphql-response+json` answers 4xx whenever there is no `data`.
 */
import { startTestServer, type TestServer } from '../helpers/harness';
import type { Json } from '../helpers/json';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ debug: false });
});
afterAll(() => server.close());

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const QUERY = '{ contentStatus { articles } }';
const ARTICLE_QUERY = 'query Article($slug: String!) { article(slug: $slug) { title } }';
const SLUG = 'Engineering/Backend/GraphQL/cursor-pagination';

interface Answer {
  status: number;
  contentType: string;
  headers: Headers;
  /** The parsed JSON, or the text when it is not JSON. */
  body: Json;
}

async function send(init: {
  method?: string;
  accept?: string;
  contentType?: string | null;
  body?: string;
  search?: string;
  headers?: Record<string, string>;
}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.accept !== undefined) headers.accept = init.accept;
  if (init.contentType !== null) headers['content-type'] = init.contentType ?? JSON_TYPE;
  const response = await fetch(`${server.url}${init.search ?? ''}`, { method: init.method ?? 'POST', headers, body: init.body });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Non-JSON bodies stay text, and the assertions say so.
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', headers: response.headers, body };
}

const post = (payload: unknown, accept?: string) => send({ body: JSON.stringify(payload), accept });
const get = (params: Record<string, string>, accept?: string) =>
  send({
    method: 'GET',
    contentType: null,
    search: `?${new URLSearchParams(params).toString()}`,
    accept,
    headers: { 'apollo-require-preflight': 'true' },
  });
const codes = (answer: Answer): unknown[] => answer.body.errors.map((error: { extensions?: { code?: string } }) => error.extensions?.code);

describe('media types', () => {
  it('answers application/json when the request has no Accept header', async () => {
    const answer = await post({ query: QUERY });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(answer.body).toEqual({ data: { contentStatus: { articles: 29 } } });
  });

  it.each([
    [GRAPHQL_RESPONSE, GRAPHQL_RESPONSE],
    [`${GRAPHQL_RESPONSE}, ${JSON_TYPE};q=0.9`, GRAPHQL_RESPONSE],
    [`${JSON_TYPE};q=0.5, ${GRAPHQL_RESPONSE}`, GRAPHQL_RESPONSE],
    [`${JSON_TYPE}, ${GRAPHQL_RESPONSE};q=0.9`, JSON_TYPE],
    [JSON_TYPE, JSON_TYPE],
    ['*/*', JSON_TYPE],
    ['application/*', JSON_TYPE],
    [`${GRAPHQL_RESPONSE}, ${JSON_TYPE}, multipart/mixed`, GRAPHQL_RESPONSE],
    ['text/html, */*;q=0.8', JSON_TYPE],
  ])('answers Accept %j with %s in utf-8', async (accept, mediaType) => {
    const answer = await post({ query: QUERY }, accept);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe(`${mediaType}; charset=utf-8`);
  });

  it.each(['text/html', 'application/xml', 'multipart/mixed', `${JSON_TYPE};q=0`])(
    'answers 406 to Accept %j, which allows no JSON',
    async (accept) => {
      const answer = await post({ query: QUERY }, accept);
      expect(answer.status).toBe(406);
      expect(codes(answer)).toEqual(['NOT_ACCEPTABLE']);
    },
  );

  it('reads request bodies in utf-8, with or without a charset parameter', async () => {
    const answer = await send({
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ query: ARTICLE_QUERY, variables: { slug: '随笔/café-notes' } }),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data.article).toEqual({ title: expect.any(String) });
  });
});

describe('request bodies', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['XML', 'application/xml'],
    ['a GraphQL document', 'application/graphql'],
  ])('answers 415 to a POST of %s', async (_label, contentType) => {
    const answer = await send({ contentType, body: JSON.stringify({ query: QUERY }) });
    expect(answer.status).toBe(415);
    expect(answer.headers.get('accept-post')).toBe(JSON_TYPE);
    expect(codes(answer)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
  });

  it('answers 415 to a POST without Content-Type', async () => {
    const answer = await send({ contentType: null, body: JSON.stringify({ query: QUERY }) });
    expect(answer.status).toBe(415);
  });

  it('answers 415 to a charset other than utf-8', async () => {
    const answer = await send({ contentType: 'application/json; charset=latin1', body: JSON.stringify({ query: QUERY }) });
    expect(answer.status).toBe(415);
    expect(answer.contentType).toMatch(/^application\/json/);
  });

  it.each([JSON_TYPE, GRAPHQL_RESPONSE])('answers malformed JSON with 400 and a GraphQL error in %s', async (accept) => {
    const answer = await send({ body: '{"query": ', accept });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe(`${accept}; charset=utf-8`);
    expect(answer.body).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it.each([
    ['an empty body', ''],
    ['an empty object', '{}'],
    ['no query', JSON.stringify({ variables: {} })],
    ['a null query', JSON.stringify({ query: null })],
    ['a numeric query', JSON.stringify({ query: 1 })],
    ['an object query', JSON.stringify({ query: { kind: 'Document' } })],
    ['string variables', JSON.stringify({ query: QUERY, variables: '{}' })],
    ['array variables', JSON.stringify({ query: QUERY, variables: [] })],
    ['numeric variables', JSON.stringify({ query: QUERY, variables: 1 })],
    ['string extensions', JSON.stringify({ query: QUERY, extensions: '{}' })],
    ['array extensions', JSON.stringify({ query: QUERY, extensions: [] })],
    ['a numeric operationName', JSON.stringify({ query: QUERY, operationName: 1 })],
    ['a JSON string', JSON.stringify('{ contentStatus { articles } }')],
    ['a batch', JSON.stringify([{ query: QUERY }])],
  ])('answers 400 to a body with %s, whatever the accepted type', async (_label, body) => {
    for (const accept of [JSON_TYPE, GRAPHQL_RESPONSE]) {
      const answer = await send({ body, accept });
      expect(answer.status).toBe(400);
      expect(answer.body.errors.length).toBeGreaterThan(0);
      expect(answer.body.data).toBeUndefined();
    }
  });

  it('accepts null variables, operationName and extensions', async () => {
    const answer = await post({ query: QUERY, variables: null, operationName: null, extensions: null });
    expect(answer.status).toBe(200);
    expect(answer.body.data.contentStatus.articles).toBe(29);
  });
});

describe('status codes of GraphQL errors', () => {
  const cases: [string, unknown, string][] = [
    ['a document that does not parse', { query: '{ contentStatus { ' }, 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', { query: '{ noSuchField }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['variables of the wrong type', { query: ARTICLE_QUERY, variables: { slug: 7 } }, 'BAD_USER_INPUT'],
    ['a missing required variable', { query: ARTICLE_QUERY }, 'BAD_USER_INPUT'],
    ['an unknown operationName', { query: QUERY, operationName: 'Nope' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['several operations and no operationName', { query: `query A ${QUERY} query B ${QUERY}` }, 'OPERATION_RESOLUTION_FAILURE'],
  ];

  it.each(cases)('answers %s with 400 and no data in graphql-response+json', async (_label, payload, code) => {
    const answer = await post(payload, GRAPHQL_RESPONSE);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(codes(answer)).toContain(code);
  });

  it.each(cases)('answers %s with 200 in legacy application/json', async (_label, payload, code) => {
    const answer = await post(payload, JSON_TYPE);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(answer.body.data).toBeUndefined();
    expect(codes(answer)).toContain(code);
  });

  it.each([JSON_TYPE, GRAPHQL_RESPONSE])('answers a field error with 200 and the data there is, in %s', async (accept) => {
    const answer = await post({ query: `{ contentStatus { articles } article(slug: "${SLUG}", id: "x") { title } }` }, accept);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ contentStatus: { articles: 29 }, article: null });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('operationName', () => {
  const document = `query Status ${QUERY} query Article { article(slug: "${SLUG}") { slug } }`;

  it('selects the operation to run, over POST and GET', async () => {
    expect((await post({ query: document, operationName: 'Article' })).body).toEqual({ data: { article: { slug: SLUG } } });
    expect((await get({ query: document, operationName: 'Status' })).body).toEqual({ data: { contentStatus: { articles: 29 } } });
  });
});

describe('methods', () => {
  it('runs a query over GET, with variables as JSON in the URL', async () => {
    const answer = await get({ query: ARTICLE_QUERY, variables: JSON.stringify({ slug: SLUG }) }, GRAPHQL_RESPONSE);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    expect(answer.body.data.article.title).toEqual(expect.any(String));
  });

  it.each([
    ['a mutation', 'mutation { contentStatus { articles } }'],
    ['a subscription', 'subscription { contentChanged { version } }'],
  ])('answers 405 with Allow: POST to %s over GET', async (_label, query) => {
    const answer = await get({ query });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
  });

  it('answers 400 to variables in the URL that are not JSON', async () => {
    const answer = await get({ query: ARTICLE_QUERY, variables: '{slug:' });
    expect(answer.status).toBe(400);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('answers 405 with Allow: GET, POST to %s', async (method) => {
    const answer = await send({ method, body: JSON.stringify({ query: QUERY }) });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, POST');
  });

  it('keeps blocking simple cross-site GETs (no preflight header)', async () => {
    const answer = await send({ method: 'GET', contentType: null, search: `?${new URLSearchParams({ query: QUERY }).toString()}` });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toMatch(/CSRF/);
  });
});
