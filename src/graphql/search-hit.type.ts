import { Field, Float, ObjectType } from 'type-graphql';
import { SearchHighlightType } from './search-highlight.type';
import type { SearchHitValue } from './search-hit.value';

@ObjectType('SearchHit', {
  simpleResolvers: true,
  description: 'An article that matches a search, with where and how well it matches.',
})
export class SearchHitType implements Pick<SearchHitValue, 'score'> {
  @Field(() => Float, {
    description: 'Relevance (BM25 over title, headings and text, title and headings weighted higher); comparable only within one search.',
  })
  score!: number;

  @Field(() => [SearchHighlightType], { description: 'Up to three excerpts with the matches marked, the best-matching part first.' })
  highlights!: SearchHighlightType[];
}
