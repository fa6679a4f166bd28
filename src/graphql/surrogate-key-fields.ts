/**
 * Collects an answer's surrogate keys (see `surrogate-keys.ts`) while it is made: the
 * resolvers of the fields that hand out objects with an id, lists of them or listings are
 * wrapped once, when the schema is built, and each call adds to the request's `SurrogateKeys`.
 * Other fields are left alone, and a request that collects nothing (no `--cdn-max-age`)
 * pays one property check per wrapped field. A value a resolver returns at once is recorded
 * at once, so the fields the loaders fetched ahead still resolve without a promise.
 */
import {
  defaultFieldResolver,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { NODE_TYPE_NAMES, sectionKey, type NodeTypeName } from './global-id';
import { nodeTypeOf, type TypedNode } from './node.interface';
import type { SectionValue } from './section.value';
import { CONTENT_STATUS_KEY, listKey, type SurrogateKeys } from './surrogate-keys';

/** What a wrapped field records of the value it resolved to. */
type Recorder = (value: unknown, keys: SurrogateKeys) => void;

/** Answers holding these types list articles. */
const CONNECTIONS: Readonly<Partial<Record<string, NodeTypeName>>> = { ArticleConnection: 'Article', SearchConnection: 'Article' };
/** Fields whose answer depends on the list of articles, though they return no connection. */
const LISTINGS: Readonly<Partial<Record<string, NodeTypeName>>> = {
  'Query.archive': 'Article',
  'Article.previous': 'Article',
  'Article.next': 'Article',
};

const isNodeType = (name: string): name is NodeTypeName => (NODE_TYPE_NAMES as readonly string[]).includes(name);

/** Wraps, in place, the resolvers of the fields that hand out what surrogate keys name. */
export function recordSurrogateKeys(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const record = recorderOf(`${type.name}.${field.name}`, field, type === query);
      if (record) field.resolve = recording(field.resolve ?? defaultFieldResolver, record);
    }
  }
  return schema;
}

function recorderOf(coordinate: string, field: GraphQLField<unknown, unknown>, root: boolean): Recorder | null {
  const recorders: Recorder[] = [];
  const named = getNamedType(field.type).name;
  const listed = LISTINGS[coordinate] ?? CONNECTIONS[named];
  if (listed) recorders.push(keyRecorder(listKey(listed)));
  if (named === 'ContentStatus') recorders.push(keyRecorder(CONTENT_STATUS_KEY));
  if (isNodeType(named)) {
    recorders.push(objectRecorder(() => named));
    // What a root lookup or list answers changes when objects of the type come and go.
    if (root) recorders.push(missRecorder([named], isListType(isNonNullType(field.type) ? field.type.ofType : field.type)));
  } else if (named === 'Node') {
    recorders.push(objectRecorder((value) => nodeTypeOf(value as TypedNode<object>)));
    if (root) recorders.push(missRecorder(NODE_TYPE_NAMES, false));
  }
  if (recorders.length === 0) return null;
  return (value, keys) => {
    for (const record of recorders) record(value, keys);
  };
}

function keyRecorder(key: string): Recorder {
  return (_value, keys) => {
    keys.add(key);
  };
}

function objectRecorder(typeOf: (value: object) => NodeTypeName): Recorder {
  const recordOne = (value: unknown, keys: SurrogateKeys) => {
    if (value === null || value === undefined) return;
    const type = typeOf(value);
    keys.addObject(type, localKey(type, value));
  };
  return (value, keys) => {
    if (Array.isArray(value)) for (const item of value) recordOne(item, keys);
    else recordOne(value, keys);
  };
}

/** A list, or a lookup that found nothing (a list that misses one of its ids included). */
function missRecorder(types: readonly NodeTypeName[], list: boolean): Recorder {
  return (value, keys) => {
    const missed = value === null || (Array.isArray(value) && value.some((item) => item === null));
    if (list || missed) for (const type of types) keys.add(listKey(type));
  };
}

/** The key of the value's global id. */
function localKey(type: NodeTypeName, value: object): string {
  if (type === 'Section') {
    const { articleSlug, anchor } = value as SectionValue;
    return sectionKey(articleSlug, anchor);
  }
  return (value as { slug: string }).slug;
}

function recording(resolve: GraphQLFieldResolver<unknown, unknown>, record: Recorder): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const result = resolve(source, args, context, info);
    const keys = (context as { surrogateKeys?: SurrogateKeys }).surrogateKeys;
    if (keys === undefined) return result;
    if (isPromiseLike(result))
      return result.then((value) => {
        record(value, keys);
        return value;
      });
    record(result, keys);
    return result;
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
