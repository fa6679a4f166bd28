/**
 * Which engine executes an operation: graphql-js, which walks the document on every request, or
 * graphql-jit, which compiles each document (per operation) into a function once and calls that.
 * Apollo Server runs its own pipeline (parse, validate, plugins) either way and hands the
 * operation to the executor of a `gateway`, the one documented way to replace its execution.
 */
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, getVariableValues, parse, printSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { documentBytes } from '../document-store';

export const EXECUTORS = ['graphql-js', 'jit'] as const;
export type ExecutorName = (typeof EXECUTORS)[number];
export const DEFAULT_EXECUTOR: ExecutorName = 'graphql-js';

export const DEFAULT_COMPILED_QUERY_CACHE_BYTES = 16 * 2 ** 20;

/**
 * Heap a compiled operation holds for each byte its parsed document is charged: 0.77 measured
 * with `--expose-gc` over 2,000 compiled pages of 20 articles (22 KB each) before their first
 * call; the bytecode the first call makes is not in that figure, so charge twice as much.
 */
const COMPILED_BYTES_PER_DOCUMENT_BYTE = 2;

export interface JitOptions {
  schema: GraphQLSchema;
  /** Heap bytes of compiled operations kept, least recently used first out. */
  maxBytes: number;
  /** Documents known ahead (trusted documents), compiled before the first request. */
  known?: Iterable<string>;
}

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** Apollo's key of a document: the hex SHA-256 of its text. */
function queryHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A gateway in name only: the schema is ours and fixed; what it brings is the compiling executor. */
export function jitGateway({ schema, maxBytes, known = [] }: JitOptions): GatewayInterface {
  // Loaded here, with `--executor jit`, not at start: graphql-jit and its JSON serialisers take a tenth of a warm start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load; import() would go through the ESM loader
  const { compileQuery, isCompiledQuery } = require('graphql-jit') as typeof import('graphql-jit');
  const compiled = new LRUCache<string, CompiledQuery>({ maxSize: maxBytes });
  /** The compiled operation, or the errors graphql-jit found in it (variable definitions it cannot coerce). */
  const compiledFor = (hash: string, document: DocumentNode, operationName: string | null) => {
    const key = `${hash}:${operationName ?? ''}`;
    const found = compiled.get(key);
    if (found) return found;
    const result = compileQuery(schema, document, operationName ?? undefined);
    if (isCompiledQuery(result)) compiled.set(key, result, { size: COMPILED_BYTES_PER_DOCUMENT_BYTE * documentBytes(document) });
    return result;
  };
  for (const text of known) compiledFor(queryHash(text), parse(text), null);

  const executor: GatewayExecutor = async ({ document, operation, operationName, queryHash, context, request }) => {
    // Without an operation (an unknown operationName) graphql-js says why, in the error Apollo expects;
    // the context's own `operationName` is that of the operation resolved, so the request's is asked for.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as always there, null at run time
    if (!operation)
      return execute({ schema, document, operationName: request.operationName, contextValue: context, variableValues: request.variables });
    const query = compiledFor(queryHash, document, operationName);
    if (!isCompiledQuery(query)) return query;
    const result = await query.query(undefined, context, request.variables);
    if (result.data !== undefined || !result.errors) return result;
    // Refused variables: graphql-js's errors, which Apollo turns into BAD_USER_INPUT as on the other path.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    return coerced.errors ? { errors: coerced.errors } : result;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: () => Promise.resolve({ executor }),
    stop: () => Promise.resolve(),
  };
}
