/**
 * The one place that turns `ArticleArgs` into a page, for the top-level `articles` field
 * and the nested ones on categories, authors and tags alike.
 */
import type { Article, ArticleFilter, ArticleOrder, ContentSnapshot } from '../content/model';
import type { ArticleArgs } from './article.args';
import type { ArticleConnectionType } from './article-connection.type';
import type { GatewayContext } from './context';
import { decodeCursor, encodeCursor, indexAfter, indexAt, type ArticleCursor } from './cursor';
import { badUserInput } from './errors';

/** The filter field a nested `articles` field is bound to, and the value it is bound to. */
export interface ArticleScope {
  field: 'categories' | 'authors' | 'tags';
  slug: string;
}

export function articleConnection(context: GatewayContext, args: ArticleArgs, scope?: ArticleScope): ArticleConnectionType {
  const window = pageWindow(args, context.settings.defaultPageSize, context.settings.maxPageSize);
  const after = args.after == null ? null : readCursor('after', args.after, args.orderBy);
  const before = args.before == null ? null : readCursor('before', args.before, args.orderBy);
  const articles = scopedArticles(context.snapshot, toFilter(args), args.orderBy, scope);

  const rangeStart = after ? indexAfter(articles, after) : 0;
  const rangeEnd = Math.max(rangeStart, before ? indexAt(articles, before) : articles.length);
  const start = window.from === 'start' ? rangeStart : Math.max(rangeStart, rangeEnd - window.size);
  const end = window.from === 'start' ? Math.min(rangeEnd, rangeStart + window.size) : rangeEnd;
  const page = articles.slice(start, end);

  for (const article of page) context.loaders.articles.prime(article.slug, article);
  const edges = page.map((node) => ({ cursor: encodeCursor(node, args.orderBy), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: end < articles.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: articles.length,
  };
}

interface PageWindow {
  from: 'start' | 'end';
  size: number;
}

/** Without `first` or `last`, a page walking backwards from `before` is taken from the end. */
function pageWindow(args: ArticleArgs, defaultSize: number, maxSize: number): PageWindow {
  if (args.first != null && args.last != null) throw badUserInput('Give either `first` or `last`, not both.');
  if (args.first != null) return { from: 'start', size: checkSize('first', args.first, maxSize) };
  if (args.last != null) return { from: 'end', size: checkSize('last', args.last, maxSize) };
  const backwards = args.before != null && args.after == null;
  return { from: backwards ? 'end' : 'start', size: Math.min(defaultSize, maxSize) };
}

function checkSize(name: string, size: number, maxSize: number): number {
  if (size < 0) throw badUserInput(`\`${name}\` must not be negative (got ${size}).`);
  if (size > maxSize) throw badUserInput(`\`${name}\` must be at most ${maxSize} (got ${size}).`);
  return size;
}

function readCursor(name: string, value: string, order: ArticleOrder): ArticleCursor {
  const cursor = decodeCursor(value);
  if (!cursor) throw badUserInput(`\`${name}\` is not a cursor returned by this API: ${JSON.stringify(value)}.`);
  if (cursor.order !== order) {
    throw badUserInput(`\`${name}\` is a cursor for orderBy ${cursor.order}, but this list uses orderBy ${order}.`);
  }
  return cursor;
}

/** Explicit nulls from the client mean the same as absent fields. */
function toFilter({ filter }: ArticleArgs): ArticleFilter {
  if (!filter) return {};
  return {
    categories: filter.categories ?? undefined,
    tags: filter.tags ?? undefined,
    authors: filter.authors ?? undefined,
    dateFrom: filter.dateFrom ?? undefined,
    dateTo: filter.dateTo ?? undefined,
    language: filter.language ?? undefined,
  };
}

/**
 * A nested field ANDs its own binding with the caller's filter. When the caller filters the
 * same field, both must hold: the caller's list is matched on its own and intersected.
 */
function scopedArticles(
  snapshot: ContentSnapshot,
  filter: ArticleFilter,
  order: ArticleOrder,
  scope: ArticleScope | undefined,
): readonly Article[] {
  if (!scope) return snapshot.findArticles(filter, order);
  const scoped = snapshot.findArticles({ ...filter, [scope.field]: [scope.slug] }, order);
  const requested = filter[scope.field];
  if (!requested?.length) return scoped;
  const allowed = new Set(snapshot.findArticles({ [scope.field]: requested }, order).map((article) => article.slug));
  return scoped.filter((article) => allowed.has(article.slug));
}
