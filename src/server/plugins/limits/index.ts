/**
 * Everything that bounds what one request may cost: body size, tokens, depth,
 * aliases, directives, estimated cost and execution time, plus introspection and field
 * suggestions, which only trusted setups get.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { GatewayContext } from '../../../graphql/context';
import type { Middleware } from '../../http/pipeline';
import { jsonBody } from './body';
import { costLimitPlugin } from './cost';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './settings';
import { knownOperationTypesPlugin } from './operation-types';
import { queryTextLimit } from './query-text';
import { noIntrospection, queryShapeRules } from './static-rules';
import { hideSuggestionsPlugin } from './suggestions';
import { executionTimeoutPlugin } from './timeout';
import { tokenLimitMessagePlugin } from './tokens';

export { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './settings';
export { DEFAULT_COST_MEMO_BYTES, operationCost, type PageSizes } from './cost';
export { LIMIT_FLAGS, limitFlagsUsage, type LimitFlag } from './flags';

export interface RequestGuards {
  limits: RequestLimits;
  /** For the Apollo server. */
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** For the GraphQL route: reads the JSON body within the size limit. */
  bodyReader: Middleware;
  /** For the GraphQL route, after the body reader: refuses query text over its own limit. */
  queryTextLimit: Middleware;
}

export function requestGuards(limits: Partial<RequestLimits> | undefined, introspection: boolean, costMemoBytes: number): RequestGuards {
  const resolved = { ...DEFAULT_REQUEST_LIMITS, ...definedOnly(limits) };
  return {
    limits: resolved,
    validationRules: [...(introspection ? [] : [noIntrospection]), ...queryShapeRules(resolved)],
    parseOptions: { maxTokens: resolved.maxTokens },
    plugins: [
      tokenLimitMessagePlugin(resolved.maxTokens),
      executionTimeoutPlugin(resolved.timeoutMs),
      knownOperationTypesPlugin(),
      costLimitPlugin(resolved.maxCost, costMemoBytes),
      ...(introspection ? [] : [hideSuggestionsPlugin()]),
    ],
    bodyReader: jsonBody(resolved.maxBodyBytes),
    queryTextLimit: queryTextLimit(resolved.maxQueryBytes),
  };
}

/** `{ maxDepth: undefined }` means "not configured", not "no limit". */
function definedOnly(limits: Partial<RequestLimits> | undefined): Partial<RequestLimits> {
  return Object.fromEntries(Object.entries(limits ?? {}).filter(([, value]) => value !== undefined));
}
