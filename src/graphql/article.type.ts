import { Directive, Field, ObjectType } from 'type-graphql';
import { NodeType } from './node.interface';

/**
 * Resolvers serve the snapshot's own `Article`. Type-GraphQL gives a field resolver its root as
 * an instance of the type's class, copying a plain object into a new instance for every field
 * it resolves; this class has no behaviour to gain from that, so the snapshot's articles count
 * as instances. Fields without a resolver read plain properties (`simpleResolvers`), which
 * graphql-js does itself, without Type-GraphQL's per-field wrapper.
 */
@Directive('@key(fields: "id")')
@Directive('@key(fields: "slug")')
@ObjectType('Article', {
  simpleResolvers: true,
  description: 'A published post: its front matter, rendered body and links.',
  implements: NodeType,
})
export class ArticleType {
  @Field({ description: 'Path below the content root without `.md`, with `/` separators.' })
  slug!: string;

  @Field({ description: 'Path of the source file relative to the content root.' })
  path!: string;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && 'meta' in value && 'body' in value;
  }
}
