import { Directive, Field, ObjectType } from 'type-graphql';
import { NodeType } from './node.interface';

/** The snapshot's categories count as instances, for the reason given on `ArticleType`. */
@Directive('@key(fields: "id")')
@ObjectType('Category', {
  simpleResolvers: true,
  description: 'A node of a category hierarchy, as written in the front matter of the articles filed under it.',
  implements: NodeType,
})
export class CategoryType {
  @Field({ description: 'Name as written in the front matter.' })
  name!: string;

  @Field({ description: "Path of slugs from the root, joined by `/`: the parent's slug, `/`, this name's slug." })
  slug!: string;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && 'childSlugs' in value && 'articleCountWithDescendants' in value;
  }
}
