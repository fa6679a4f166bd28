import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class CategoryListArgs {
  @Field(() => String, { nullable: true, description: 'Only the direct children of this category.' })
  parentSlug?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Only categories without a parent.' })
  rootsOnly!: boolean;
}
