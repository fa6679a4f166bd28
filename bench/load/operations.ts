/**
 * The mixed operations of the load test. Each asks for `contentStatus { version }` next to its
 * data, so every answer names the snapshot it claims to show, and each says what it shows of
 * the edited posts: one post, or the complete list of them.
 */
import { LIVE_CATEGORY_SLUG, LIVE_SEARCH_TERM, liveSlug, parseLiveTitle } from './live-edits';

/** What one answer shows of the edited posts, and anything in it that contradicts itself. */
export interface Observation {
  version: string;
  /** Every edited post the snapshot serves, with its revision. */
  listing?: Map<number, number>;
  /** One edited post: its revision, or null when the snapshot does not serve it. */
  single?: { id: number; revision: number | null };
  problems: string[];
}

export interface LoadOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** Reads an answer's `data` as the shape its query asks for; throws on one it cannot produce. */
  observe(data: unknown): Observation;
}

/** The `data` each query below asks for, as far as `observe` reads it. */
interface Titled {
  title: string;
}

interface Versioned {
  contentStatus: { version: string };
}

interface ArticleData extends Versioned {
  article: (Titled & { sections: { heading: string }[] }) | null;
}

interface ArticlesPageData {
  contentStatus: { version: string; articles: number };
  articles: { totalCount: number; nodes: Titled[] };
}

interface CategoryPageData extends Versioned {
  category: { articleCount: number; articles: { totalCount: number; nodes: Titled[] } } | null;
}

interface SearchData extends Versioned {
  search: { totalCount: number; edges: { node: { article: Titled } }[] };
}

const ARTICLE = `query Article($slug: String!) {
  contentStatus { version }
  article(slug: $slug) { title sections { heading anchor html } }
}`;

const ARTICLES_PAGE = `query ArticlesPage {
  contentStatus { version articles }
  articles(first: 20) {
    totalCount
    nodes { title author { name } categories { name } tags { name } }
  }
}`;

const CATEGORY_PAGE = `query CategoryPage($slug: String!) {
  contentStatus { version }
  category(slug: $slug) {
    name
    articleCount(includeDescendants: true)
    articles(first: 20) { totalCount nodes { title } }
  }
}`;

const SEARCH = `query Search($query: String!) {
  contentStatus { version }
  search(query: $query, first: 20) { totalCount edges { node { article { title } } } }
}`;

/** An edited post by slug: its title and every section heading must name the same revision. */
export function liveArticle(id: number): LoadOperation {
  return {
    name: `article ${liveSlug(id)}`,
    query: ARTICLE,
    variables: { slug: liveSlug(id) },
    observe(data) {
      const { article, contentStatus } = data as ArticleData;
      const problems: string[] = [];
      if (article === null) return { version: contentStatus.version, single: { id, revision: null }, problems };
      const live = parseLiveTitle(article.title);
      if (live === null || live.id !== id) {
        return { version: contentStatus.version, problems: [`${liveSlug(id)} has the title "${article.title}"`] };
      }
      const headings = article.sections.map((section) => section.heading);
      if (headings.length === 0 || headings.some((heading) => !heading.startsWith(`${article.title} part `))) {
        problems.push(`"${article.title}" has sections of another version: ${JSON.stringify(headings)}`);
      }
      return { version: contentStatus.version, single: { id, revision: live.revision }, problems };
    },
  };
}

/** A post the editor never touches: its answer may only change with the version. */
export function stableArticle(slug: string): LoadOperation {
  return {
    name: 'article (not edited)',
    query: ARTICLE,
    variables: { slug },
    observe(data) {
      const { article, contentStatus } = data as ArticleData;
      return { version: contentStatus.version, problems: article === null ? [`${slug} is missing`] : [] };
    },
  };
}

/** The newest 20 articles; the edited posts are dated after all others, so all of them are on it. */
export const articlesPage: LoadOperation = {
  name: 'articles page',
  query: ARTICLES_PAGE,
  variables: {},
  observe(data) {
    const { contentStatus, articles } = data as ArticlesPageData;
    const problems =
      articles.totalCount === contentStatus.articles
        ? []
        : [`totalCount ${articles.totalCount} but contentStatus.articles ${contentStatus.articles}`];
    return { version: contentStatus.version, listing: liveListing(articles.nodes, problems), problems };
  },
};

export const liveCategoryPage: LoadOperation = {
  name: 'category page',
  query: CATEGORY_PAGE,
  variables: { slug: LIVE_CATEGORY_SLUG },
  observe(data) {
    const { contentStatus, category } = data as CategoryPageData;
    const problems: string[] = [];
    if (category === null) return { version: contentStatus.version, listing: new Map(), problems };
    const { articleCount, articles } = category;
    if (articleCount !== articles.totalCount || articles.totalCount !== articles.nodes.length) {
      problems.push(`articleCount ${articleCount}, totalCount ${articles.totalCount}, ${articles.nodes.length} nodes`);
    }
    const listing = liveListing(articles.nodes, problems);
    if (listing.size !== articles.nodes.length) problems.push('the live category lists a post the editor did not write');
    return { version: contentStatus.version, listing, problems };
  },
};

export const liveSearch: LoadOperation = {
  name: 'search',
  query: SEARCH,
  variables: { query: LIVE_SEARCH_TERM },
  observe(data) {
    const { contentStatus, search } = data as SearchData;
    const problems: string[] = [];
    const nodes = search.edges.map((edge) => edge.node.article);
    if (search.totalCount !== nodes.length) problems.push(`totalCount ${search.totalCount} but ${nodes.length} hits`);
    const listing = liveListing(nodes, problems);
    if (listing.size !== nodes.length) problems.push(`"${LIVE_SEARCH_TERM}" found a post the editor did not write`);
    return { version: contentStatus.version, listing, problems };
  },
};

function liveListing(nodes: readonly Titled[], problems: string[]): Map<number, number> {
  const listing = new Map<number, number>();
  for (const { title } of nodes) {
    const live = parseLiveTitle(title);
    if (live === null) continue;
    if (listing.has(live.id)) problems.push(`post ${live.id} is listed twice`);
    listing.set(live.id, live.revision);
  }
  return listing;
}

/**
 * The mix: every kind of operation, edited posts that exist from the start and posts that are
 * added and deleted during the run, and one post nobody edits.
 */
export function mixedOperations(stableSlug: string, liveIds: readonly number[]): LoadOperation[] {
  const articles = liveIds.map(liveArticle);
  const others = [articlesPage, liveCategoryPage, liveSearch, stableArticle(stableSlug)];
  const mix: LoadOperation[] = [];
  for (let i = 0; i < Math.max(articles.length, others.length); i++) mix.push(...articles.slice(i, i + 1), ...others.slice(i, i + 1));
  return mix;
}
