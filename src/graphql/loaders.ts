/**
 * Per-request DataLoaders over the snapshot's batch lookups. A request gets fresh loaders,
 * so nothing cached outlives it and no request sees another one's data.
 */
import DataLoader from 'dataloader';
import type { Article, Author, Category, ContentSnapshot, Tag } from '../content/model';
import type { Deadline } from './deadline';

export interface LoaderCounts {
  /** Calls made to the snapshot's batch lookup. */
  batches: number;
  /** Keys passed in those calls, duplicates already removed by the loader. */
  keys: number;
}

export type LoaderName = 'articles' | 'categories' | 'authors' | 'tags';

export interface ContentLoaders {
  articles: DataLoader<string, Article | null>;
  categories: DataLoader<string, Category | null>;
  authors: DataLoader<string, Author | null>;
  tags: DataLoader<string, Tag | null>;
  /** What each loader cost so far in this request. */
  counts(): Record<LoaderName, LoaderCounts>;
}

export function createLoaders(snapshot: ContentSnapshot, deadline: Deadline): ContentLoaders {
  const counts: Record<LoaderName, LoaderCounts> = {
    articles: { batches: 0, keys: 0 },
    categories: { batches: 0, keys: 0 },
    authors: { batches: 0, keys: 0 },
    tags: { batches: 0, keys: 0 },
  };
  const counted = <T>(name: LoaderName, lookup: (keys: readonly string[]) => (T | null)[]) =>
    new DataLoader<string, T | null>(async (keys) => {
      deadline.check();
      counts[name].batches += 1;
      counts[name].keys += keys.length;
      return lookup(keys);
    });
  return {
    articles: counted('articles', (keys) => snapshot.articlesBySlug(keys)),
    categories: counted('categories', (keys) => snapshot.categoriesBySlug(keys)),
    authors: counted('authors', (keys) => snapshot.authorsBySlug(keys)),
    tags: counted('tags', (keys) => snapshot.tagsBySlug(keys)),
    counts: () => structuredClone(counts),
  };
}

/**
 * Loads many keys and drops the unknown ones, keeping the order of `keys`. A lookup never
 * fails (unknown keys come back as null), so one rejection-free `Promise.all` does what
 * `loadMany` does with a promise fewer per key; no keys need no promise at all.
 */
export function loadKnown<T>(loader: DataLoader<string, T | null>, keys: readonly string[]): T[] | Promise<T[]> {
  if (keys.length === 0) return [];
  return Promise.all(keys.map((key) => loader.load(key))).then((values: (T | null)[]) => values.filter((value): value is T => value !== null));
}
