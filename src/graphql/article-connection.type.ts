import { Field, Int, ObjectType } from 'type-graphql';
import type { Article } from '../content/model';
import { ArticleEdgeType } from './article-edge.type';
import { ArticleType } from './article.type';
import { PageInfoType } from './page-info.type';

@ObjectType('ArticleConnection', { simpleResolvers: true, description: 'One page of a list of articles (Relay connection).' })
export class ArticleConnectionType {
  @Field(() => [ArticleEdgeType], { description: 'The articles of this page with their cursors.' })
  edges!: ArticleEdgeType[];

  @Field(() => [ArticleType], { description: 'The articles of this page, when cursors are not needed.' })
  nodes!: Article[];

  @Field(() => PageInfoType, { description: 'Whether more pages exist, and the cursors to reach them.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'Articles in the whole filtered list, not only this page.' })
  totalCount!: number;
}
