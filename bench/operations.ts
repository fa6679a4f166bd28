/**
 * The operations the benchmark sends, word for word the same to the gateway and to the
 * reference server, so the two answer identical documents.
 */
import { slugOfName } from '../src/content/snapshot';
import type { CorpusManifest } from './corpus/generate';

export interface OperationSamples {
  articleSlug: string;
  categorySlug: string;
}

export interface BenchOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export const ARTICLE_BY_SLUG = `query ArticleBySlug($slug: String!) {
  article(slug: $slug) {
    title
    sections { heading anchor html }
  }
}`;

export const ARTICLES_PAGE = `query ArticlesPage {
  articles(first: 20) {
    nodes {
      title
      author { name }
      categories { name }
      tags { name }
    }
  }
}`;

export const CATEGORY_PAGE = `query CategoryPage($slug: String!) {
  category(slug: $slug) {
    name
    articleCount(includeDescendants: true)
    articles(first: 20) {
      totalCount
      nodes { title }
    }
  }
}`;

export const SEARCH = `query Search($query: String!) {
  search(query: $query, first: 20) {
    totalCount
    edges { node { score article { title } highlights { html } } }
  }
}`;

export const ARTICLE_PAGE = `query ArticlePage($slug: String!) {
  article(slug: $slug) {
    title
    toc { level text anchor }
    previous { title }
    next { title }
    related(first: 5) { score article { title } sharedTags { name } }
  }
}`;

/** Words of the generator's lists, so the search matches a realistic share of a generated corpus. */
export const SEARCH_QUERY = '数据中心 开源';

export function benchOperations(samples: OperationSamples): BenchOperation[] {
  return [
    { name: 'article by slug', query: ARTICLE_BY_SLUG, variables: { slug: samples.articleSlug } },
    { name: 'articles page', query: ARTICLES_PAGE, variables: {} },
    { name: 'category page', query: CATEGORY_PAGE, variables: { slug: samples.categorySlug } },
    { name: 'search', query: SEARCH, variables: { query: SEARCH_QUERY } },
    { name: 'article page', query: ARTICLE_PAGE, variables: { slug: samples.articleSlug } },
  ];
}

/**
 * The operation as a GET, the way a browser or a CDN repeats a query; the header is one of
 * those that lets a GET past the gateway's CSRF check.
 */
export function asGetRequest(operation: BenchOperation): { path: string; headers: Record<string, string> } {
  const search = new URLSearchParams({ query: operation.query, variables: JSON.stringify(operation.variables) });
  return { path: `/graphql?${search.toString()}`, headers: { 'apollo-require-preflight': 'true' } };
}

/** The operations for a generated corpus, on the article and category its manifest samples. */
export function corpusOperations(manifest: CorpusManifest): BenchOperation[] {
  return benchOperations({
    articleSlug: manifest.samples.articleSlug,
    categorySlug: manifest.samples.categoryPath.map(slugOfName).join('/'),
  });
}
