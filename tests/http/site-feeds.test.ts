/**
 * Article, category, tag and author URLs, the feeds and the sitemap, over HTTP on the fixture
 * sites. Every feed is read back with an independent feed parser and checked as XML against
 * the elements its specification requires.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFragment, serialize } from 'parse5';
import { ContentStore } from '../../src/content/content-store';
import { startTestServer, type TestServer } from '../helpers/harness';
import type { Json } from '../helpers/json';

const SITE = 'https://example.com/blog';
const FEED_SITE = 'tests/fixtures/feed-site';
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

/** Percent-encodes each segment of a slug, as a URL holds it. */
const encoded = (slug: string) => slug.split('/').map(encodeURIComponent).join('/');
/**
 * The fragment as a browser reads it: the feed parser hands back text it decoded (`&gt;` as `>`),
 * which is the same markup spelt differently.
 */
const asBrowserReadsIt = (html: string | null | undefined) => serialize(parseFragment((html ?? '').trim()));
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

async function get(server: TestServer, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, server.url), { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The XML of a 200 answer, failing unless it is well-formed. */
async function validXml(server: TestServer, path: string): Promise<Json> {
  const { status, body } = await get(server, path);
  expect(status).toBe(200);
  expect(XMLValidator.validate(body)).toBe(true);
  return xml.parse(body);
}

/** The members of a JSON Feed item the tests compare. */
interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  date_published: string;
}

describe('links and feeds of the fixture site', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ site: { url: SITE } });
  });
  afterAll(() => server.close());

  const newestArticles = async (filter = '{}') =>
    (
      await server.data(`{ articles(first: 100, orderBy: DATE_DESC, filter: ${filter}) {
        nodes { slug title url date updated html draft author { name } categories { name } tags { name } } } }`)
    ).articles.nodes.filter((article: { date: string | null }) => article.date !== null);

  it("builds each article's URL from Hexo's default permalink below the site URL", async () => {
    const { article } = await server.data(`{ article(slug: "Engineering/Backend/idempotency-keys") { url date draft } }`);
    const date = new Date(article.date);
    const day = `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}`;
    expect(article.url).toBe(`${SITE}/${day}/Engineering/Backend/idempotency-keys/`);
    expect(article.draft).toBe(false);
  });

  it('gives categories, tags and authors the URL of their page on the site, segments percent-encoded', async () => {
    const data = await server.data(`{
      category(slug: "Engineering/Backend") { url }
      tags { slug url }
      authors { slug url }
    }`);
    expect(data.category.url).toBe(`${SITE}/categories/Engineering/Backend/`);
    for (const tag of data.tags) expect(tag.url).toBe(`${SITE}/tags/${encoded(tag.slug)}/`);
    for (const author of data.authors) expect(author.url).toBe(`${SITE}/authors/${encoded(author.slug)}/`);
  });

  it.each(['/feed.xml', '/rss.xml'])('%s lists the newest dated articles, newest first, each as GraphQL serves it', async (path) => {
    const articles = (await newestArticles()).slice(0, 20);
    const { body } = await get(server, path);
    expect(XMLValidator.validate(body)).toBe(true);
    const feed = parseFeed(body);
    expect(feed.items.map((item) => item.url)).toEqual(articles.map((article: { url: string }) => article.url));
    feed.items.forEach((item, position) => {
      const article = articles[position];
      expect(item.title).toBe(article.title);
      expect(item.id).toBe(article.url);
      expect(item.published?.toISOString()).toBe(article.date);
      expect(asBrowserReadsIt(item.content ?? item.description)).toBe(asBrowserReadsIt(article.html));
      expect(item.categories.map((category) => category.label ?? category.term)).toEqual([
        ...article.categories.map((category: { name: string }) => category.name),
        ...article.tags.map((tag: { name: string }) => tag.name),
      ]);
      if (article.author) expect(item.authors.map((author) => author.name)).toEqual([article.author.name]);
    });
  });

  it("Atom carries the specification's required elements for the feed and each entry", async () => {
    const { feed } = await validXml(server, '/feed.xml');
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const name of ['id', 'title', 'updated', 'author']) expect(feed[name]).toBeDefined();
    expect(asList(feed.link).map((link) => link['@rel'])).toEqual(expect.arrayContaining(['self', 'alternate']));
    for (const entry of asList(feed.entry)) {
      for (const name of ['id', 'title', 'updated', 'content']) expect(entry[name]).toBeDefined();
      expect(Date.parse(entry.updated)).not.toBeNaN();
    }
  });

  it("RSS carries the specification's required channel elements and a title, link and guid per item", async () => {
    const { rss } = await validXml(server, '/rss.xml');
    expect(rss['@version']).toBe('2.0');
    for (const name of ['title', 'link', 'description']) expect(rss.channel[name]).toBeDefined();
    for (const item of asList(rss.channel.item)) {
      for (const name of ['title', 'link', 'guid', 'pubDate', 'description']) expect(item[name]).toBeDefined();
      expect(Date.parse(item.pubDate)).not.toBeNaN();
    }
  });

  it('JSON Feed 1.1 has its required members and the same items as the Atom feed', async () => {
    const { status, headers, body } = await get(server, '/feed.json');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(body);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(typeof feed.title).toBe('string');
    expect(feed.feed_url).toBe(`${SITE}/feed.json`);
    const articles = (await newestArticles()).slice(0, 20);
    expect(feed.items.map((item: JsonFeedItem) => [item.id, item.url, item.title, item.content_html, item.date_published])).toEqual(
      articles.map((article: { url: string; title: string; html: string; date: string }) => [
        article.url,
        article.url,
        article.title,
        article.html,
        article.date,
      ]),
    );
  });

  it('serves the three feeds of one category, tag or author, and 404 for an unknown one', async () => {
    const engineering = await newestArticles('{ categories: ["Engineering"] }');
    const atom = parseFeed((await get(server, '/categories/Engineering/feed.xml')).body);
    expect(atom.items.map((item) => item.url)).toEqual(engineering.slice(0, 20).map((article: { url: string }) => article.url));
    const { tags } = await server.data('{ tags { slug } }');
    const tagPath = `/tags/${encoded(tags[0].slug)}/rss.xml`;
    expect(parseFeed((await get(server, tagPath)).body).items.length).toBeGreaterThan(0);
    const { authors } = await server.data('{ authors { slug } }');
    expect(JSON.parse((await get(server, `/authors/${encoded(authors[0].slug)}/feed.json`)).body).items.length).toBeGreaterThan(0);
    for (const path of ['/categories/No-Such/feed.xml', '/tags/no-such/rss.xml', '/authors/nobody/feed.json', '/categories/feed.xml']) {
      expect((await get(server, path)).status).toBe(404);
    }
  });

  it('never lists drafts or unpublished posts', async () => {
    const body = (await get(server, '/feed.xml')).body + (await get(server, '/sitemap.xml')).body;
    expect(body).not.toContain(encoded('边缘缓存草稿'));
    expect(body).not.toContain('unreleased-migration-plan');
  });

  it('answers 304 to a feed whose ETag the reader holds, and refuses methods other than GET and HEAD', async () => {
    const first = await get(server, '/rss.xml');
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"/);
    expect((await get(server, '/rss.xml', { 'if-none-match': tag })).status).toBe(304);
    expect((await get(server, '/feed.xml', { 'if-none-match': tag })).status).toBe(200);
    const post = await fetch(new URL('/feed.xml', server.url), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it("the sitemap lists every published article's URL with its last change", async () => {
    const { articles } = await server.data('{ articles(first: 100) { nodes { url date updated } } }');
    const { urlset } = await validXml(server, '/sitemap.xml');
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const listed = new Map(asList(urlset.url).map((url) => [url.loc, url.lastmod]));
    expect([...listed.keys()].sort()).toEqual(articles.nodes.map((article: { url: string }) => article.url).sort());
    for (const article of articles.nodes) expect(listed.get(article.url)).toBe(article.updated ?? article.date ?? undefined);
    expect((await get(server, '/sitemap-1.xml')).status).toBe(404);
  });
});

describe('site settings', () => {
  it("links to the server's own origin without a site URL", async () => {
    const server = await startTestServer();
    try {
      const { category } = await server.data('{ category(slug: "Engineering") { url } }');
      expect(category.url).toBe(`${new URL(server.url).origin}/categories/Engineering/`);
    } finally {
      await server.close();
    }
  });

  it("expands every Hexo token of a configured permalink in the content's time zone", async () => {
    const server = await startTestServer({
      content: ContentStore.open(FEED_SITE, { timeZone: 'Asia/Tokyo' }),
      site: { url: SITE, permalink: ':year-:i_month-:i_day-:month-:day/:hour.:minute.:second/:category/:name/:post_title.html' },
    });
    try {
      const { article } = await server.data('{ article(slug: "notes/ampersands-and-angles") { url } }');
      expect(article.url).toBe(
        `${SITE}/2025-2-3-02-03/04.05.06/R-D/ampersands-and-angles/q-a-b-bold-b-quotes-apostrophes-%F0%9F%8E%89-with-a-bell-and-escape.html`,
      );
    } finally {
      await server.close();
    }
  });

  it('splits the sitemap into an index of numbered files past the URLs one file may hold', async () => {
    const server = await startTestServer({ site: { url: SITE, sitemapUrlsPerFile: 4 } });
    try {
      const { articles } = await server.data('{ articles(first: 100) { totalCount nodes { url } } }');
      const { sitemapindex } = await validXml(server, '/sitemap.xml');
      const files = asList(sitemapindex.sitemap).map((entry) => entry.loc);
      expect(files).toEqual(Array.from({ length: Math.ceil(articles.totalCount / 4) }, (_, index) => `${SITE}/sitemap-${index + 1}.xml`));
      const listed: string[] = [];
      for (const file of files) {
        const { urlset } = await validXml(server, new URL(file).pathname.replace('/blog', ''));
        const urls = asList(urlset.url);
        expect(urls.length).toBeLessThanOrEqual(4);
        listed.push(...urls.map((url) => url.loc));
      }
      expect(listed.sort()).toEqual(articles.nodes.map((article: { url: string }) => article.url).sort());
      expect((await get(server, `/sitemap-${files.length + 1}.xml`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('hostile titles and front-matter permalinks', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ content: ContentStore.open(FEED_SITE), site: { url: SITE } });
  });
  afterAll(() => server.close());

  it('keeps the front-matter permalink below the site, its dot segments dropped and its spaces encoded', async () => {
    const { article } = await server.data('{ article(slug: "notes/own-permalink") { url } }');
    expect(article.url).toBe(`${SITE}/archive/legacy%20page/index.html`);
  });

  it.each(['/feed.xml', '/rss.xml', '/categories/R-D/feed.xml', '/tags/script/rss.xml'])(
    '%s stays valid with markup, quotes, emoji and control characters in titles and names',
    async (path) => {
      const { body } = await get(server, path);
      expect(XMLValidator.validate(body)).toBe(true);
      const feed = parseFeed(body);
      const hostile = feed.items.find((item) => item.url?.includes('ampersands'))!;
      expect(hostile.title).toBe(`Q&A: <b>bold</b> "quotes" & 'apostrophes' 🎉 with a bell  and  escape`);
      expect(hostile.content ?? hostile.description).not.toContain('<script');
    },
  );

  it('JSON Feed keeps the whole title, control characters escaped by JSON itself', async () => {
    const feed = JSON.parse((await get(server, '/feed.json')).body);
    const hostile = feed.items.find((item: { url: string }) => item.url.includes('ampersands'));
    expect(hostile.title).toBe(`Q&A: <b>bold</b> "quotes" & 'apostrophes' 🎉 with a bell \x07 and \x1b escape`);
    expect(hostile.authors).toEqual([{ name: 'Ana & Bo <ab>' }]);
  });

  it('lists neither undated articles in feeds nor drafts anywhere', async () => {
    const { body } = await get(server, '/feed.xml');
    expect(parseFeed(body).items.map((item) => item.title)).toEqual([
      'Q&A: <b>bold</b> "quotes" & \'apostrophes\' 🎉 with a bell  and  escape',
      'Moved page',
    ]);
    const { urlset } = await validXml(server, '/sitemap.xml');
    expect(asList(urlset.url).map((url) => url.loc)).toHaveLength(3);
  });
});

describe('drafts for preview', () => {
  const ARTICLES = `{ articles(first: 100) { nodes { slug title draft } } }`;

  it('are served only with drafts on, marked draft, under the slug they will have once published', async () => {
    const withDrafts = await startTestServer({ content: ContentStore.open(FEED_SITE, { drafts: true }), site: { url: SITE } });
    const without = await startTestServer({ content: ContentStore.open(FEED_SITE), site: { url: SITE } });
    try {
      const drafts = (await withDrafts.data(ARTICLES)).articles.nodes.filter((node: { draft: boolean }) => node.draft);
      expect(drafts.map((node: { slug: string }) => node.slug).sort()).toEqual(['notes/held-back', 'upcoming']);
      const served: { slug: string; draft: boolean }[] = (await without.data(ARTICLES)).articles.nodes;
      expect(served.some((node) => node.draft)).toBe(false);
      expect(served.map((node) => node.slug)).not.toContain('upcoming');
      expect((await withDrafts.data(ARTICLES)).articles.nodes).toHaveLength(served.length + 2);

      for (const path of ['/feed.xml', '/rss.xml', '/categories/R-D/feed.xml']) {
        expect(parseFeed((await get(withDrafts, path)).body).items.map((item) => item.title)).toEqual(
          parseFeed((await get(without, path)).body).items.map((item) => item.title),
        );
      }
      expect((await get(withDrafts, '/sitemap.xml')).body).toBe((await get(without, '/sitemap.xml')).body);
      const versions = await Promise.all(
        [withDrafts, without].map(async (server) => (await server.data('{ contentStatus { version } }')).contentStatus.version),
      );
      expect(versions[0]).not.toBe(versions[1]);
    } finally {
      await Promise.all([withDrafts.close(), without.close()]);
    }
  });
});
