import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class ArticleLookupArgs {
  @Field(() => String, { nullable: true, description: 'Slug of the article.' })
  slug?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the article.' })
  id?: string | null;
}
