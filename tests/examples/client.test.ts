/** The example client, type-checked with the generated documents and run against a live gateway. */
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ts from 'typescript';
import { articleWithSections, categoryPages, createClient, main } from '../../examples/client';
import { loadTrustedDocuments } from '../../src/server/plugins/trusted-documents';
import { expected, servedFiles, startTestServer, type TestServer } from '../helpers/harness';
import { PROJECT_ROOT } from '../helpers/cli';

const CATEGORY = 'Engineering';
const ARTICLE = 'Engineering/Backend/GraphQL/schema-first-vs-code-first';
const MANIFEST = path.join(PROJECT_ROOT, 'examples/generated/persisted-documents.json');

it('type-checks the examples and a use of their types', () => {
  const config = ts.readConfigFile(path.join(PROJECT_ROOT, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, PROJECT_ROOT);
  const roots = [path.join(PROJECT_ROOT, 'examples/client.ts'), path.join(__dirname, 'typed-usage.ts')];
  const program = ts.createProgram(roots, { ...options, noEmit: true });
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  expect(problems).toEqual([]);
}, 60_000);

/** Titles of the category's articles, newest first, as the fixtures say. */
function expectedTitles(category: string): string[] {
  const inCategory = servedFiles.filter((file) => file.categories.some((hierarchy) => hierarchy[0] === category));
  const bySlug = new Map(inCategory.map((file) => [file.slug, file.title]));
  return expected.dateDescOrder.filter((slug) => bySlug.has(slug)).map((slug) => bySlug.get(slug)!);
}

function countingFetch(): { fetch: typeof fetch; bodies: unknown[] } {
  const bodies: unknown[] = [];
  return {
    bodies,
    fetch: (input, init) => {
      // The example client sends its operations as JSON text.
      bodies.push(JSON.parse(init?.body as string));
      return fetch(input, init);
    },
  };
}

describe.each([
  ['a gateway that runs any operation', false],
  ['a gateway that runs only trusted documents', true],
])('the example client, against %s', (_label, trusted) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ debug: false, ...(trusted ? { trustedDocuments: await loadTrustedDocuments(MANIFEST) } : {}) });
  });
  afterAll(() => server.close());

  it("pages through a category's articles", async () => {
    const counter = countingFetch();
    const request = createClient(server.url, counter.fetch);
    const pages = [];
    for await (const page of categoryPages(request, CATEGORY, 3)) pages.push(page);

    const titles = expectedTitles(CATEGORY);
    expect(titles).toHaveLength(8);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(pages.flat().map((article) => article.title)).toEqual(titles);
    // By id alone once the gateway knows the document; an open gateway learns it from the first request.
    expect(counter.bodies).toHaveLength(trusted ? 3 : 4);
    expect(counter.bodies.filter((body) => 'query' in (body as object))).toHaveLength(trusted ? 0 : 1);
  });

  it('fetches an article with its sections', async () => {
    const article = await articleWithSections(createClient(server.url), ARTICLE);
    expect(article.title).toBe(servedFiles.find((file) => file.slug === ARTICLE)!.title);
    expect(article.sections.map(({ index, heading, anchor }) => ({ index, heading, anchor }))).toEqual([
      { index: 0, heading: 'The case for schema-first', anchor: 'the-case-for-schema-first' },
      { index: 1, heading: 'The case for code-first', anchor: 'the-case-for-code-first' },
      { index: 2, heading: 'What we chose', anchor: 'what-we-chose' },
    ]);
    expect(article.sections.every((section) => section.wordCount > 0)).toBe(true);
    expect(article.categories).toEqual([{ slug: 'Engineering/Backend/GraphQL', name: 'GraphQL' }]);
  });

  it('prints both', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk) => (printed += String(chunk)));
    await main(server.url, CATEGORY, ARTICLE, out);
    expect(printed).toContain(`${CATEGORY}, page 3:`);
    expect(printed).toMatch(/ {2}3\. What we chose \(#what-we-chose, \d+ words\)/);
  });
});
