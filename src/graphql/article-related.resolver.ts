import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Article, Category, RelatedArticle, Tag } from '../content/model';
import { RELATED_COUNT } from '../content/related';
import { pageSize } from './article-connection';
import { ArticleType } from './article.type';
import { CategoryType } from './category.type';
import type { GatewayContext } from './context';
import { RelatedArticleType } from './related-article.type';
import { TagType } from './tag.type';
import { ListSize } from './list-size';

@Resolver(() => ArticleType)
export class ArticleRelatedResolver {
  @FieldResolver(() => [RelatedArticleType], {
    description:
      'The articles most like this one, by shared tags and categories and by their text (its words and CJK characters; numbers, such as years and amounts, are left out as chance matches), best first (equal scores: newer first, then by slug); never this article, and only articles sharing something with it.',
  })
  async related(
    @Root() article: Article,
    @Ctx() { loaders }: GatewayContext,
    @Arg('first', () => Int, {
      nullable: true,
      description: `How many; ${RELATED_COUNT.default} unless given, at most ${RELATED_COUNT.max}.`,
    })
    first: number | null,
  ): Promise<readonly RelatedArticle[]> {
    const count = first == null ? RELATED_COUNT.default : pageSize('first', first, RELATED_COUNT.max);
    return ((await loaders.related.load(article.slug)) ?? []).slice(0, count);
  }
}

@Resolver(() => RelatedArticleType)
export class RelatedArticleResolver {
  @ListSize(10)
  @FieldResolver(() => [TagType], { description: "Tags both articles carry, in the first article's front-matter order." })
  sharedTags(@Root() related: RelatedArticle, @Ctx() { loaders }: GatewayContext): Tag[] | Promise<Tag[]> {
    return loaders.tags.loadKnown(related.sharedTagSlugs);
  }

  @ListSize(3)
  @FieldResolver(() => [CategoryType], {
    description: 'The most specific categories both articles are filed under (their `ancestors` are shared too).',
  })
  sharedCategories(@Root() related: RelatedArticle, @Ctx() { loaders }: GatewayContext): Category[] | Promise<Category[]> {
    return loaders.categories.loadKnown(related.sharedCategorySlugs);
  }
}
