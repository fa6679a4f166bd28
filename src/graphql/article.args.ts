import { ArgsType, Field } from 'type-graphql';
import type { ArticleOrder } from '../content/model';
import { ArticleFilterInput } from './article-filter.input';
import { ArticleOrderEnum } from './article-order.enum';
import { withPageArgs } from './page.args';

/** What narrows and orders a list of articles. */
@ArgsType()
class ArticleListArgs {
  @Field(() => ArticleFilterInput, { nullable: true, description: 'Only articles matching every given field.' })
  filter?: ArticleFilterInput | null;

  @Field(() => ArticleOrderEnum, {
    nullable: true,
    description: 'Order of the list. When not given (or null): by relevance if `filter.search` is given, else `DATE_DESC`.',
  })
  orderBy?: ArticleOrder | null;
}

/** The arguments of every `articles(...)` field, top-level or nested: the list, then its page. */
@ArgsType()
export class ArticleArgs extends withPageArgs(ArticleListArgs) {}
