import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Article } from '../content/model';
import { ArticleFilterInput } from './article-filter.input';
import { ArticleType } from './article.type';
import type { GatewayContext } from './context';
import { loadNeighbours } from './neighbour-loader';

const WITHIN_DESCRIPTION =
  'The list to look in, as `articles(filter: within)`; all articles when not given. An article outside it gets the neighbours of the place it would have.';

@Resolver(() => ArticleType)
export class ArticleNeighboursResolver {
  @FieldResolver(() => ArticleType, {
    nullable: true,
    description: "The article before this one in `DATE_DESC` order (the newer one, Hexo's `post.prev`); null for the first.",
  })
  async previous(
    @Root() article: Article,
    @Ctx() context: GatewayContext,
    @Arg('within', () => ArticleFilterInput, { nullable: true, description: WITHIN_DESCRIPTION }) within: ArticleFilterInput | null,
  ): Promise<Article | null> {
    return (await loadNeighbours(context, within, article.slug))?.previous ?? null;
  }

  @FieldResolver(() => ArticleType, {
    nullable: true,
    description: "The article after this one in `DATE_DESC` order (the older one, Hexo's `post.next`); null for the last.",
  })
  async next(
    @Root() article: Article,
    @Ctx() context: GatewayContext,
    @Arg('within', () => ArticleFilterInput, { nullable: true, description: WITHIN_DESCRIPTION }) within: ArticleFilterInput | null,
  ): Promise<Article | null> {
    return (await loadNeighbours(context, within, article.slug))?.next ?? null;
  }
}
