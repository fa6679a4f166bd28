import { Field, InputType } from 'type-graphql';

@InputType('ArticleFilter', {
  description: 'Narrows a list of articles. Fields combine with AND, entries of a list with OR; empty lists do not filter.',
})
export class ArticleFilterInput {
  @Field(() => [String], { nullable: true, description: 'Category slugs; articles in descendant categories match too.' })
  categories?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Tag slugs.' })
  tags?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Author slugs.' })
  authors?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Articles dated at or after this instant; undated articles never match.' })
  dateFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Articles dated at or before this instant; undated articles never match.' })
  dateTo?: Date | null;

  @Field(() => String, { nullable: true, description: 'Language tag such as `zh` or `en` (front-matter `lang`, else detected).' })
  language?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Full-text query, same syntax as `Query.search`. Combines with the other fields; the list is ordered by relevance unless `orderBy` is given.',
  })
  search?: string | null;
}
