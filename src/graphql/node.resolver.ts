import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from './context';
import { badUserInput } from './errors';
import { loadNode } from './node-lookup';
import { NodeType, type TypedNode } from './node.interface';
import { DEFAULT_GRAPHQL_SETTINGS } from './context';

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
    @Arg('ids', () => [ID], { description: `Global ids, at most ${DEFAULT_GRAPHQL_SETTINGS.maxPageSize} unless configured.` })
    ids: string[],
  ): Promise<(TypedNode<object> | null)[]> {
    const { maxPageSize } = context.settings;
    if (ids.length > maxPageSize) throw badUserInput(`\`ids\` must hold at most ${maxPageSize} ids (got ${ids.length}).`);
    return Promise.all(ids.map((id) => loadNode(context, id)));
  }
}
