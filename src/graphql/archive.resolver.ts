import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { archivePeriods, type ArchivePeriod } from '../content/archive';
import { ArchiveArgs } from './archive.args';
import { ArchivePeriodType } from './archive-period.type';
import { articleListConnection, DEFAULT_ARTICLE_ORDER, toArticleFilter } from './article-connection';
import { ArticleConnectionType } from './article-connection.type';
import type { GatewayContext } from './context';
import { PageArgs } from './page.args';
import { withSearchQueryErrors } from './search-errors';
import { ListSize } from './list-size';

@Resolver(() => ArchivePeriodType)
export class ArchiveResolver {
  // Twenty years of a site's archive, and a year of days.
  @ListSize((args) => ({ YEAR: 20, MONTH: 240 })[args.groupBy as string] ?? 366)
  @Query(() => [ArchivePeriodType], {
    description:
      'Dated articles grouped by year, month or day in the content time zone, newest period first; undated articles are in no period.',
  })
  archive(@Ctx() context: GatewayContext, @Args(() => ArchiveArgs) { groupBy, filter }: ArchiveArgs): readonly ArchivePeriod[] {
    context.deadline.check();
    const articles = withSearchQueryErrors(() => context.snapshot.findArticles(toArticleFilter(filter), DEFAULT_ARTICLE_ORDER));
    return archivePeriods(articles, groupBy, context.settings.timeZone);
  }

  @FieldResolver(() => Int, { description: 'Articles in the period.' })
  count(@Root() period: ArchivePeriod): number {
    return period.articles.length;
  }

  @FieldResolver(() => ArticleConnectionType, { description: 'The articles of the period, newest first.' })
  articles(
    @Root() period: ArchivePeriod,
    @Ctx() context: GatewayContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): ArticleConnectionType {
    return articleListConnection(context, args, info, period.articles, DEFAULT_ARTICLE_ORDER);
  }
}
