import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Article } from '../content/model';
import { pageSize, toArticleFilter } from './article-connection';
import { ArticleType } from './article.type';
import type { GatewayContext } from './context';
import { SearchArgs } from './search.args';
import { SearchConnectionType } from './search-connection.type';
import { SearchHitType } from './search-hit.type';
import { encodeRankCursor, rankedListKey, readRankCursor } from './search-cursor';
import { withSearchQueryErrors } from './search-errors';
import { searchHitValue, type SearchHitValue } from './search-hit.value';
import { loadSection, type SectionValue } from './section.value';
import { SectionType } from './section.type';

interface SearchConnectionValue {
  edges: { cursor: string; node: SearchHitValue }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

@Resolver(() => SearchHitType)
export class SearchResolver {
  @Query(() => SearchConnectionType, {
    description:
      'Full-text search over titles, leads and sections, in Chinese, English and mixed text; best match first (equal scores: newer first, then by slug).',
  })
  search(@Ctx() { snapshot, settings, deadline }: GatewayContext, @Args(() => SearchArgs) args: SearchArgs): SearchConnectionValue {
    deadline.check();
    const size =
      args.first == null ? Math.min(settings.defaultPageSize, settings.maxPageSize) : pageSize('first', args.first, settings.maxPageSize);
    const filter = toArticleFilter(args.filter);
    const { version } = snapshot.status;
    const listKey = rankedListKey(['search', args.query, filter]);
    const offset = args.after == null ? 0 : readRankCursor('after', args.after, version, listKey) + 1;
    const filtered = Object.values(filter).some((value) => value !== undefined);
    return withSearchQueryErrors(() => {
      const candidates = filtered ? new Set(snapshot.findArticles(filter, 'DATE_DESC').map((article) => article.slug)) : undefined;
      const { total, hits } = snapshot.searchArticles(args.query, { candidates, offset, limit: size });
      const edges = hits.map((hit, index) => ({ cursor: encodeRankCursor(version, listKey, offset + index), node: searchHitValue(hit) }));
      return {
        edges,
        pageInfo: {
          hasNextPage: offset + hits.length < total,
          hasPreviousPage: offset > 0,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
        totalCount: total,
      };
    });
  }

  @FieldResolver(() => ArticleType, { description: 'The matching article.' })
  async article(@Root() hit: SearchHitValue, @Ctx() { loaders }: GatewayContext): Promise<Article> {
    const article = await loaders.articles.load(hit.articleSlug);
    if (!article) throw new Error(`search hit points at unknown article ${hit.articleSlug}`);
    return article;
  }

  @FieldResolver(() => SectionType, {
    nullable: true,
    description: 'The section that matches best; null when the title or the lead matches best.',
  })
  section(@Root() hit: SearchHitValue, @Ctx() context: GatewayContext): Promise<SectionValue | null> {
    return loadSection(context, hit.articleSlug, hit.sectionAnchor);
  }
}
