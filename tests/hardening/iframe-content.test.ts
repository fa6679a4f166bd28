/**
 * Iframes from an allowed host are served, and served empty: a browser reads an iframe's content
 * as raw text up to the first `</iframe>`, so anything kept inside could close it and run. Every
 * fragment a client can ask for is parsed with parse5, a parser that follows the HTML standard,
 * and judged on what a browser would build from it.
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { ContentStore } from '../../src/content/content-store';
import { startTestServer, type TestServer } from '../helpers/harness';
import { makeTree, post } from '../helpers/temp-tree';

type ParsedNode = DefaultTreeAdapterMap['childNode'];
type ParsedElement = DefaultTreeAdapterMap['element'];

const PLAYER = 'https://player.example-video.com/embed/42';
const IFRAME_HOSTS = ['player.example-video.com'];

/** Each payload sits in an allowed iframe, in the lead and again in a section. */
const PAYLOADS: Record<string, string> = {
  'entity-encoded image': `<iframe src="${PLAYER}">&lt;img src=x onerror=alert(1)&gt;</iframe>`,
  'entity-encoded script': `<iframe src="${PLAYER}">&lt;script&gt;alert(1)&lt;/script&gt;</iframe>`,
  'closing tag in a child title': `<iframe src="${PLAYER}"><span title="</iframe><img src=x onerror=alert(1)>">x</span></iframe>`,
  'closing tag in the title': `<iframe src="${PLAYER}" title="</iframe><img src=x onerror=alert(1)>"></iframe>`,
  'markup as children': `<iframe src="${PLAYER}"><b>bold</b> <a href="https://example.com/">link</a></iframe>`,
  'nested iframe': `<iframe src="${PLAYER}"><iframe src="${PLAYER}">&lt;svg onload=alert(1)&gt;</iframe></iframe>`,
};

const ARTICLE = `{
  articles(first: 100) {
    nodes { slug html lead { html } sections { html } }
  }
}`;

interface Fragment {
  name: string;
  html: string;
}

function elementsOf(nodes: readonly ParsedNode[]): ParsedElement[] {
  return nodes.flatMap((node) => ('tagName' in node ? [node, ...elementsOf(node.childNodes)] : []));
}

/** What a browser would find active or misplaced in `html`. */
function violationsOf(html: string): string[] {
  const elements = elementsOf(parseFragment(html).childNodes);
  return elements.flatMap((element) => [
    ...(element.tagName === 'script' || element.tagName === 'svg' ? [`<${element.tagName}> element`] : []),
    ...element.attrs.filter((attr) => /^on/i.test(attr.name)).map((attr) => `${attr.name} on <${element.tagName}>`),
    ...(element.tagName === 'iframe' && element.childNodes.length > 0 ? ['content inside <iframe>'] : []),
  ]);
}

let server: TestServer;
let remove: () => Promise<void>;
let fragments: Fragment[];

beforeAll(async () => {
  const files = Object.fromEntries(
    Object.entries(PAYLOADS).map(([name, payload], index) => [
      `iframes/post-${index}.md`,
      post(name, `<p>Before.</p>\n\n${payload}\n\n### Section\n\n<p>Inside.</p>\n\n${payload}\n`),
    ]),
  );
  const tree = await makeTree(files);
  remove = tree.remove;
  server = await startTestServer({ content: ContentStore.open(tree.root, { iframeHosts: IFRAME_HOSTS }) });
  const { articles } = await server.data(ARTICLE);
  fragments = articles.nodes.flatMap(
    (article: { slug: string; html: string; lead: { html: string } | null; sections: { html: string }[] }) => [
      { name: `${article.slug} html`, html: article.html },
      { name: `${article.slug} lead`, html: article.lead?.html ?? '' },
      ...article.sections.map((section, index) => ({ name: `${article.slug} section ${index}`, html: section.html })),
    ],
  );
});

afterAll(async () => {
  await server.close();
  await remove();
});

it('serves every post, with its lead and section', () => {
  expect(fragments).toHaveLength(Object.keys(PAYLOADS).length * 3);
});

it('keeps the allowed iframes, in every fragment', () => {
  for (const { name, html } of fragments) {
    const iframes = elementsOf(parseFragment(html).childNodes).filter((element) => element.tagName === 'iframe');
    expect({ name, iframes: iframes.length > 0 }).toEqual({ name, iframes: true });
  }
});

it('serves iframes empty and nothing active, in the whole body, the lead and each section', () => {
  const found = fragments.map(({ name, html }) => ({ name, violations: violationsOf(html) }));
  expect(found.filter(({ violations }) => violations.length > 0)).toEqual([]);
});
