import { Field, ObjectType } from 'type-graphql';

@ObjectType('Image', { simpleResolvers: true, description: 'An image of an article body, in document order.' })
export class ImageType {
  @Field({ description: 'The `src` attribute as written in the post.' })
  src!: string;

  @Field(() => String, { nullable: true, description: 'The `alt` text, or null when the image has none.' })
  alt!: string | null;
}
