/**
 * Authors and tags have the same shape: a named group of articles. One class definition
 * serves both, each under its own GraphQL name and descriptions.
 */
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { NodeType } from './node.interface';

interface ArticleGroupTypeDefinition {
  name: 'Author' | 'Tag';
  description: string;
  /** How the articles are grouped, for the count's description: `by this author`. */
  members: string;
}

export function createArticleGroupType({ name, description, members }: ArticleGroupTypeDefinition) {
  @Directive('@key(fields: "id")')
  @ObjectType(name, { simpleResolvers: true, description, implements: NodeType })
  class ArticleGroupType {
    @Field({ description: 'Name as written in the front matter.' })
    name!: string;

    @Field({ description: 'URL-safe slug of the name.' })
    slug!: string;

    @Field(() => Int, { description: `Published articles ${members}.` })
    articleCount!: number;
  }
  return ArticleGroupType;
}
