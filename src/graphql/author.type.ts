import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { NodeType } from './node.type';

@Directive('@key(fields: "id")')
@ObjectType('Author', { simpleResolvers: true, description: 'A person named in the `author` front-matter key.', implements: NodeType })
export class AuthorType {
  @Field({ description: 'Name as written in the front matter.' })
  name!: string;

  @Field({ description: 'URL-safe slug of the name.' })
  slug!: string;

  @Field(() => Int, { description: 'Published articles by this author.' })
  articleCount!: number;
}
