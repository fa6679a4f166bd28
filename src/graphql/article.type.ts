import { Field, ObjectType } from 'type-graphql';
import { NodeType } from './node.type';

@ObjectType('Article', { description: 'A published post: its front matter, rendered body and links.', implements: NodeType })
export class ArticleType {
  @Field({ description: 'Path below the content root without `.md`, with `/` separators.' })
  slug!: string;

  @Field({ description: 'Path of the source file relative to the content root.' })
  path!: string;
}
