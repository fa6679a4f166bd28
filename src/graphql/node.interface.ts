import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeTypeName } from './global-id';

/**
 * Node lookups hand out the snapshot's own objects; Author and Tag have the same shape, so
 * the concrete type travels with the value instead of being guessed from it.
 */
const NODE_TYPE = Symbol('nodeType');

export type TypedNode<T extends object> = T & { [NODE_TYPE]: NodeTypeName };

export function asNode<T extends object>(type: NodeTypeName, value: T): TypedNode<T> {
  return { ...value, [NODE_TYPE]: type };
}

/** The type a node lookup handed out the value as. */
export function nodeTypeOf(value: TypedNode<object>): NodeTypeName {
  return value[NODE_TYPE];
}

@InterfaceType('Node', {
  description: 'An object with a global id that `node(id)` and `nodes(ids)` can fetch again.',
  resolveType: nodeTypeOf,
})
export abstract class NodeType {
  @Field(() => ID, { description: 'Opaque global id, stable for as long as the underlying file keeps its path.' })
  id!: string;
}
