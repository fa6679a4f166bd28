/**
 * The checks every operation passes before it runs, whichever transport carries it. Over HTTP,
 * Apollo parses and validates with `parseOptions` and `validationRules`, and its plugins call
 * `checkResolved` once the operation is known; the WebSocket transport, which Apollo does not
 * serve, calls `check`, which runs the same steps in the same order with the same errors, the
 * query-text bound (a middleware over HTTP) first.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import type { GatewayContext } from '../../../graphql/context';
import { costLimit, type PageSizes } from './cost';
import { unknownOperationTypeError } from './operation-types';
import { QUERY_TOO_LARGE, queryTooLargeMessage } from './query-text';
import type { RequestLimits } from './settings';
import { noIntrospection, queryShapeRules } from './static-rules';
import { tokenLimitMessage } from './tokens';

/** An operation as a client sends it. */
export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** An operation that passed every check, ready to execute. */
export interface CheckedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

export interface OperationChecks {
  /** Parser options: the token limit. */
  parseOptions: ParseOptions;
  /** Rules beyond the specified ones: shape limits, and no introspection unless allowed. */
  validationRules: ValidationRule[];
  /** The checks that need the operation and its variables: a root type the schema has, then the cost. */
  checkResolved(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
    pages: PageSizes,
  ): GraphQLError | null;
  /** Every check, from the text: parse, validate, pick the operation, coerce its variables, `checkResolved`. */
  check(schema: GraphQLSchema, request: OperationRequest, pages: PageSizes): CheckedOperation | GraphQLError[];
}

export function operationChecks(limits: RequestLimits, introspection: boolean, costMemoBytes: number): OperationChecks {
  const parseOptions = { maxTokens: limits.maxTokens };
  const validationRules = [...(introspection ? [] : [noIntrospection]), ...queryShapeRules(limits)];
  const allRules = [...specifiedRules, ...validationRules];
  const cost = costLimit(limits.maxCost, costMemoBytes);
  const checkResolved: OperationChecks['checkResolved'] = (schema, document, operation, variables, pages) =>
    unknownOperationTypeError(schema, operation) ?? cost(schema, document, operation, variables, pages);
  return {
    parseOptions,
    validationRules,
    checkResolved,
    check(schema, { query, variables, operationName }, pages) {
      if (Buffer.byteLength(query) > limits.maxQueryBytes) return [coded(queryTooLargeMessage(limits.maxQueryBytes), QUERY_TOO_LARGE)];
      let document: DocumentNode;
      try {
        document = parse(query, parseOptions);
      } catch (error) {
        const message = tokenLimitMessage(limits.maxTokens, query, error);
        return [coded(message, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED, error)];
      }
      const invalid = validate(schema, document, allRules);
      if (invalid.length > 0) return invalid.map((error) => coded(error.message, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED, error));
      const operation = getOperationAST(document, operationName);
      if (!operation) {
        const message = operationName
          ? `Unknown operation named "${operationName}".`
          : 'Must provide operation name if query contains multiple operations.';
        return [coded(message, ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE)];
      }
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
      if (coerced.errors) return coerced.errors.map((error) => coded(error.message, ApolloServerErrorCode.BAD_USER_INPUT, error));
      const refused = checkResolved(schema, document, operation, variables ?? undefined, pages);
      return refused ? [refused] : { document, operation };
    },
  };
}

/** The error with the code Apollo gives the same refusal over HTTP. */
function coded(message: string, code: string, source?: unknown): GraphQLError {
  const nodes = source instanceof GraphQLError ? source.nodes : undefined;
  return new GraphQLError(message, { nodes, extensions: { code } });
}

/** Runs `checkResolved` for Apollo, once it knows the operation. */
export function resolvedOperationPlugin(checks: OperationChecks): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const refused = checks.checkResolved(schema, document, operation, request.variables, contextValue.settings);
          if (refused) throw refused;
        },
      };
    },
  };
}
