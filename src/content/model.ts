/**
 * What the index serves: articles, categories, authors and tags, linked by slug.
 * A snapshot is immutable; a reload builds a new one, so a request that pinned a
 * snapshot sees one version of the content from start to end.
 */
import type { RankedMatch, SearchOptions, SearchResults } from './search';
import type { BodyHtml, Diagnostic, IndexedPost } from './parsed-post';

export interface Article extends IndexedPost {
  /** Slug of the leaf of each category hierarchy, in front-matter order. */
  categorySlugs: string[];
  tagSlugs: string[];
  authorSlug: string | null;
  /** Front-matter `lang` when given, otherwise the language detected in the body. */
  language: string | null;
  /** Served for preview only: under `_drafts/` or `published: false`; never in feeds or the sitemap. */
  draft: boolean;
}

export interface Category {
  /** Parent's slug + `/` + own slugized name. */
  slug: string;
  name: string;
  parentSlug: string | null;
  childSlugs: string[];
  /** Articles filed directly under this category. */
  articleCount: number;
  /** Articles under this category or any descendant, each counted once. */
  articleCountWithDescendants: number;
}

export interface Author {
  slug: string;
  name: string;
  articleCount: number;
}

export interface Tag {
  slug: string;
  name: string;
  articleCount: number;
}

export type ArticleOrder = 'DATE_DESC' | 'DATE_ASC' | 'UPDATED_DESC' | 'TITLE_ASC';

/** Fields combine with AND, entries of a list with OR. Absent or empty lists do not filter. */
export interface ArticleFilter {
  /** Category slugs; an article in a descendant matches too. */
  categories?: readonly string[];
  tags?: readonly string[];
  authors?: readonly string[];
  /** Inclusive bounds on `date`; undated articles never match a date bound. */
  dateFrom?: Date;
  dateTo?: Date;
  language?: string;
  /** A full-text query (see `search/query.ts`): only articles matching it. */
  search?: string;
}

/** The articles on either side of one article in a list: `previous` comes before it, `next` after. */
export interface ArticleNeighbours {
  previous: Article | null;
  next: Article | null;
}

/** An article like another one, and what makes it so (see `related/`). */
export interface RelatedArticle {
  article: Article;
  /** From 0 to 1: half the share of the first article's taxonomy weight this one holds, half how alike their texts are. */
  score: number;
  /** Tags both carry, in the first article's front-matter order. */
  sharedTagSlugs: string[];
  /** The most specific categories both are filed under. */
  sharedCategorySlugs: string[];
}

export interface ContentStatus {
  /** Changes whenever the served content changes. */
  version: string;
  loadedAt: Date;
  /** Every `.md` file seen. */
  files: number;
  articles: number;
  unpublished: number;
  categories: number;
  authors: number;
  tags: number;
  sections: number;
  errors: number;
  warnings: number;
  diagnostics: readonly Diagnostic[];
}

/**
 * Read access to one version of the content. Batch lookups take many keys and answer
 * in the same order, `null` for an unknown key, so a DataLoader can sit in front of each.
 */
export interface ContentSnapshot {
  readonly status: ContentStatus;
  articlesBySlug(slugs: readonly string[]): (Article | null)[];
  /**
   * The HTML of each article's body in this version, read from the body store (off the heap when
   * there is a cache). Throws when a body can no longer be had (its cache file and its source both
   * changed): never another version's HTML.
   */
  bodiesBySlug(slugs: readonly string[]): (BodyHtml | null)[];
  categoriesBySlug(slugs: readonly string[]): (Category | null)[];
  authorsBySlug(slugs: readonly string[]): (Author | null)[];
  tagsBySlug(slugs: readonly string[]): (Tag | null)[];
  /**
   * Every matching article, in a total order (ties broken by slug). Throws
   * `SearchQueryError` when `filter.search` is not a valid query.
   */
  findArticles(filter: ArticleFilter, order: ArticleOrder): readonly Article[];
  /**
   * For each slug, the articles around its place in `findArticles(filter, order)`, found by binary
   * search; an article the filter leaves out sits where the order would put it. Null for an
   * unknown slug. Throws `SearchQueryError` like `findArticles`.
   */
  articleNeighbours(filter: ArticleFilter, order: ArticleOrder, slugs: readonly string[]): (ArticleNeighbours | null)[];
  /**
   * Every article matching a full-text query, best first (equal scores newer first, then by
   * slug); with `candidates`, only those. Throws `SearchQueryError` for a bad query.
   */
  matchArticles(query: string, candidates?: ReadonlySet<string>): readonly RankedMatch[];
  /** A page of `matchArticles` with the best section and the highlights of each hit. */
  searchArticles(query: string, options?: SearchOptions): SearchResults;
  /**
   * For each slug, the articles most like it, best first (equal scores newer first, then by
   * slug), at most `RELATED_COUNT.max`; never the article itself. Null for an unknown slug.
   */
  relatedArticles(slugs: readonly string[]): (readonly RelatedArticle[] | null)[];
  /**
   * Settles once the search index that `filter.search`, `matchArticles`, `searchArticles` and
   * `relatedArticles` read is built. They never need it: before then, they finish the build
   * synchronously. Waiting for it instead leaves the event loop to other work meanwhile.
   */
  searchIndexBuilt(): Promise<void>;
  /** Roots when `parentSlug` is null, otherwise that category's children; sorted by name. */
  listCategories(parentSlug: string | null): readonly Category[];
  /** Every category, parents before children. */
  allCategories(): readonly Category[];
  listAuthors(): readonly Author[];
  listTags(): readonly Tag[];
}
