import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { NodeType } from './node.type';

@Directive('@key(fields: "id")')
@ObjectType('Tag', { simpleResolvers: true, description: 'A keyword from the `tags` front-matter key.', implements: NodeType })
export class TagType {
  @Field({ description: 'Name as written in the front matter.' })
  name!: string;

  @Field({ description: 'URL-safe slug of the name.' })
  slug!: string;

  @Field(() => Int, { description: 'Published articles with this tag.' })
  articleCount!: number;
}
