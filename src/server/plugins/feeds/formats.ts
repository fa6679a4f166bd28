/**
 * One listing written as Atom 1.0, RSS 2.0 and JSON Feed 1.1. Each writer emits the elements
 * its specification requires, from the same entries, so the three feeds agree.
 */
import { XML_DECLARATION, element, emptyElement } from './xml';

export interface FeedEntry {
  title: string;
  url: string;
  published: Date;
  updated: Date;
  author: string | null;
  /** Categories and tags, as the listings name them. */
  terms: readonly { term: string; label: string; scheme: string }[];
  /** The sanitised HTML of the whole body, as GraphQL serves it. */
  html: string;
}

export interface FeedListing {
  title: string;
  /** The listing's page on the site. */
  homeUrl: string;
  /** Where each format of this listing is served. */
  atomUrl: string;
  rssUrl: string;
  jsonUrl: string;
  /** Who a reader sees for entries without an author: the site itself. */
  publisher: string;
  /** The newest update among the entries; the content's load time for an empty listing. */
  updated: Date;
  entries: readonly FeedEntry[];
}

export function atomFeed(listing: FeedListing): string {
  const entries = listing.entries.map(
    (entry) =>
      `<entry>${element('id', entry.url)}${element('title', entry.title)}` +
      emptyElement('link', { rel: 'alternate', type: 'text/html', href: entry.url }) +
      `${element('published', entry.published.toISOString())}${element('updated', entry.updated.toISOString())}` +
      (entry.author === null ? '' : `<author>${element('name', entry.author)}</author>`) +
      entry.terms.map(({ term, label, scheme }) => emptyElement('category', { term, label, scheme })).join('') +
      `${element('content', entry.html, { type: 'html' })}</entry>`,
  );
  return (
    `${XML_DECLARATION}<feed xmlns="http://www.w3.org/2005/Atom">` +
    `${element('id', listing.atomUrl)}${element('title', listing.title)}${element('updated', listing.updated.toISOString())}` +
    // Atom requires an author for the feed unless every entry has one.
    `<author>${element('name', listing.publisher)}</author>` +
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: listing.atomUrl }) +
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: listing.homeUrl }) +
    `${entries.join('')}</feed>\n`
  );
}

export function rssFeed(listing: FeedListing): string {
  const items = listing.entries.map(
    (entry) =>
      `<item>${element('title', entry.title)}${element('link', entry.url)}${element('guid', entry.url, { isPermaLink: 'true' })}` +
      element('pubDate', entry.published.toUTCString()) +
      // RSS's own `author` holds an e-mail address; a name goes in Dublin Core's creator.
      element('dc:creator', entry.author) +
      entry.terms.map(({ label, scheme }) => element('category', label, { domain: scheme })).join('') +
      `${element('description', entry.html)}</item>`,
  );
  return (
    `${XML_DECLARATION}<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>` +
    `${element('title', listing.title)}${element('link', listing.homeUrl)}${element('description', listing.title)}` +
    element('lastBuildDate', listing.updated.toUTCString()) +
    emptyElement('atom:link', { rel: 'self', type: 'application/rss+xml', href: listing.rssUrl }) +
    `${items.join('')}</channel></rss>\n`
  );
}

export function jsonFeed(listing: FeedListing): string {
  return `${JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: listing.title,
    home_page_url: listing.homeUrl,
    feed_url: listing.jsonUrl,
    authors: [{ name: listing.publisher }],
    items: listing.entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      title: entry.title,
      content_html: entry.html,
      date_published: entry.published.toISOString(),
      date_modified: entry.updated.toISOString(),
      ...(entry.author === null ? {} : { authors: [{ name: entry.author }] }),
      tags: entry.terms.map(({ label }) => label),
    })),
  })}\n`;
}
