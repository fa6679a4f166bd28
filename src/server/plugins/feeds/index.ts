/**
 * Feeds and the sitemap, plain HTTP beside `/graphql`: `/feed.xml` (Atom 1.0), `/rss.xml`
 * (RSS 2.0) and `/feed.json` (JSON Feed 1.1) of the newest articles, the same three below
 * `/categories/<slug>/`, `/tags/<slug>/` and `/authors/<slug>/`, and `/sitemap.xml`. Drafts
 * and undated articles (which have no place in time) are never listed. Each answer is made
 * once per content version and tagged with it, so a reader polling a feed gets a `304`
 * until the content changes.
 */
import type { ServerResponse } from 'node:http';
import { DEFAULT_PERMALINK, type SiteLinks } from '../../../content/links';
import type { Article, ArticleFilter, ContentSnapshot } from '../../../content/model';
import { sendText, type GatewayRequest, type Middleware } from '../../http/pipeline';
import { listKey } from '../../../graphql/surrogate-keys';
import type { CachePolicy } from '../response-cache/policy';
import { entityTag, matchesIfNoneMatch } from '../response-cache/validator';
import { atomFeed, jsonFeed, rssFeed, type FeedEntry, type FeedListing } from './formats';
import { SITEMAP_URLS_PER_FILE, sitemapIndex, sitemapUrlOf, urlSet } from './sitemap';

/** How the site's links, feeds and sitemap are made. */
export interface SiteOptions {
  /** The site's address, as `checkSiteUrl` returns it; the server's own origin when absent. */
  url?: string;
  /** Hexo permalink pattern of an article's URL. */
  permalink: string;
  /** Newest articles in each feed. */
  feedSize: number;
  /** URLs in one sitemap file; past it, `/sitemap.xml` is an index. */
  sitemapUrlsPerFile: number;
}

export const DEFAULT_SITE_OPTIONS: SiteOptions = {
  permalink: DEFAULT_PERMALINK,
  feedSize: 20,
  sitemapUrlsPerFile: SITEMAP_URLS_PER_FILE,
};

export interface SiteRouteOptions extends Pick<SiteOptions, 'feedSize' | 'sitemapUrlsPerFile'> {
  policy: CachePolicy;
  /** What is served now, or null while the content loads. */
  current: () => { snapshot: ContentSnapshot; links: SiteLinks } | null;
}

interface Answer {
  contentType: string;
  body: string;
}

const FORMATS: Readonly<Record<string, { contentType: string; write: (listing: FeedListing) => string }>> = {
  'feed.xml': { contentType: 'application/atom+xml; charset=utf-8', write: atomFeed },
  'rss.xml': { contentType: 'application/rss+xml; charset=utf-8', write: rssFeed },
  'feed.json': { contentType: 'application/feed+json; charset=utf-8', write: jsonFeed },
};
const SITEMAP_TYPE = 'application/xml; charset=utf-8';

/** The listings a feed can be asked for below the root, each with the filter field of its articles. */
const LISTINGS: Readonly<Record<string, { field: 'categories' | 'tags' | 'authors'; noun: string }>> = {
  categories: { field: 'categories', noun: 'category' },
  tags: { field: 'tags', noun: 'tag' },
  authors: { field: 'authors', noun: 'author' },
};

const SITEMAP_PART = /^\/sitemap-([1-9]\d{0,8})\.xml$/;

/** Answers the feed and sitemap paths; hands every other request on. */
export function siteRoutes(options: SiteRouteOptions): Middleware {
  const made = new WeakMap<ContentSnapshot, Map<string, Answer>>();
  return (request, response, next) => {
    const pathname = decodedPathname(request);
    if (pathname === null || !isSitePath(pathname)) {
      next();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    const served = options.current();
    if (served === null) {
      sendText(response, 503, 'text/plain; charset=utf-8', 'Content is still loading\n', { 'retry-after': '1' });
      return;
    }
    let answers = made.get(served.snapshot);
    if (answers === undefined) made.set(served.snapshot, (answers = new Map<string, Answer>()));
    // Only answers are kept: paths that name nothing are as many as a client cares to send.
    const answer = answers.get(pathname) ?? answerFor(pathname, served.snapshot, served.links, options);
    if (answer !== null) answers.set(pathname, answer);
    if (answer === null) {
      sendText(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
      return;
    }
    const tag = entityTag(served.snapshot.status.version, pathname);
    send(request, response, answer, tag, cachingHeaders(tag, options.policy));
  };
}

/** Every feed and sitemap lists articles, and changes with the list of them. */
function cachingHeaders(tag: string, policy: CachePolicy): Record<string, string> {
  return { etag: tag, 'cache-control': policy.cacheable, ...(policy.surrogateKeys && { 'surrogate-key': listKey('Article') }) };
}

function send(request: GatewayRequest, response: ServerResponse, answer: Answer, tag: string, headers: Record<string, string>): void {
  if (matchesIfNoneMatch(request.headers['if-none-match'], tag)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  sendText(response, 200, answer.contentType, answer.body, headers);
}

/** The path as the listings' slugs spell it, or null when its escapes are not UTF-8. */
function decodedPathname(request: GatewayRequest): string | null {
  try {
    return decodeURIComponent(request.url.split('?', 1)[0]).normalize('NFC');
  } catch {
    return null;
  }
}

/** Which sitemap file a path names: 0 for `/sitemap.xml`, n for `/sitemap-n.xml`, null for none. */
function sitemapFile(pathname: string): number | null {
  if (pathname === '/sitemap.xml') return 0;
  const part = SITEMAP_PART.exec(pathname)?.[1];
  return part === undefined ? null : Number(part);
}

function isSitePath(pathname: string): boolean {
  if (sitemapFile(pathname) !== null) return true;
  const name = pathname.slice(pathname.lastIndexOf('/') + 1);
  if (!(name in FORMATS)) return false;
  const folder = pathname.split('/', 2)[1];
  return pathname === `/${name}` || folder in LISTINGS;
}

/** The answer for a site path, or null when it names nothing. */
function answerFor(pathname: string, snapshot: ContentSnapshot, links: SiteLinks, options: SiteRouteOptions): Answer | null {
  const file = sitemapFile(pathname);
  if (file !== null) return sitemapAnswer(file, snapshot, links, options.sitemapUrlsPerFile);
  const name = pathname.slice(pathname.lastIndexOf('/') + 1);
  const format = FORMATS[name];
  const listing = listingFor(pathname.slice(1, -name.length), snapshot, links, options.feedSize);
  return listing === null ? null : { contentType: format.contentType, body: format.write(listing) };
}

/** `folder` is the path between the root and the format's file name: empty, or `categories/<slug>/` and the like. */
function listingFor(folder: string, snapshot: ContentSnapshot, links: SiteLinks, feedSize: number): FeedListing | null {
  const site = links.siteUrl.replace(/^https?:\/\//, '');
  if (folder === '') return listing(site, `${links.siteUrl}/`, '', snapshot.findArticles({}, 'DATE_DESC'), snapshot, links, feedSize);
  const kind = folder.slice(0, folder.indexOf('/'));
  const slug = folder.slice(kind.length + 1, -1);
  const { field, noun } = LISTINGS[kind];
  const group = listingGroup(snapshot, field, slug);
  if (group === null || !folder.endsWith('/')) return null;
  const filter: ArticleFilter = { [field]: [slug] };
  const home = field === 'categories' ? links.category(slug) : field === 'tags' ? links.tag(slug) : links.author(slug);
  return listing(`${site}: ${noun} ${group.name}`, home, folder, snapshot.findArticles(filter, 'DATE_DESC'), snapshot, links, feedSize);
}

function listingGroup(snapshot: ContentSnapshot, field: 'categories' | 'tags' | 'authors', slug: string): { name: string } | null {
  if (slug === '') return null;
  if (field === 'categories') return snapshot.categoriesBySlug([slug])[0];
  return field === 'tags' ? snapshot.tagsBySlug([slug])[0] : snapshot.authorsBySlug([slug])[0];
}

function listing(
  title: string,
  homeUrl: string,
  folder: string,
  articles: readonly Article[],
  snapshot: ContentSnapshot,
  links: SiteLinks,
  feedSize: number,
): FeedListing {
  const shown = listed(articles).slice(0, feedSize);
  // The bodies in one read of the store: they are the bulk of a feed.
  const bodies = snapshot.bodiesBySlug(shown.map((article) => article.slug));
  const entries = shown.map((article, index) => feedEntry(article, bodies[index]?.html ?? '', snapshot, links));
  const updated = entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), new Date(0));
  return {
    title,
    homeUrl,
    atomUrl: links.absolute(`${folder}feed.xml`),
    rssUrl: links.absolute(`${folder}rss.xml`),
    jsonUrl: links.absolute(`${folder}feed.json`),
    publisher: links.siteUrl.replace(/^https?:\/\//, ''),
    updated: entries.length > 0 ? updated : snapshot.status.loadedAt,
    entries,
  };
}

type DatedArticle = Article & { meta: { date: Date } };

/** What feeds and the sitemap list: no drafts, and in feeds only dated articles. */
function listed(articles: readonly Article[]): DatedArticle[] {
  return articles.filter((article): article is DatedArticle => !article.draft && article.meta.date !== null);
}

function feedEntry(article: DatedArticle, html: string, snapshot: ContentSnapshot, links: SiteLinks): FeedEntry {
  const published = article.meta.date;
  const categories = snapshot
    .categoriesBySlug(article.categorySlugs)
    .flatMap((category) =>
      category === null ? [] : [{ term: category.slug, label: category.name, scheme: links.absolute('categories/') }],
    );
  const tags = snapshot
    .tagsBySlug(article.tagSlugs)
    .flatMap((tag) => (tag === null ? [] : [{ term: tag.slug, label: tag.name, scheme: links.absolute('tags/') }]));
  return {
    title: article.meta.title,
    url: links.article(article),
    published,
    updated: article.meta.updated ?? published,
    author: article.meta.author,
    terms: [...categories, ...tags],
    html,
  };
}

/** `file` as `sitemapFile` gives it: 0 for the sitemap (or its index), n for the index's n-th file. */
function sitemapAnswer(file: number, snapshot: ContentSnapshot, links: SiteLinks, perFile: number): Answer | null {
  const urls = snapshot
    .findArticles({}, 'DATE_DESC')
    .filter((article) => !article.draft)
    .map((article) => sitemapUrlOf(article, links.article(article)));
  const files = Math.ceil(urls.length / perFile);
  const part = (index: number) => urls.slice(index * perFile, (index + 1) * perFile);
  if (file === 0) {
    if (files <= 1) return { contentType: SITEMAP_TYPE, body: urlSet(urls) };
    const index = Array.from({ length: files }, (_, position) => ({
      loc: links.absolute(`sitemap-${position + 1}.xml`),
      urls: part(position),
    }));
    return { contentType: SITEMAP_TYPE, body: sitemapIndex(index) };
  }
  return files > 1 && file <= files ? { contentType: SITEMAP_TYPE, body: urlSet(part(file - 1)) } : null;
}
