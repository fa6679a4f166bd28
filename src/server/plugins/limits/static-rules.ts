/**
 * Limits decided by the shape of the query alone. They run as validation rules, so a
 * refused operation gets `GRAPHQL_VALIDATION_FAILED` and never executes.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { RequestLimits } from './settings';

/** Armor words every refusal as a syntax error; these are not syntax errors. */
function reportLimit(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
}

const onRejection = { propagateOnRejection: false, onReject: [reportLimit], exposeLimits: true };

export function queryShapeRules(limits: Pick<RequestLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...onRejection },
    maxAliases: { n: limits.maxAliases, ...onRejection },
    maxDirectives: { n: limits.maxDirectives, ...onRejection },
    // Tokens are left to the parser, cost waits for the variables, and suggestions go
    // with introspection: see the neighbouring modules.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules;
}

/** Refuses `__schema` and `__type`; `__typename` stays, clients need it. */
export const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(new GraphQLError('Introspection is disabled on this server.', { nodes: [node] }));
    }
  },
});
