import { Field, Int, ObjectType } from 'type-graphql';
import type { HighlightRangeValue } from './search-hit.value';

@ObjectType('HighlightRange', {
  simpleResolvers: true,
  description:
    'Where a match lies in `SearchHighlight.text`: offsets in UTF-16 code units (JavaScript string indices), `start` included, `end` excluded.',
})
export class HighlightRangeType implements HighlightRangeValue {
  @Field(() => Int, { description: 'Offset of the first character of the match.' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last character of the match.' })
  end!: number;
}
