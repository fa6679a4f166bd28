import { Field, ObjectType } from 'type-graphql';
import { SearchHitType } from './search-hit.type';
import type { SearchHitValue } from './search-hit.value';

@ObjectType('SearchEdge', {
  simpleResolvers: true,
  description: 'A search hit and the cursor of its position in the ranking.',
})
export class SearchEdgeType {
  @Field({
    description:
      'Opaque position to pass as `after`. Valid for the content version it was issued for: after a reload it is rejected with `BAD_USER_INPUT`.',
  })
  cursor!: string;

  @Field(() => SearchHitType, { description: 'The hit at this position.' })
  node!: SearchHitValue;
}
