/**
 * The one place that turns `ArticleArgs` into a page, for the top-level `articles` field
 * and the nested ones on categories, authors and tags alike.
 */
import type { Article, ArticleFilter, ArticleOrder, ContentSnapshot } from '../content/model';
import type { ArticleArgs } from './article.args';
import type { PageArgs } from './page.args';
import type { ArticleFilterInput } from './article-filter.input';
import type { ArticleConnectionType } from './article-connection.type';
import type { ArticleEdgeType } from './article-edge.type';
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from './context';
import { decodeCursor, encodeCursor, indexAfter, indexAt, type ArticleCursor } from './cursor';
import { badUserInput } from './errors';
import { prefetchBodies, prefetchRelations } from './loaders';
import { encodeRankCursor, isRankCursor, rankedListKey, readRankCursor } from './search-cursor';
import { withSearchQueryErrors } from './search-errors';
import { selectedFields } from './selection';

/** Where a page's articles are in the selection, and their sections (for what to fetch ahead). */
const NODE_PATHS = [['nodes'], ['edges', 'node']];
const SECTION_PATHS = NODE_PATHS.flatMap((path) => [
  [...path, 'sections'],
  [...path, 'section'],
]);

/** The order of a list when `orderBy` is not given and there is no search to rank by. */
export const DEFAULT_ARTICLE_ORDER: ArticleOrder = 'DATE_DESC';

/** The filter field a nested `articles` field is bound to, and the value it is bound to. */
export interface ArticleScope {
  field: 'categories' | 'authors' | 'tags';
  slug: string;
}

export function articleConnection(
  context: GatewayContext,
  args: ArticleArgs,
  info: GraphQLResolveInfo,
  scope?: ArticleScope,
): ArticleConnectionType {
  context.deadline.check();
  const filter = toArticleFilter(args.filter);
  const list = withSearchQueryErrors(() =>
    filter.search !== undefined && args.orderBy == null
      ? rankedList(context.snapshot, filter, scope)
      : orderedList(
          scopedArticles(context.snapshot, filter, args.orderBy ?? DEFAULT_ARTICLE_ORDER, scope),
          args.orderBy ?? DEFAULT_ARTICLE_ORDER,
        ),
  );
  return connectionPage(context, args, info, list);
}

/** A page of `articles`, already in `order`, by the page arguments; cursors are those of `orderBy: order`. */
export function articleListConnection(
  context: GatewayContext,
  args: PageArgs,
  info: GraphQLResolveInfo,
  articles: readonly Article[],
  order: ArticleOrder,
): ArticleConnectionType {
  context.deadline.check();
  return connectionPage(context, args, info, orderedList(articles, order));
}

function connectionPage(context: GatewayContext, args: PageArgs, info: GraphQLResolveInfo, list: ArticleList): ArticleConnectionType {
  const window = pageWindow(args, context.settings.defaultPageSize, context.settings.maxPageSize);
  const { articles } = list;

  const rangeStart = args.after == null ? 0 : list.positionAfter('after', args.after);
  const rangeEnd = Math.max(rangeStart, args.before == null ? articles.length : list.positionAt('before', args.before));
  const start = window.from === 'start' ? rangeStart : Math.max(rangeStart, rangeEnd - window.size);
  const end = window.from === 'start' ? Math.min(rangeEnd, rangeStart + window.size) : rangeEnd;
  const page = articles.slice(start, end);

  for (const article of page) context.loaders.articles.prime(article.slug, article);
  prefetchRelations(context.loaders, page, selectedFields(info, ...NODE_PATHS));
  prefetchBodies(context.loaders, page, selectedFields(info, ...NODE_PATHS, ...SECTION_PATHS));
  const cursorAt = (offset: number) => list.cursorOf(page[offset], start + offset);
  // Each cursor is an encoding, and most queries select only `nodes`: build them when asked.
  let edges: ArticleEdgeType[] | undefined;
  return {
    get edges() {
      return (edges ??= page.map((node, offset) => ({ cursor: cursorAt(offset), node })));
    },
    nodes: page,
    get pageInfo() {
      return {
        hasNextPage: end < articles.length,
        hasPreviousPage: start > 0,
        startCursor: page.length > 0 ? cursorAt(0) : null,
        endCursor: page.length > 0 ? cursorAt(page.length - 1) : null,
      };
    },
    totalCount: articles.length,
  };
}

/** A whole list in its order, and how its cursors name positions in it. */
interface ArticleList {
  articles: readonly Article[];
  /** Index of the first article after the cursor's position. */
  positionAfter(name: string, cursor: string): number;
  /** Index of the first article at or after the cursor's position. */
  positionAt(name: string, cursor: string): number;
  cursorOf(article: Article, index: number): string;
}

/** Cursors hold the sort key, so they stay valid across reloads. */
function orderedList(articles: readonly Article[], order: ArticleOrder): ArticleList {
  return {
    articles,
    positionAfter: (name, cursor) => indexAfter(articles, readCursor(name, cursor, order)),
    positionAt: (name, cursor) => indexAt(articles, readCursor(name, cursor, order)),
    cursorOf: (article) => encodeCursor(article, order),
  };
}

/** Best match first; the other filter fields pick the candidates. Cursors hold a position in this content version's ranking. */
function rankedList(snapshot: ContentSnapshot, filter: ArticleFilter, scope: ArticleScope | undefined): ArticleList {
  const { search, ...rest } = filter;
  const candidates = scopedArticles(snapshot, rest, DEFAULT_ARTICLE_ORDER, scope).map((article) => article.slug);
  if (search === undefined) throw new Error('a ranked list needs a search');
  const matches = snapshot.matchArticles(search, new Set(candidates));
  const articles = snapshot.articlesBySlug(matches.map((match) => match.slug)) as Article[];
  const { version } = snapshot.status;
  const listKey = rankedListKey(['articles', filter, scope ?? null]);
  const position = (name: string, cursor: string) => {
    if (!isRankCursor(cursor) && decodeCursor(cursor) !== null) {
      throw badUserInput(`\`${name}\` is a cursor for an explicit orderBy, but this list is ordered by relevance to \`filter.search\`.`);
    }
    return Math.min(readRankCursor(name, cursor, version, listKey), articles.length);
  };
  return {
    articles,
    positionAfter: (name, cursor) => Math.min(position(name, cursor) + 1, articles.length),
    positionAt: position,
    cursorOf: (_article, index) => encodeRankCursor(version, listKey, index),
  };
}

interface PageWindow {
  from: 'start' | 'end';
  size: number;
}

/** Without `first` or `last`, a page walking backwards from `before` is taken from the end. */
function pageWindow(args: PageArgs, defaultSize: number, maxSize: number): PageWindow {
  if (args.first != null && args.last != null) throw badUserInput('Give either `first` or `last`, not both.');
  if (args.first != null) return { from: 'start', size: pageSize('first', args.first, maxSize) };
  if (args.last != null) return { from: 'end', size: pageSize('last', args.last, maxSize) };
  const backwards = args.before != null && args.after == null;
  return { from: backwards ? 'end' : 'start', size: Math.min(defaultSize, maxSize) };
}

/** A requested page size, checked against the configured maximum. */
export function pageSize(name: string, size: number, maxSize: number): number {
  if (size < 0) throw badUserInput(`\`${name}\` must not be negative (got ${size}).`);
  if (size > maxSize) throw badUserInput(`\`${name}\` must be at most ${maxSize} (got ${size}).`);
  return size;
}

function readCursor(name: string, value: string, order: ArticleOrder): ArticleCursor {
  const cursor = decodeCursor(value);
  if (!cursor && isRankCursor(value)) {
    throw badUserInput(`\`${name}\` is a cursor for relevance order, but this list uses orderBy ${order}.`);
  }
  if (!cursor) throw badUserInput(`\`${name}\` is not a cursor returned by this API: ${JSON.stringify(value)}.`);
  if (cursor.order !== order) {
    throw badUserInput(`\`${name}\` is a cursor for orderBy ${cursor.order}, but this list uses orderBy ${order}.`);
  }
  return cursor;
}

/** Explicit nulls from the client mean the same as absent fields. */
export function toArticleFilter(filter: ArticleFilterInput | null | undefined): ArticleFilter {
  if (!filter) return {};
  return {
    categories: filter.categories ?? undefined,
    tags: filter.tags ?? undefined,
    authors: filter.authors ?? undefined,
    dateFrom: filter.dateFrom ?? undefined,
    dateTo: filter.dateTo ?? undefined,
    language: filter.language ?? undefined,
    search: filter.search ?? undefined,
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
