/**
 * Per-request loaders over the snapshot's batch lookups. A request gets fresh loaders, so
 * nothing cached outlives it and no request sees another one's data.
 *
 * Each loader answers from what the request already holds, synchronously, and batches the
 * rest through a DataLoader. What a list of articles will ask for next (their authors,
 * categories and tags) is fetched ahead in one batch per kind: the fields then resolve
 * without a promise each, and graphql-js completes the whole page without going async.
 */
import DataLoader from 'dataloader';
import type { Article, Author, Category, ContentSnapshot, RelatedArticle, Tag } from '../content/model';
import type { BodyHtml } from '../content/parsed-post';
import type { Deadline } from './deadline';

export interface LoaderCounts {
  /** Calls made to the snapshot's batch lookup. */
  batches: number;
  /** Keys passed in those calls, duplicates already removed by the loader. */
  keys: number;
}

export type LoaderName = 'articles' | 'categories' | 'authors' | 'tags' | 'related' | 'bodies';

export class ContentLoader<Value> {
  private readonly held = new Map<string, Value | null>();
  private readonly batched: DataLoader<string, Value | null>;

  constructor(
    private readonly lookup: (keys: readonly string[]) => (Value | null)[],
    private readonly counts: LoaderCounts,
    private readonly deadline: Deadline,
  ) {
    this.batched = syncBatchLoader((keys) => this.fetch(keys));
  }

  /** The value, at once when the request holds it already; null for an unknown key. */
  load(key: string): Value | null | Promise<Value | null> {
    return this.held.has(key) ? (this.held.get(key) as Value | null) : this.batched.load(key);
  }

  /** The values of the known keys, in the order of `keys`. */
  loadKnown(keys: readonly string[]): Value[] | Promise<Value[]> {
    const held = keys.map((key) => this.held.get(key));
    if (held.every((value) => value !== undefined)) return known(held);
    return Promise.all(keys.map((key) => Promise.resolve(this.load(key)))).then(known);
  }

  /** Fetches, in one batch, the keys not held yet, so that loading them later answers at once. */
  prefetch(keys: Iterable<string>): void {
    const missing = new Set<string>();
    for (const key of keys) if (!this.held.has(key)) missing.add(key);
    if (missing.size > 0) this.fetch([...missing]);
  }

  /** Holds a value the request found some other way. */
  prime(key: string, value: Value): void {
    this.held.set(key, value);
  }

  private fetch(keys: readonly string[]): (Value | null)[] {
    this.deadline.check();
    this.counts.batches += 1;
    this.counts.keys += keys.length;
    const values = this.lookup(keys);
    keys.forEach((key, index) => this.held.set(key, values[index] ?? null));
    return values;
  }
}

/**
 * A DataLoader over a lookup that answers at once. DataLoader wants a promise back, and one that
 * rejects when the lookup throws (the deadline does): a batch function that throws instead has
 * every key fail with DataLoader's own TypeError. The promise's executor turns the throw into
 * the rejection, as an `async` function would.
 */
export function syncBatchLoader<Key, Value>(lookup: (keys: readonly Key[]) => Value[]): DataLoader<Key, Value> {
  return new DataLoader(
    (keys) =>
      new Promise<Value[]>((resolve) => {
        resolve(lookup(keys));
      }),
  );
}

function known<Value>(values: (Value | null)[]): Value[] {
  return values.filter((value): value is Value => value !== null);
}

export interface ContentLoaders {
  articles: ContentLoader<Article>;
  categories: ContentLoader<Category>;
  authors: ContentLoader<Author>;
  tags: ContentLoader<Tag>;
  /** Keyed by the article's slug. */
  related: ContentLoader<readonly RelatedArticle[]>;
  /** The HTML of an article's body, keyed by its slug: read from the body store, so a page's bodies come in one batch. */
  bodies: ContentLoader<BodyHtml>;
  /** What each loader cost so far in this request. */
  counts(): Record<LoaderName, LoaderCounts>;
}

export function createLoaders(snapshot: ContentSnapshot, deadline: Deadline): ContentLoaders {
  const counts: Record<LoaderName, LoaderCounts> = {
    articles: { batches: 0, keys: 0 },
    categories: { batches: 0, keys: 0 },
    authors: { batches: 0, keys: 0 },
    tags: { batches: 0, keys: 0 },
    related: { batches: 0, keys: 0 },
    bodies: { batches: 0, keys: 0 },
  };
  return {
    articles: new ContentLoader((keys) => snapshot.articlesBySlug(keys), counts.articles, deadline),
    categories: new ContentLoader((keys) => snapshot.categoriesBySlug(keys), counts.categories, deadline),
    authors: new ContentLoader((keys) => snapshot.authorsBySlug(keys), counts.authors, deadline),
    tags: new ContentLoader((keys) => snapshot.tagsBySlug(keys), counts.tags, deadline),
    related: new ContentLoader((keys) => snapshot.relatedArticles(keys), counts.related, deadline),
    bodies: new ContentLoader((keys) => snapshot.bodiesBySlug(keys), counts.bodies, deadline),
    counts: () => structuredClone(counts),
  };
}

/** The relations of `articles` that the query selects, fetched in one batch per kind. */
export function prefetchRelations(loaders: ContentLoaders, articles: readonly Article[], selected: ReadonlySet<string>): void {
  if (selected.has('author'))
    loaders.authors.prefetch(articles.flatMap((article) => (article.authorSlug === null ? [] : [article.authorSlug])));
  if (selected.has('categories')) loaders.categories.prefetch(articles.flatMap((article) => article.categorySlugs));
  if (selected.has('tags')) loaders.tags.prefetch(articles.flatMap((article) => article.tagSlugs));
}

/** Fields of an article, its lead or its sections that read the body's HTML; `excerpt` does too, without a `<!-- more -->` excerpt. */
const BODY_FIELDS = ['html', 'text', 'lead'];

/**
 * The bodies of `articles` that fields in `selected` read, fetched in one batch: the page then
 * completes without waiting on a loader per article. `selected` names the fields selected on the
 * articles and on their sections.
 */
export function prefetchBodies(loaders: ContentLoaders, articles: readonly Article[], selected: ReadonlySet<string>): void {
  if (BODY_FIELDS.some((field) => selected.has(field))) loaders.bodies.prefetch(articles.map((article) => article.slug));
  else if (selected.has('excerpt'))
    loaders.bodies.prefetch(articles.flatMap((article) => (article.body.moreExcerpt === null ? [article.slug] : [])));
}
