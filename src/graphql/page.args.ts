import { ArgsType, Field, Int } from 'type-graphql';

/** Where a page of a list starts and how long it is: the Relay arguments of every article connection. */
@ArgsType()
export class PageArgs {
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
