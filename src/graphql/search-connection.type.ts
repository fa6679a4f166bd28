import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { HighlightField } from '../content/search';
import { PageInfoType } from './page-info.type';
import type { HighlightRangeValue, SearchHighlightValue, SearchHitValue } from './search-hit.value';

export const SearchHighlightFieldEnum = {
  TITLE: 'title',
  LEAD: 'lead',
  HEADING: 'heading',
  SECTION: 'section',
} as const satisfies Record<string, HighlightField>;

registerEnumType(SearchHighlightFieldEnum, {
  name: 'SearchHighlightField',
  description: 'The part of an article a highlight is cut from.',
  valuesConfig: {
    TITLE: { description: 'The title.' },
    LEAD: { description: 'The text before the first section.' },
    HEADING: { description: 'The heading of a section.' },
    SECTION: { description: 'The text of a section, its heading left out.' },
  },
});

@ObjectType('HighlightRange', {
  description:
    'Where a match lies in `SearchHighlight.text`: offsets in UTF-16 code units (JavaScript string indices), `start` included, `end` excluded.',
})
export class HighlightRangeType implements HighlightRangeValue {
  @Field(() => Int, { description: 'Offset of the first character of the match.' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last character of the match.' })
  end!: number;
}

@ObjectType('SearchHighlight', {
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

@ObjectType('SearchHit', { description: 'An article that matches a search, with where and how well it matches.' })
export class SearchHitType implements Pick<SearchHitValue, 'score'> {
  @Field(() => Float, {
    description: 'Relevance (BM25 over title, headings and text, title and headings weighted higher); comparable only within one search.',
  })
  score!: number;

  @Field(() => [SearchHighlightType], { description: 'Up to three excerpts with the matches marked, the best-matching part first.' })
  highlights!: SearchHighlightType[];
}

@ObjectType('SearchEdge', { description: 'A search hit and the cursor of its position in the ranking.' })
export class SearchEdgeType {
  @Field({
    description:
      'Opaque position to pass as `after`. Valid for the content version it was issued for: after a reload it is rejected with `BAD_USER_INPUT`.',
  })
  cursor!: string;

  @Field(() => SearchHitType, { description: 'The hit at this position.' })
  node!: SearchHitValue;
}

@ObjectType('SearchConnection', { description: 'One page of search hits, best first (Relay connection).' })
export class SearchConnectionType {
  @Field(() => [SearchEdgeType], { description: 'The hits of this page with their cursors.' })
  edges!: SearchEdgeType[];

  @Field(() => PageInfoType, { description: 'Whether more hits follow, and the cursors to reach them.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'Hits in the whole ranking, not only this page.' })
  totalCount!: number;
}
