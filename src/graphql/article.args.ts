import { ArgsType, Field, Int } from 'type-graphql';
import type { ArticleOrder } from '../content/model';
import { ArticleFilterInput } from './article-filter.input';
import { ArticleOrderEnum } from './article-order.enum';

/** The arguments of every `articles(...)` field, top-level or nested. */
@ArgsType()
export class ArticleArgs {
  @Field(() => ArticleFilterInput, { nullable: true, description: 'Only articles matching every given field.' })
  filter?: ArticleFilterInput | null;

  @Field(() => ArticleOrderEnum, {
    nullable: true,
    description: 'Order of the list. When not given (or null): by relevance if `filter.search` is given, else `DATE_DESC`.',
  })
  orderBy?: ArticleOrder | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Articles from the start of the list (after `after`); 20 when neither `first` nor `last` is given; at most 100 unless configured.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge the page starts after.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Articles from the end of the list (before `before`); at most 100 unless configured.',
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge the page ends before.' })
  before?: string | null;
}
