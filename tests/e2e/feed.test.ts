/**
 * A feed in real headless Chromium: the browser opens `/feed.xml` itself and shows its source, and
 * the browser's own XML parser reads it as an Atom document whose first entry is the newest article.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { startTestServer, type TestServer } from '../helpers/harness';
import { CHROMIUM, describeWithProgram } from '../helpers/system-package';

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/** The little of the DOM that the code run in the page uses: the tests compile without the DOM library. */
interface XmlElement {
  localName: string;
  namespaceURI: string | null;
  textContent: string | null;
  getElementsByTagNameNS(namespace: string | null, name: string): ArrayLike<XmlElement | undefined>;
}
declare const DOMParser: new () => {
  parseFromString(text: string, type: string): { documentElement: XmlElement; getElementsByTagName(name: string): ArrayLike<XmlElement> };
};
declare const document: { body: { innerText: string } };

jest.setTimeout(90_000);

describeWithProgram(CHROMIUM, 'a feed in Chromium', (chromiumPath) => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ debug: false });
    browser = await launchChromium(chromiumPath);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('opens /feed.xml as an Atom document whose first entry is the newest article', async () => {
    const { articles } = (await server.data('{ articles(first: 1, orderBy: DATE_DESC) { nodes { title } } }')) as {
      articles: { nodes: { title: string }[] };
    };
    const feedUrl = new URL('/feed.xml', server.url).href;

    const response = await page.goto(feedUrl);
    if (response === null) throw new Error(`Chromium received no response for ${feedUrl}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/atom\+xml/);

    // The same bytes the browser received, parsed by the browser's own XML parser.
    const parsed = await page.evaluate(async (url) => {
      const text = await (await fetch(url)).text();
      const document = new DOMParser().parseFromString(text, 'application/xml');
      const root = document.documentElement;
      const firstEntry = root.getElementsByTagNameNS(root.namespaceURI, 'entry')[0];
      return {
        parseErrors: document.getElementsByTagName('parsererror').length,
        root: root.localName,
        namespace: root.namespaceURI,
        entries: root.getElementsByTagNameNS(root.namespaceURI, 'entry').length,
        firstTitle: firstEntry?.getElementsByTagNameNS(root.namespaceURI, 'title')[0]?.textContent ?? null,
      };
    }, feedUrl);
    expect(parsed).toMatchObject({ parseErrors: 0, root: 'feed', namespace: ATOM_NAMESPACE, firstTitle: articles.nodes[0]?.title });
    expect(parsed.entries).toBeGreaterThan(0);

    // Chromium shows the feed types as text, so the page it opened holds the feed's source, not an error page.
    expect(await page.evaluate(() => document.body.innerText)).toMatch(/^<\?xml[^>]*\?>\s*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  });
});
