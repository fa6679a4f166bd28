/**
 * Which engine executes an operation: graphql-js, which walks the document on every request, or
 * graphql-jit, which compiles each document (per operation) into a function once and calls that.
 * Apollo Server runs its own pipeline (parse, validate, plugins) either way and hands the
 * operation to the executor of a `gateway`, the one documented way to replace its execution.
 */
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  printSchema,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type Source,
} from 'graphql';
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

/** The offset in `source` of a line and column, as graphql-js's `getLocation` counts them. */
function positionOf(source: Source, { line, column }: { line: number; column: number }): number {
  const lineStarts = [0];
  for (const end of source.body.matchAll(/\r\n|[\n\r]/g)) lineStarts.push(end.index + end[0].length);
  return (lineStarts[line - 1] ?? 0) + column - 1;
}

/**
 * graphql-jit builds its errors with a GraphQLError of its own whose `extensions` is undefined
 * unless the error thrown had some, and Apollo reads `extensions.code` of every error: each one
 * becomes graphql-js's GraphQLError, at the same locations, as the other executor answers.
 */
function withGraphQLErrors(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors) return result;
  const source = document.loc?.source;
  const errors = result.errors.map(
    (error) =>
      new GraphQLError(error.message, {
        source,
        positions: source && error.locations?.map((location) => positionOf(source, location)),
        path: error.path,
        originalError: error.originalError,
        extensions: error.extensions,
      }),
  );
  return { ...result, errors };
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
  // Keyed as a request finds them, by the name of the operation Apollo resolved, so each
  // operation of a document is compiled under its own name.
  for (const text of known) {
    const document = parse(text);
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) compiledFor(queryHash(text), document, definition.name?.value ?? null);
    }
  }

  const executor: GatewayExecutor = async ({ document, operation, operationName, queryHash, context, request }) => {
    // Without an operation (an unknown operationName) graphql-js says why, in the error Apollo expects;
    // the context's own `operationName` is that of the operation resolved, so the request's is asked for.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as always there, null at run time
    if (!operation)
      return execute({ schema, document, operationName: request.operationName, contextValue: context, variableValues: request.variables });
    const query = compiledFor(queryHash, document, operationName);
    if (!isCompiledQuery(query)) return withGraphQLErrors(query, document);
    const result = withGraphQLErrors(await query.query(undefined, context, request.variables), document);
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
