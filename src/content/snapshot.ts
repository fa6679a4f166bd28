/**
 * Builds the in-memory index over parsed posts and answers lookups on it. A snapshot never
 * changes after it is built, which is what lets a reload swap it atomically and lets
 * results be memoised without invalidation.
 */
import slugize from 'hexo-util/dist/slugize';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import type {
  Article,
  ArticleFilter,
  ArticleNeighbours,
  ArticleOrder,
  Author,
  Category,
  ContentSnapshot,
  ContentStatus,
  Tag,
} from './model';
import { entryOf } from './map-entry';
import { articleComparator, compareCodeUnits, lowerBound } from './order';
import { relatedLookup } from './related';
import { searchDocumentOf } from './search';
import { buildIndexInSlices, type SlicedIndex } from './search/sliced-build';
import { DRAFTS_FOLDER } from './options';
import type { BodyStore } from './bodies';
import type { BodyHtml, IndexedPost } from './parsed-post';

/**
 * Slugs of the names met so far. A snapshot slugizes every category, tag and author name of
 * every post, and Hexo's rules are slow enough for that to dominate a reload. The names of a
 * site are few, but a long-running process that follows edits meets new ones forever, so the
 * memo starts over once it holds more than a site plausibly uses.
 */
const slugsByName = new Map<string, string>();
const SLUG_MEMO_LIMIT = 100_000;

/** Hexo's slug rules; a name made only of punctuation still needs a usable, stable slug. */
export function slugOfName(name: string): string {
  let slug = slugsByName.get(name);
  if (slug === undefined) {
    slug = slugize(name.normalize('NFC')) || encodeURIComponent(name.trim()) || '-';
    if (slugsByName.size >= SLUG_MEMO_LIMIT) slugsByName.clear();
    slugsByName.set(name, slug);
  }
  return slug;
}

/** Hexo's two kinds of draft, which only a preview serves. */
function isDraft(post: IndexedPost): boolean {
  return !post.meta.published || post.path.startsWith(DRAFTS_FOLDER);
}

export interface SnapshotInput {
  posts: readonly IndexedPost[];
  status: Omit<ContentStatus, 'articles' | 'categories' | 'authors' | 'tags' | 'sections'>;
  /** The snapshot this one replaces: its search index is updated for the posts that changed instead of rebuilt. */
  previous?: ContentSnapshot | null;
  /** Where the posts' HTML is read from: for `bodiesBySlug`, and for the text the search index takes. */
  bodies: BodyStore;
  /** Bytes of filtered lists kept for filters asked again; the least recently used go first. */
  filterMemoBytes: number;
}

/** The search index of a snapshot (see `buildIndexInSlices`), and the fingerprint of each article it holds. */
interface IndexedText extends SlicedIndex {
  hashes: ReadonlyMap<string, string>;
}

const indexedTexts = new WeakMap<ContentSnapshot, IndexedText>();

/** Equal for two versions of a post exactly when it is the same file with the same bytes. */
export function postFingerprint(post: Pick<IndexedPost, 'path' | 'contentHash'>): string {
  return `${post.path}\0${post.contentHash}`;
}

/**
 * A first load builds its index after the snapshot is served, reading the bodies as it goes; a reload
 * updates the previous index for the posts that changed, which is quick, at once.
 */
function indexText(posts: readonly IndexedPost[], previous: IndexedText | undefined, bodies: BodyStore): IndexedText {
  const documentOf = (post: IndexedPost) => searchDocumentOf(post, bodyOrNone(bodies, post));
  const hashes = new Map(posts.map((post) => [post.slug, postFingerprint(post)]));
  if (previous === undefined) return { ...buildIndexInSlices(posts, documentOf), hashes };
  const changed = posts.filter((post) => previous.hashes.get(post.slug) !== hashes.get(post.slug));
  const removed = [...previous.hashes.keys()].filter((slug) => !hashes.has(slug));
  if (changed.length === 0 && removed.length === 0) return { ...previous, hashes };
  const index = previous.index().withChanges(changed.map(documentOf), removed);
  return { index: () => index, built: Promise.resolve(), hashes };
}

/**
 * The post's HTML, or none when its version can no longer be had (its body file and its source both
 * changed: the store then reloads the file, whose new version replaces this one in the index). A
 * missing text must not stop the index, which is built between requests where an error has no one to go to.
 */
function bodyOrNone(bodies: BodyStore, post: IndexedPost): BodyHtml {
  try {
    return bodies.read(post);
  } catch {
    return { html: '', lead: null, sections: post.body.sections.map(() => '') };
  }
}

interface MutableCategory extends Category {
  articleSlugs: Set<string>;
}

/** A category as the model serves it: its own articles stay behind, counted. */
function publicCategory({ slug, name, parentSlug, childSlugs, articleCount, articleCountWithDescendants }: MutableCategory): Category {
  return { slug, name, parentSlug, childSlugs, articleCount, articleCountWithDescendants };
}

interface MutableNamed {
  slug: string;
  name: string;
  articleSlugs: string[];
}

const nameOrder = new Intl.Collator('und', { numeric: true, sensitivity: 'base' });
const byName = (a: { name: string; slug: string }, b: { name: string; slug: string }) =>
  nameOrder.compare(a.name, b.name) || compareCodeUnits(a.slug, b.slug);

/**
 * A memoised list: a reference per article (about 9 bytes each on Node 20, measured), and
 * its key, a SHA-256 of the filter (a search phrase may be long), with the cache's bookkeeping.
 */
const ARTICLE_REFERENCE_BYTES = 10;
const FILTER_ENTRY_BYTES = 300;

/** Every article with the taxonomy it is filed under, as a snapshot is built from posts. */
interface Filing {
  articles: Map<string, Article>;
  categories: Map<string, MutableCategory>;
  authors: Map<string, MutableNamed>;
  tags: Map<string, MutableNamed>;
}

/** Files each post under its categories, tags and author, creating them as they are first met. */
function fileArticles(posts: readonly IndexedPost[]): Filing {
  const filing: Filing = { articles: new Map(), categories: new Map(), authors: new Map(), tags: new Map() };
  const { articles, categories, authors, tags } = filing;

  const named = (map: Map<string, MutableNamed>, name: string, articleSlug: string): string => {
    const slug = slugOfName(name);
    let entry = map.get(slug);
    if (!entry) map.set(slug, (entry = { slug, name, articleSlugs: [] }));
    if (entry.articleSlugs[entry.articleSlugs.length - 1] !== articleSlug) entry.articleSlugs.push(articleSlug);
    return slug;
  };

  const categoryUnder = (parent: MutableCategory | null, name: string): MutableCategory => {
    const slug = parent ? `${parent.slug}/${slugOfName(name)}` : slugOfName(name);
    let category = categories.get(slug);
    if (!category) {
      category = {
        slug,
        name,
        parentSlug: parent?.slug ?? null,
        childSlugs: [],
        articleCount: 0,
        articleCountWithDescendants: 0,
        articleSlugs: new Set(),
      };
      categories.set(slug, category);
      parent?.childSlugs.push(slug);
    }
    return category;
  };

  for (const post of posts) {
    const leaves: MutableCategory[] = [];
    for (const hierarchy of post.meta.categories) {
      let parent: MutableCategory | null = null;
      for (const name of hierarchy) parent = categoryUnder(parent, name);
      if (parent && !leaves.includes(parent)) leaves.push(parent);
    }
    for (const leaf of leaves) leaf.articleSlugs.add(post.slug);

    const tagSlugs = [...new Set(post.meta.tags.map((tag) => named(tags, tag, post.slug)))];
    const authorSlug = post.meta.author ? named(authors, post.meta.author, post.slug) : null;
    articles.set(post.slug, {
      ...post,
      categorySlugs: leaves.map((leaf) => leaf.slug),
      tagSlugs,
      authorSlug,
      language: post.meta.lang ?? post.body.language,
      draft: isDraft(post),
    });
  }
  return filing;
}

/** The articles below each category, each once, and the counts of every category from them. */
function countCategoryArticles(categories: ReadonlyMap<string, MutableCategory>): Map<string, Set<string>> {
  // Children before parents: each set is made once from its children's.
  const withDescendants = new Map<string, Set<string>>();
  const collect = (category: MutableCategory): Set<string> => {
    let set = withDescendants.get(category.slug);
    if (set) return set;
    set = new Set(category.articleSlugs);
    for (const child of category.childSlugs) for (const slug of collect(entryOf(categories, child))) set.add(slug);
    withDescendants.set(category.slug, set);
    return set;
  };
  for (const category of categories.values()) {
    category.articleCount = category.articleSlugs.size;
    category.articleCountWithDescendants = collect(category).size;
  }
  return withDescendants;
}

/** The taxonomy as the model serves it, with the sorted lists that list fields answer from. */
interface Taxonomy {
  categories: Map<string, Category>;
  authors: Map<string, Author>;
  tags: Map<string, Tag>;
  sortedAuthors: Author[];
  sortedTags: Tag[];
  roots: Category[];
  /** Every category, parents before children. */
  breadthFirst: Category[];
}

function publicTaxonomy({ categories, authors, tags }: Filing): Taxonomy {
  const publicCategories = new Map<string, Category>();
  for (const category of categories.values()) {
    category.childSlugs.sort((a, b) => byName(entryOf(categories, a), entryOf(categories, b)));
    publicCategories.set(category.slug, publicCategory(category));
  }
  const toPublic = (entry: MutableNamed) => ({ slug: entry.slug, name: entry.name, articleCount: entry.articleSlugs.length });
  const publicAuthors = new Map<string, Author>([...authors].map(([slug, entry]) => [slug, toPublic(entry)]));
  const publicTags = new Map<string, Tag>([...tags].map(([slug, entry]) => [slug, toPublic(entry)]));

  const roots = [...publicCategories.values()].filter((category) => !category.parentSlug).sort(byName);
  // The list is its own queue: each category's children go on its end as the walk reaches it.
  const breadthFirst: Category[] = roots.slice();
  for (let index = 0; index < breadthFirst.length; index++) {
    breadthFirst.push(...breadthFirst[index].childSlugs.map((slug) => entryOf(publicCategories, slug)));
  }
  return {
    categories: publicCategories,
    authors: publicAuthors,
    tags: publicTags,
    sortedAuthors: [...publicAuthors.values()].sort(byName),
    sortedTags: [...publicTags.values()].sort(byName),
    roots,
    breadthFirst,
  };
}

/** Membership sets for the list fields of a filter, or null when the field does not filter. */
function memberSet(keys: readonly string[] | undefined, lookup: (key: string) => Iterable<string> | undefined): Set<string> | null {
  if (!keys || keys.length === 0) return null;
  const set = new Set<string>();
  for (const key of keys) for (const slug of lookup(key) ?? []) set.add(slug);
  return set;
}

/** `findArticles`: every order sorted once, on first use, and filtered lists memoised within `memoBytes`. */
function articleFinder(
  { articles, authors, tags }: Filing,
  withDescendants: ReadonlyMap<string, Set<string>>,
  matchArticles: ContentSnapshot['matchArticles'],
  memoBytes: number,
): ContentSnapshot['findArticles'] {
  const sortedByOrder = new Map<ArticleOrder, Article[]>();
  const sorted = (order: ArticleOrder): Article[] => {
    let list = sortedByOrder.get(order);
    if (!list) sortedByOrder.set(order, (list = [...articles.values()].sort(articleComparator(order))));
    return list;
  };

  // Any client can ask for distinct filters (a new `dateFrom` each time), and each list may
  // hold every article, so the memo is bounded by what its lists weigh, not by their number.
  const memo = new LRUCache<string, readonly Article[]>({
    maxSize: memoBytes,
    sizeCalculation: (list) => FILTER_ENTRY_BYTES + list.length * ARTICLE_REFERENCE_BYTES,
  });
  return (filter, order) => {
    const key = memoKey(filter, order);
    const cached = memo.get(key);
    if (cached) return cached;
    const sets = [
      memberSet(filter.categories, (slug) => withDescendants.get(slug)),
      memberSet(filter.tags, (slug) => tags.get(slug)?.articleSlugs),
      memberSet(filter.authors, (slug) => authors.get(slug)?.articleSlugs),
      filter.search === undefined ? null : new Set(matchArticles(filter.search).map((match) => match.slug)),
    ].filter((set): set is Set<string> => set !== null);
    const from = filter.dateFrom?.getTime();
    const to = filter.dateTo?.getTime();
    const result = sorted(order).filter((article) => {
      for (const set of sets) if (!set.has(article.slug)) return false;
      if (from !== undefined || to !== undefined) {
        const time = article.meta.date?.getTime();
        if (time === undefined) return false;
        if (from !== undefined && time < from) return false;
        if (to !== undefined && time > to) return false;
      }
      return filter.language === undefined || article.language === filter.language;
    });
    memo.set(key, result);
    return result;
  };
}

/** `articleNeighbours`: binary search in the list `findArticles` gives. */
function neighbourFinder(
  articles: ReadonlyMap<string, Article>,
  findArticles: ContentSnapshot['findArticles'],
): ContentSnapshot['articleNeighbours'] {
  return (filter, order, slugs) => {
    const list = findArticles(filter, order);
    const compare = articleComparator(order);
    return slugs.map((slug): ArticleNeighbours | null => {
      const article = articles.get(slug);
      if (article === undefined) return null;
      const at = lowerBound(list, (other) => compare(other, article) >= 0);
      const after = list[at] === article ? at + 1 : at;
      return { previous: list[at - 1] ?? null, next: list[after] ?? null };
    });
  };
}

function snapshotStatus(input: SnapshotInput, { articles, categories, authors, tags }: Filing): ContentStatus {
  let sectionCount = 0;
  for (const article of articles.values()) sectionCount += article.body.sections.length;
  return {
    ...input.status,
    articles: articles.size,
    categories: categories.size,
    authors: authors.size,
    tags: tags.size,
    sections: sectionCount,
  };
}

const lookup =
  <T>(map: ReadonlyMap<string, T>) =>
  (keys: readonly string[]): (T | null)[] =>
    keys.map((key) => map.get(key) ?? null);

export function buildSnapshot(input: SnapshotInput): ContentSnapshot {
  const filing = fileArticles(input.posts);
  const { articles, categories, tags } = filing;
  const withDescendants = countCategoryArticles(categories);
  const taxonomy = publicTaxonomy(filing);

  const text = indexText(input.posts, input.previous ? indexedTexts.get(input.previous) : undefined, input.bodies);
  const matchArticles = (query: string, candidates?: ReadonlySet<string>) => text.index().match(query, candidates);
  const findArticles = articleFinder(filing, withDescendants, matchArticles, input.filterMemoBytes);

  const relatedArticles = relatedLookup({
    articleCount: articles.size,
    article: (slug) => articles.get(slug),
    tagged: (slug) => tags.get(slug)?.articleSlugs ?? [],
    inCategory: (slug) => withDescendants.get(slug) ?? new Set(),
    parentOf: (slug) => categories.get(slug)?.parentSlug ?? null,
    textNeighbours: (slug, limits) => text.index().textNeighbours(slug, limits),
  });

  const snapshot: ContentSnapshot = {
    status: snapshotStatus(input, filing),
    articlesBySlug: lookup(articles),
    bodiesBySlug: (slugs) =>
      slugs.map((slug) => {
        const article = articles.get(slug);
        return article === undefined ? null : input.bodies.read(article);
      }),
    categoriesBySlug: lookup(taxonomy.categories),
    authorsBySlug: lookup(taxonomy.authors),
    tagsBySlug: lookup(taxonomy.tags),
    findArticles,
    articleNeighbours: neighbourFinder(articles, findArticles),
    relatedArticles,
    listCategories: (parentSlug) =>
      parentSlug === null
        ? taxonomy.roots
        : (taxonomy.categories.get(parentSlug)?.childSlugs.map((slug) => entryOf(taxonomy.categories, slug)) ?? []),
    allCategories: () => taxonomy.breadthFirst,
    listAuthors: () => taxonomy.sortedAuthors,
    listTags: () => taxonomy.sortedTags,
    matchArticles,
    searchArticles: (query, options) => text.index().search(query, options),
    searchIndexBuilt: () => text.built,
  };
  indexedTexts.set(snapshot, text);
  return snapshot;
}

function memoKey(filter: ArticleFilter, order: ArticleOrder): string {
  const spelt = JSON.stringify([
    order,
    filter.categories ?? null,
    filter.tags ?? null,
    filter.authors ?? null,
    filter.dateFrom?.getTime() ?? null,
    filter.dateTo?.getTime() ?? null,
    filter.language ?? null,
    filter.search ?? null,
  ]);
  return createHash('sha256').update(spelt).digest('base64');
}
