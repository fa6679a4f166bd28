/**
 * Where a Hexo site built from the same posts puts each page: an article at its permalink
 * pattern (or the front matter's own `permalink`), listings at Hexo's `categories/`, `tags/`
 * and an `authors/` folder beside them. Plain strings from plain data; no GraphQL here.
 */
import slugize from 'hexo-util/dist/slugize';
import { DateTime } from 'luxon';
import type { Article } from './model';

/** Hexo's own default `permalink`. */
export const DEFAULT_PERMALINK = ':year/:month/:day/:title/';

/** Hexo's `default_category`, which `:category` names for an article filed nowhere. */
const DEFAULT_CATEGORY = 'uncategorized';

type TokenValue = (article: Article, date: DateTime | null) => string;

const dateToken =
  (format: string): TokenValue =>
  (_article, date) =>
    date?.toFormat(format) ?? '';

/** Hexo's permalink tokens, expanded as its `post_permalink` filter does. */
const TOKENS: Readonly<Record<string, TokenValue>> = {
  year: dateToken('yyyy'),
  month: dateToken('MM'),
  i_month: dateToken('M'),
  day: dateToken('dd'),
  i_day: dateToken('d'),
  hour: dateToken('HH'),
  minute: dateToken('mm'),
  second: dateToken('ss'),
  title: (article) => article.slug,
  name: (article) => article.slug.slice(article.slug.lastIndexOf('/') + 1),
  post_title: (article) => slugize(article.meta.title, { transform: 1 }),
  category: (article) => article.categorySlugs[article.categorySlugs.length - 1] ?? DEFAULT_CATEGORY,
};

export const PERMALINK_TOKENS: readonly string[] = Object.keys(TOKENS);

const TOKEN = /:(\w+)/g;

export class SiteLinkError extends Error {}

/** Throws {@link SiteLinkError} for a pattern that names a token Hexo's filter does not fill. */
export function checkPermalink(pattern: string): string {
  if (pattern.trim() === '') throw new SiteLinkError('expected a permalink pattern such as ":year/:month/:day/:title/", got ""');
  for (const [, name] of pattern.matchAll(TOKEN)) {
    if (!(name in TOKENS))
      throw new SiteLinkError(`unknown token ":${name}" in "${pattern}"; known: ${PERMALINK_TOKENS.map((token) => `:${token}`).join(' ')}`);
  }
  return pattern;
}

/** Throws {@link SiteLinkError} unless `url` is an absolute http(s) URL without query or fragment; returns it without a trailing `/`. */
export function checkSiteUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SiteLinkError(`expected an absolute URL such as https://example.com/blog, got "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new SiteLinkError(`expected an http or https URL, got "${url}"`);
  if (parsed.search || parsed.hash || parsed.username || parsed.password)
    throw new SiteLinkError(`expected a URL without query, fragment or credentials, got "${url}"`);
  return parsed.href.replace(/\/+$/, '');
}

export interface SiteLinkOptions {
  /** The site's address, as {@link checkSiteUrl} returns it; read on every link, since the server's own origin is known only once it listens. */
  siteUrl: () => string;
  permalink: string;
  /** Zone the date tokens are written in, as the content's dates are read. */
  timeZone: string;
}

/** Absolute URLs of a site's pages. */
export class SiteLinks {
  constructor(private readonly options: SiteLinkOptions) {}

  get siteUrl(): string {
    return this.options.siteUrl();
  }

  article(article: Article): string {
    const own = article.meta.extra.permalink;
    return this.absolute(typeof own === 'string' && own.trim() !== '' ? own : this.expand(article));
  }

  category(slug: string): string {
    return this.absolute(`categories/${slug}/`);
  }

  tag(slug: string): string {
    return this.absolute(`tags/${slug}/`);
  }

  author(slug: string): string {
    return this.absolute(`authors/${slug}/`);
  }

  /** A path below the site, its segments percent-encoded once. */
  absolute(sitePath: string): string {
    return `${this.siteUrl}/${encodeSitePath(sitePath)}`;
  }

  private expand(article: Article): string {
    const date = article.meta.date && DateTime.fromJSDate(article.meta.date, { zone: this.options.timeZone });
    return this.options.permalink.replace(TOKEN, (_match, name: string) => TOKENS[name](article, date));
  }
}

/**
 * Every segment encoded, so no path, whatever the front matter says, leaves the site: `.`
 * and `..` and empty segments (an undated article's date tokens) are dropped, and an
 * already-encoded segment is not encoded twice, as Hexo's `encodeURL` does.
 */
function encodeSitePath(sitePath: string): string {
  const kept = sitePath
    .split('/')
    .map(decodedOnce)
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  return kept.map(encodeURIComponent).join('/') + (sitePath.endsWith('/') && kept.length > 0 ? '/' : '');
}

function decodedOnce(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
