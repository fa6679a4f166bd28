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

/**
 * No `resolveType` here: Type-GraphQL wraps it in an async function, and graphql-jit reads the
 * type name straight off what resolveType returns, so a promise resolves to no type at all.
 * `schema.ts` gives the built interface `nodeTypeOf` itself, which both executors call alike.
 */
@InterfaceType('Node', {
  description: 'An object with a global id that `node(id)` and `nodes(ids)` can fetch again.',
})
export abstract class NodeType {
  @Field(() => ID, { description: 'Opaque global id, stable for as long as the underlying file keeps its path.' })
  id!: string;
}
