import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from './context';
import { badUserInput } from './errors';
import { fromGlobalId, splitSectionKey } from './global-id';
import { asNode, NodeType, type TypedNode } from './node.type';
import { sectionsOf } from './section.value';

async function loadNode({ loaders }: GatewayContext, id: string): Promise<TypedNode<object> | null> {
  const globalId = fromGlobalId(id);
  if (!globalId) return null;
  const { type, key } = globalId;
  const typed = <T extends object>(value: T | null) => (value === null ? null : asNode(type, value));
  switch (type) {
    case 'Article':
      return typed(await loaders.articles.load(key));
    case 'Category':
      return typed(await loaders.categories.load(key));
    case 'Author':
      return typed(await loaders.authors.load(key));
    case 'Tag':
      return typed(await loaders.tags.load(key));
    case 'Section': {
      const parts = splitSectionKey(key);
      const article = parts && (await loaders.articles.load(parts.articleSlug));
      return typed((article && sectionsOf(article).find((section) => section.anchor === parts!.anchor)) ?? null);
    }
  }
}

@Resolver()
export class NodeResolver {
  @Query(() => NodeType, { nullable: true, description: 'Any object by its global id; null when unknown.' })
  node(
    @Ctx() context: GatewayContext,
    @Arg('id', () => ID, { description: 'Global id, as returned in an `id` field.' }) id: string,
  ): Promise<TypedNode<object> | null> {
    return loadNode(context, id);
  }

  @Query(() => [NodeType], { nullable: 'items', description: 'Objects by global id, in the order asked; null for each unknown id.' })
  nodes(
    @Ctx() context: GatewayContext,
    @Arg('ids', () => [ID], { description: 'Global ids, at most 100 unless configured.' }) ids: string[],
  ): Promise<(TypedNode<object> | null)[]> {
    const { maxPageSize } = context.settings;
    if (ids.length > maxPageSize) throw badUserInput(`\`ids\` must hold at most ${maxPageSize} ids (got ${ids.length}).`);
    return Promise.all(ids.map((id) => loadNode(context, id)));
  }
}
