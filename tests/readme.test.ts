/**
 * The README's example queries are what a new user tries first: each must run against the
 * sample content in `content/` and find something.
 */
import { readFileSync } from 'node:fs';
import { ContentStore } from '../src/content/content-store';
import { startTestServer, type TestServer } from './helpers/harness';

interface Example {
  query: string;
  variables: Record<string, unknown>[];
}

function readmeExamples(): Example[] {
  const readme = readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map(([, block]) => {
    const variables = [...block.matchAll(/^# variables: (.*)$/gm)].flatMap(([, line]) =>
      line.split(/, then /).map((json) => JSON.parse(json.replace('"<endCursor>"', 'null'))),
    );
    return { query: block.replace(/^#.*$/gm, ''), variables: variables.length ? variables : [{}] };
  });
}

/** Paths of the empty lists in an answer: an example should show content, not empty pages. */
function emptyLists(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((item, index) => emptyLists(item, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => emptyLists(inner, `${path}.${key}`));
  return [];
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ content: ContentStore.open('content') });
});
afterAll(() => server.close());

const examples = readmeExamples();

it('has examples', () => {
  expect(examples.length).toBeGreaterThanOrEqual(3);
});

it.each(examples.map((example, index) => [index + 1, example] as const))(
  'README example %i runs against content/',
  async (_index, example) => {
    for (const variables of example.variables) {
      const data = await server.data(example.query, variables);
      for (const value of Object.values(data)) expect(value).not.toBeNull();
      expect(emptyLists(data)).toEqual([]);
    }
  },
);
