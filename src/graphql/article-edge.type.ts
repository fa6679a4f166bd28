import { Field, ObjectType } from 'type-graphql';
import type { Article } from '../content/model';
import { ArticleType } from './article.type';

@ObjectType('ArticleEdge', { simpleResolvers: true, description: 'An article and the cursor of its position in the list.' })
export class ArticleEdgeType {
  @Field({ description: 'Opaque position to pass as `after` or `before`; it stays valid across content reloads.' })
  cursor!: string;

  @Field(() => ArticleType, { description: 'The article at this position.' })
  node!: Article;
}
