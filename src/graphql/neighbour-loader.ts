/**
 * Batches `Article.previous` and `Article.next` of a request: every article asking for its
 * neighbours within the same filter in one tick is placed in that list by one snapshot call,
 * a binary search each, so a page of articles costs no pass over the list per article.
 */
import type DataLoader from 'dataloader';
import type { ArticleNeighbours } from '../content/model';
import { DEFAULT_ARTICLE_ORDER, toArticleFilter } from './article-connection';
import type { ArticleFilterInput } from './article-filter.input';
import type { GatewayContext } from './context';
import { syncBatchLoader } from './loaders';
import { withSearchQueryErrors } from './search-errors';

type NeighbourLoader = DataLoader<string, ArticleNeighbours | null>;

/** One loader per filter, for the life of the request's context. */
const loadersByContext = new WeakMap<GatewayContext, Map<string, NeighbourLoader>>();

export function loadNeighbours(
  context: GatewayContext,
  within: ArticleFilterInput | null | undefined,
  slug: string,
): Promise<ArticleNeighbours | null> {
  const filter = toArticleFilter(within);
  const key = JSON.stringify(filter);
  let loaders = loadersByContext.get(context);
  if (!loaders) loadersByContext.set(context, (loaders = new Map<string, NeighbourLoader>()));
  let loader = loaders.get(key);
  if (!loader) {
    loader = syncBatchLoader((slugs) => {
      context.deadline.check();
      return withSearchQueryErrors(() => context.snapshot.articleNeighbours(filter, DEFAULT_ARTICLE_ORDER, slugs));
    });
    loaders.set(key, loader);
  }
  return loader.load(slug);
}
