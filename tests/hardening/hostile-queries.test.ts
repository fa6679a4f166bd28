/**
 * Query shapes meant to make a GraphQL server work hard: each is refused, or served,
 * quickly and with a clear answer, and the server keeps serving afterwards.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getNamedType, Kind, parse, typeFromAST, type OperationDefinitionNode } from 'graphql';
import { gatewaySchema } from '../../src/graphql/schema';
import { startTestServer, type TestServer } from '../helpers/harness';
import { PROJECT_ROOT } from '../helpers/cli';
import { onlyError, postQuery, postRaw } from './http';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ debug: false });
});
afterAll(async () => {
  // Whatever came before, the server still answers.
  expect((await postQuery(server.url, '{ contentStatus { articles } }')).body.data.contentStatus.articles).toBe(29);
  await server.close();
});

/** Fragments that each spread the next one twice: 2^levels selections once expanded. */
function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, level) =>
    level === levels - 1
      ? `fragment F${level} on Query { contentStatus { articles } }`
      : `fragment F${level} on Query { contentStatus { articles } ...F${level + 1} ...F${level + 1} }`,
  );
  return `{ ...F0 } ${fragments.join(' ')}`;
}

function nestedList(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

it('refuses a fragment bomb by its cost, without expanding it', async () => {
  const response = await postQuery(server.url, fragmentBomb(40));
  expect(onlyError(response).message).toMatch(/^Query cost limit of 5000 exceeded, found \d+\.$/);
});

it('refuses 1,000 copies of one field (graphql-js bounds the work of merging them)', async () => {
  const response = await postQuery(server.url, `{ contentStatus { ${'articles '.repeat(1000)}} }`);
  expect(onlyError(response)).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', message: 'Validation aborted.' });
});

it('refuses a cycle of fragments', async () => {
  const response = await postQuery(server.url, '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
  expect(onlyError(response).code).toBe('GRAPHQL_VALIDATION_FAILED');
});

it('reads a nested list of 500,000 levels in the variables without overflowing the stack', async () => {
  const unused = await postRaw(server.url, `{"query":"{ contentStatus { articles } }","variables":{"deep":${nestedList(500_000)}}}`);
  expect(unused.body).toEqual({ data: { contentStatus: { articles: 29 } } });
  const query = 'query($tags: [String!]) { articles(filter: { tags: $tags }) { totalCount } }';
  const used = await postRaw(server.url, `{"query":${JSON.stringify(query)},"variables":{"tags":${nestedList(500_000)}}}`);
  expect(onlyError(used).code).toBe('BAD_USER_INPUT');
});

it('serves a 900 KB string argument as an unknown slug', async () => {
  const response = await postQuery(server.url, 'query($slug: String) { article(slug: $slug) { title } }', { slug: 'x'.repeat(900_000) });
  expect(response.body).toEqual({ data: { article: null } });
});

it.each([
  ['a page size beyond 32 bits', '{ articles(first: 99999999999) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['a negative page size', '{ articles(first: -1) { totalCount } }', 'BAD_USER_INPUT'],
  ['both first and last', '{ articles(first: 1, last: 1) { totalCount } }', 'BAD_USER_INPUT'],
  ['more ids than a page', `{ nodes(ids: [${'"x", '.repeat(101)}]) { id } }`, 'BAD_USER_INPUT'],
  ['a forged cursor', '{ articles(after: "not-a-cursor") { totalCount } }', 'BAD_USER_INPUT'],
  [
    'a directive repeated on one field',
    '{ contentStatus @include(if: true) @include(if: true) { articles } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['a control character', '{ contentStatus { articles \u0007 } }', 'GRAPHQL_PARSE_FAILED'],
  ['an unterminated string', '{ article(slug: "x) { title } }', 'GRAPHQL_PARSE_FAILED'],
  ['a mutation', 'mutation { x }', 'GRAPHQL_VALIDATION_FAILED'],
  ['a subscription', 'subscription { x }', 'GRAPHQL_VALIDATION_FAILED'],
])('refuses %s with %s', async (_name, query, code) => {
  expect(onlyError(await postQuery(server.url, query)).code).toBe(code);
});

describe('the example operations', () => {
  const directory = path.join(PROJECT_ROOT, 'examples/operations');
  const files = readdirSync(directory).filter((name) => name.endsWith('.graphql'));

  /** The largest values a client may legitimately send: full pages, non-empty strings. */
  async function worstCaseVariables(operation: OperationDefinitionNode): Promise<Record<string, unknown>> {
    const schema = await gatewaySchema();
    const variables: Record<string, unknown> = {};
    for (const definition of operation.variableDefinitions ?? []) {
      const type = typeFromAST(schema, definition.type);
      const name = type && getNamedType(type).name;
      if (name === 'Int') variables[definition.variable.name.value] = 100;
      if (name === 'String' || name === 'ID') variables[definition.variable.name.value] = 'x';
    }
    return variables;
  }

  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s passes every limit with full pages', async (file) => {
    const query = readFileSync(path.join(directory, file), 'utf8');
    for (const definition of parse(query).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const response = await postQuery(server.url, query, await worstCaseVariables(definition));
      expect(response.body.errors).toBeUndefined();
    }
  });
});
