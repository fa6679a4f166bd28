import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', { simpleResolvers: true, description: 'Where a page sits in the whole list.' })
export class PageInfoType {
  @Field({ description: 'Whether articles follow the last edge of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether articles precede the first edge of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge, null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge, null for an empty page.' })
  endCursor!: string | null;
}
