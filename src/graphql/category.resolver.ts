import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { Category } from '../content/model';
import { ArticleArgs } from './article.args';
import { articleConnection } from './article-connection';
import { ArticleConnectionType } from './article-connection.type';
import { CategoryListArgs } from './category-list.args';
import { CategoryType } from './category.type';
import type { GatewayContext } from './context';
import { badUserInput } from './errors';
import { toGlobalId } from './global-id';
import { ListSize } from './list-size';

@Resolver(() => CategoryType)
export class CategoryResolver {
  @Query(() => CategoryType, { nullable: true, description: 'One category by slug; null when unknown.' })
  category(
    @Ctx() { loaders }: GatewayContext,
    @Arg('slug', () => String, { description: 'Full slug of the category, e.g. `parent/child`.' }) slug: string,
  ): Category | null | Promise<Category | null> {
    return loaders.categories.load(slug);
  }

  @ListSize((args) => (args.rootsOnly === true || args.parentSlug != null ? 10 : 100))
  @Query(() => [CategoryType], {
    description:
      'Categories sorted by name: the children of `parentSlug`, or the roots with `rootsOnly`, or else all of them, parents before children.',
  })
  categories(
    @Ctx() { snapshot, loaders }: GatewayContext,
    @Args(() => CategoryListArgs) { parentSlug, rootsOnly }: CategoryListArgs,
  ): readonly Category[] {
    if (rootsOnly && parentSlug != null) throw badUserInput('Give `parentSlug` or `rootsOnly: true`, not both.');
    const categories =
      parentSlug != null ? snapshot.listCategories(parentSlug) : rootsOnly ? snapshot.listCategories(null) : snapshot.allCategories();
    for (const category of categories) loaders.categories.prime(category.slug, category);
    return categories;
  }

  @FieldResolver(() => ID, { description: 'Global id of the category.' })
  id(@Root() category: Category): string {
    return toGlobalId('Category', category.slug);
  }

  @FieldResolver(() => CategoryType, { nullable: true, description: 'The parent category; null for a root.' })
  parent(@Root() category: Category, @Ctx() { loaders }: GatewayContext): Category | null | Promise<Category | null> {
    return category.parentSlug === null ? null : loaders.categories.load(category.parentSlug);
  }

  @ListSize(10)
  @FieldResolver(() => [CategoryType], { description: 'Direct children, sorted by name.' })
  children(@Root() category: Category, @Ctx() { loaders }: GatewayContext): Category[] | Promise<Category[]> {
    return loaders.categories.loadKnown(category.childSlugs);
  }

  @ListSize(3)
  @FieldResolver(() => [CategoryType], { description: 'Every category above this one, the root first and the parent last.' })
  async ancestors(@Root() category: Category, @Ctx() { loaders }: GatewayContext): Promise<Category[]> {
    const ancestors: Category[] = [];
    for (let slug = category.parentSlug; slug !== null;) {
      const ancestor = await loaders.categories.load(slug);
      if (!ancestor) break;
      ancestors.unshift(ancestor);
      slug = ancestor.parentSlug;
    }
    return ancestors;
  }

  @FieldResolver(() => Int, { description: 'Published articles filed under this category.' })
  articleCount(
    @Root() category: Category,
    @Arg('includeDescendants', () => Boolean, {
      defaultValue: true,
      description: 'Count articles of descendant categories too, each article once.',
    })
    includeDescendants: boolean,
  ): number {
    return includeDescendants ? category.articleCountWithDescendants : category.articleCount;
  }

  @FieldResolver(() => ArticleConnectionType, { description: 'Articles of this category and its descendants.' })
  articles(
    @Root() category: Category,
    @Ctx() context: GatewayContext,
    @Args(() => ArticleArgs) args: ArticleArgs,
    @Info() info: GraphQLResolveInfo,
  ): ArticleConnectionType {
    return articleConnection(context, args, info, { field: 'categories', slug: category.slug });
  }
}
