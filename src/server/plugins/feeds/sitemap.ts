/**
 * The sitemaps protocol: one `urlset` of every published article, or, past the protocol's
 * 50,000 URLs per file, a `sitemapindex` naming numbered files of that many each.
 */
import type { Article } from '../../../content/model';
import { XML_DECLARATION, element } from './xml';

const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The protocol's most URLs in one file. */
export const SITEMAP_URLS_PER_FILE = 50_000;

export interface SitemapUrl {
  loc: string;
  /** The article's last change; absent for an undated article. */
  lastmod: Date | null;
}

export function sitemapUrlOf(article: Article, url: string): SitemapUrl {
  return { loc: url, lastmod: article.meta.updated ?? article.meta.date };
}

export function urlSet(urls: readonly SitemapUrl[]): string {
  const entries = urls.map(({ loc, lastmod }) => `<url>${element('loc', loc)}${element('lastmod', lastmod?.toISOString())}</url>`);
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NAMESPACE}">${entries.join('')}</urlset>\n`;
}

/** An index of the numbered files, each with the newest `lastmod` of its URLs. */
export function sitemapIndex(files: readonly { loc: string; urls: readonly SitemapUrl[] }[]): string {
  const entries = files.map(
    ({ loc, urls }) => `<sitemap>${element('loc', loc)}${element('lastmod', newest(urls)?.toISOString())}</sitemap>`,
  );
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NAMESPACE}">${entries.join('')}</sitemapindex>\n`;
}

function newest(urls: readonly SitemapUrl[]): Date | null {
  let latest: Date | null = null;
  for (const { lastmod } of urls) if (lastmod !== null && (latest === null || lastmod > latest)) latest = lastmod;
  return latest;
}
