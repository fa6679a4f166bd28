import { Field, ObjectType } from 'type-graphql';
import type { HighlightField } from '../content/search';
import { HighlightRangeType } from './highlight-range.type';
import { SearchHighlightFieldEnum } from './search-highlight-field.enum';
import type { SearchHighlightValue } from './search-hit.value';

@ObjectType('SearchHighlight', {
  simpleResolvers: true,
  description:
    'A short excerpt around matches of the query, in two forms that are safe to render: plain `text` with match `ranges`, and `html` with the matches in `<mark>`.',
})
export class SearchHighlightType implements Omit<SearchHighlightValue, 'articleSlug' | 'sectionAnchor'> {
  @Field(() => SearchHighlightFieldEnum, { description: 'The part of the article the excerpt comes from.' })
  field!: HighlightField;

  @Field({ description: 'The excerpt as plain text, whitespace collapsed, `…` where it was cut.' })
  text!: string;

  @Field({ description: 'The excerpt with every character HTML-escaped except the `<mark>` tags around the matches.' })
  html!: string;

  @Field(() => [HighlightRangeType], { description: 'Where the matches are in `text`, in order, not overlapping.' })
  ranges!: HighlightRangeType[];
}
