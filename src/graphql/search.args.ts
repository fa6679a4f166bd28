import { ArgsType, Field, Int } from 'type-graphql';
import { ArticleFilterInput } from './article-filter.input';
import { DEFAULT_GRAPHQL_SETTINGS } from './context';

@ArgsType()
export class SearchArgs {
  @Field(() => String, {
    description:
      'Terms are ANDed; `"quoted phrase"` must occur as written; `-term` excludes; a trailing `*` searches for a prefix (at least 2 characters). Chinese and other CJK text needs no spaces. Case, full/half width and Latin accents are ignored.',
  })
  query!: string;

  @Field(() => ArticleFilterInput, { nullable: true, description: 'Only articles matching every given field.' })
  filter?: ArticleFilterInput | null;

  @Field(() => Int, {
    nullable: true,
    description: `Hits per page; ${DEFAULT_GRAPHQL_SETTINGS.defaultPageSize} unless given; at most ${DEFAULT_GRAPHQL_SETTINGS.maxPageSize} unless configured.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge the page starts after.' })
  after?: string | null;
}
