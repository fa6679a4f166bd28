import { GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/**
 * graphql-js 16 notices a missing root type only once it executes, and reports it as a
 * server fault: every `mutation { x }` a scanner sends would be logged as an internal error.
 * It is checked once the operation is known, so a mutation sent over GET still gets its 405.
 */
export function unknownOperationTypeError(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLError | null {
  if (schema.getRootType(operation.operation)) return null;
  return new GraphQLError(`The schema defines no ${operation.operation} operations.`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}
