import { parseDocument } from 'htmlparser2';
import { findAll } from 'domutils';
import { badUserInputMessage, servedFiles, startTestServer, type TestServer } from '../helpers/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const SLUG = 'Engineering/Backend/GraphQL/cursor-pagination';

/** Every `id` attribute of a piece of HTML, in document order. */
function idsIn(html: string): string[] {
  return findAll((element) => 'id' in element.attribs, parseDocument(html).children).map((element) => element.attribs.id);
}

interface TocEntry {
  level: number;
  text: string;
  anchor: string;
  children: TocEntry[];
}

function flatten(entries: TocEntry[]): TocEntry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.children)]);
}

const TOC = `toc { level text anchor children { level text anchor children { level text anchor } } }`;

describe('Article.toc', () => {
  it('nests the headings by level', async () => {
    const { article } = await server.data(`query($slug: String!) { article(slug: $slug) { ${TOC} } }`, { slug: SLUG });
    expect(article.toc).toEqual([
      {
        level: 3,
        text: 'Encoding the cursor',
        anchor: 'encoding-the-cursor',
        children: [{ level: 4, text: 'Why the tie-breaker matters', anchor: 'why-the-tie-breaker-matters', children: [] }],
      },
      {
        level: 3,
        text: 'Walking the pages',
        anchor: 'walking-the-pages',
        children: [{ level: 4, text: 'Stale cursors', anchor: 'stale-cursors', children: [] }],
      },
    ]);
  });

  it('lists only the levels up to maxDepth', async () => {
    const { article } = await server.data(
      `query($slug: String!) { article(slug: $slug) { toc(maxDepth: 3) { anchor children { anchor } } } }`,
      {
        slug: SLUG,
      },
    );
    expect(article.toc).toEqual([
      { anchor: 'encoding-the-cursor', children: [] },
      { anchor: 'walking-the-pages', children: [] },
    ]);
  });

  it('gives anchors that are the ids of the served html, lead and sections, and the sections own', async () => {
    const articles: { html: string; lead: { html: string } | null; sections: { anchor: string; html: string }[]; toc: TocEntry[] }[] = [];
    for (const file of servedFiles) {
      const { article } = await server.data(
        `query($slug: String!) { article(slug: $slug) { html lead { html } sections { anchor html } ${TOC} } }`,
        { slug: file.slug },
      );
      articles.push(article);
    }
    for (const article of articles) {
      const anchors = flatten(article.toc).map((entry) => entry.anchor);
      expect(idsIn(article.html)).toEqual(anchors);
      expect(new Set(anchors).size).toBe(anchors.length);
      const pieces = [article.lead?.html ?? '', ...article.sections.map((section) => section.html)];
      expect(pieces.flatMap(idsIn)).toEqual(anchors);
      for (const section of article.sections) {
        expect(anchors).toContain(section.anchor);
        expect(idsIn(section.html)[0]).toBe(section.anchor);
      }
    }
    expect(articles.some((article) => flatten(article.toc).length > article.sections.length)).toBe(true);
  });

  it('refuses a maxDepth outside 1 to 6', async () => {
    for (const maxDepth of [0, 7, -1]) {
      const body = await server.request(`query($d: Int) { article(slug: "${SLUG}") { toc(maxDepth: $d) { anchor } } }`, { d: maxDepth });
      expect(badUserInputMessage(body)).toBe(`\`maxDepth\` must be between 1 and 6 (got ${maxDepth}).`);
    }
  });
});
