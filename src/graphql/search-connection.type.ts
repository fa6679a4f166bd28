import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfoType } from './page-info.type';
import { SearchEdgeType } from './search-edge.type';

@ObjectType('SearchConnection', {
  simpleResolvers: true,
  description: 'One page of search hits, best first (Relay connection).',
})
export class SearchConnectionType {
  @Field(() => [SearchEdgeType], { description: 'The hits of this page with their cursors.' })
  edges!: SearchEdgeType[];

  @Field(() => PageInfoType, { description: 'Whether more hits follow, and the cursors to reach them.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'Hits in the whole ranking, not only this page.' })
  totalCount!: number;
}
