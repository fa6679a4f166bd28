/**
 * Authors and tags are the same thing to the API: a named group of articles found through
 * one filter field. One resolver definition serves both.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { Author, ContentSnapshot, Tag } from '../content/model';
import { ArticleArgs } from './article.args';
import { articleConnection } from './article-connection';
import { ArticleConnectionType } from './article-connection.type';
import type { GatewayContext } from './context';
import { toGlobalId } from './global-id';
import { ListSize } from './list-size';

type ArticleGroup = Author | Tag;

export interface ArticleGroupDefinition {
  type: ClassType;
  typeName: 'Author' | 'Tag';
  /** Query field for one group, and for all of them. */
  oneQuery: string;
  allQuery: string;
  /** Both the loader and the filter field that hold this kind of group. */
  key: 'authors' | 'tags';
  list(snapshot: ContentSnapshot): readonly ArticleGroup[];
  noun: string;
}

export function createArticleGroupResolver(definition: ArticleGroupDefinition) {
  const { type, typeName, key, noun } = definition;

  @Resolver(() => type)
  class ArticleGroupResolver {
    @Query(() => type, { name: definition.oneQuery, nullable: true, description: `One ${noun} by slug; null when unknown.` })
    one(
      @Ctx() { loaders }: GatewayContext,
      @Arg('slug', () => String, { description: `Slug of the ${noun}.` }) slug: string,
    ): ArticleGroup | null | Promise<ArticleGroup | null> {
      return loaders[key].load(slug);
    }

    @ListSize(100)
    @Query(() => [type], { name: definition.allQuery, description: `Every ${noun}, sorted by name.` })
    all(@Ctx() { snapshot, loaders }: GatewayContext): readonly ArticleGroup[] {
      const groups = definition.list(snapshot);
      for (const group of groups) loaders[key].prime(group.slug, group);
      return groups;
    }

    @FieldResolver(() => ID, { description: `Global id of the ${noun}.` })
    id(@Root() group: ArticleGroup): string {
      return toGlobalId(typeName, group.slug);
    }

    @FieldResolver(() => ArticleConnectionType, { description: `Articles of this ${noun}.` })
    articles(
      @Root() group: ArticleGroup,
      @Ctx() context: GatewayContext,
      @Args(() => ArticleArgs) args: ArticleArgs,
      @Info() info: GraphQLResolveInfo,
    ): ArticleConnectionType {
      return articleConnection(context, args, info, { field: key, slug: group.slug });
    }
  }
  return ArticleGroupResolver;
}
