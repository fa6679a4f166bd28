/**
 * The total orders articles can be listed in. Every order ends with the slug, so two
 * articles never tie and a cursor names one position exactly.
 */
import type { Article, ArticleOrder } from './model';

/** Ordering by UTF-16 code units: paths and slugs must not sort by the locale of the machine that serves the content. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ArticleComparator = (a: Article, b: Article) => number;

/** Titles sort the same on every machine, numbers inside them by value ("2" before "10"). */
const titleCollator = new Intl.Collator('und', { numeric: true, sensitivity: 'base' });

/** Undated articles come last in both date directions: they have no place in a timeline. */
function compareDates(a: Date | null, b: Date | null, direction: 1 | -1): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a.getTime() - b.getTime()) * direction;
}

const comparators: Record<ArticleOrder, ArticleComparator> = {
  DATE_DESC: (a, b) => compareDates(a.meta.date, b.meta.date, -1) || compareCodeUnits(a.slug, b.slug),
  DATE_ASC: (a, b) => compareDates(a.meta.date, b.meta.date, 1) || compareCodeUnits(a.slug, b.slug),
  UPDATED_DESC: (a, b) => compareDates(a.meta.updated, b.meta.updated, -1) || compareCodeUnits(a.slug, b.slug),
  TITLE_ASC: (a, b) => titleCollator.compare(a.meta.title, b.meta.title) || compareCodeUnits(a.slug, b.slug),
};

export function articleComparator(order: ArticleOrder): ArticleComparator {
  return comparators[order];
}

export const ARTICLE_ORDERS = Object.keys(comparators) as ArticleOrder[];

/** First index of `sorted` where `isAtOrPast` holds; it must be false then true along the list. */
export function lowerBound(sorted: readonly Article[], isAtOrPast: (article: Article) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAtOrPast(sorted[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}
