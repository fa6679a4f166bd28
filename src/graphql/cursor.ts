/**
 * Cursors name a position by the sort key and slug of an article, not by an offset, so a
 * cursor still points at the right place after articles are added or removed by a reload.
 * Positions are found by binary search with the index's own comparator.
 */
import type { Article, ArticleOrder } from '../content/model';
import { ARTICLE_ORDERS, articleComparator, lowerBound } from '../content/order';

type SortKey = number | string | null;

export interface ArticleCursor {
  order: ArticleOrder;
  key: SortKey;
  slug: string;
}

function sortKeyOf(article: Article, order: ArticleOrder): SortKey {
  switch (order) {
    case 'DATE_DESC':
    case 'DATE_ASC':
      return article.meta.date?.getTime() ?? null;
    case 'UPDATED_DESC':
      return article.meta.updated?.getTime() ?? null;
    case 'TITLE_ASC':
      return article.meta.title;
  }
}

export function encodeCursor(article: Article, order: ArticleOrder): string {
  return Buffer.from(JSON.stringify([order, sortKeyOf(article, order), article.slug]), 'utf8').toString('base64url');
}

/** Null when `cursor` is not one this server made. */
export function decodeCursor(cursor: string): ArticleCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [order, key, slug] = parsed as unknown[];
  if (!ARTICLE_ORDERS.includes(order as ArticleOrder) || typeof slug !== 'string') return null;
  const keyType = order === 'TITLE_ASC' ? 'string' : 'number';
  if (typeof key !== keyType && !(keyType === 'number' && key === null)) return null;
  return { order: order as ArticleOrder, key: key as SortKey, slug };
}

/**
 * Just enough of an article for the comparator of `cursor.order` to place it: the
 * comparator reads only the sort key and the slug.
 */
function probeFor({ order, key, slug }: ArticleCursor): Article {
  const time = typeof key === 'number' ? new Date(key) : null;
  const meta = {
    date: order === 'DATE_DESC' || order === 'DATE_ASC' ? time : null,
    updated: order === 'UPDATED_DESC' ? time : null,
    title: typeof key === 'string' ? key : '',
  };
  return { slug, meta } as Article;
}

/** Index of the first article of `sorted` that comes after the cursor's position. */
export function indexAfter(sorted: readonly Article[], cursor: ArticleCursor): number {
  const compare = articleComparator(cursor.order);
  const probe = probeFor(cursor);
  return lowerBound(sorted, (article) => compare(article, probe) > 0);
}

/** Index of the first article of `sorted` at or after the cursor's position. */
export function indexAt(sorted: readonly Article[], cursor: ArticleCursor): number {
  const compare = articleComparator(cursor.order);
  const probe = probeFor(cursor);
  return lowerBound(sorted, (article) => compare(article, probe) >= 0);
}
