import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './settings';

export interface LimitFlag {
  /** Command-line flag without its dashes. */
  flag: string;
  /** Environment variable read when the flag is absent. */
  env: string;
  key: keyof RequestLimits;
  description: string;
}

/** How each limit is configured from outside; `serve` reads these and SECURITY.md lists them. */
export const LIMIT_FLAGS: readonly LimitFlag[] = [
  { flag: 'max-depth', env: 'MAX_DEPTH', key: 'maxDepth', description: 'deepest field nesting' },
  { flag: 'max-aliases', env: 'MAX_ALIASES', key: 'maxAliases', description: 'aliased fields per operation' },
  { flag: 'max-directives', env: 'MAX_DIRECTIVES', key: 'maxDirectives', description: 'directives per operation' },
  { flag: 'max-tokens', env: 'MAX_TOKENS', key: 'maxTokens', description: 'tokens per query document' },
  { flag: 'max-cost', env: 'MAX_COST', key: 'maxCost', description: 'estimated cost per operation' },
  { flag: 'max-body-bytes', env: 'MAX_BODY_BYTES', key: 'maxBodyBytes', description: 'request body size' },
  { flag: 'max-query-bytes', env: 'MAX_QUERY_BYTES', key: 'maxQueryBytes', description: 'query text size, comments included' },
  { flag: 'request-timeout-ms', env: 'REQUEST_TIMEOUT_MS', key: 'timeoutMs', description: 'execution time per operation' },
  {
    flag: 'max-subscriptions',
    env: 'MAX_SUBSCRIPTIONS',
    key: 'maxSubscriptions',
    description: 'operations at once per WebSocket connection',
  },
  { flag: 'max-websockets', env: 'MAX_WEBSOCKETS', key: 'maxWebSockets', description: 'WebSocket connections at once' },
];

/** Usage lines for the limit flags, aligned like the rest of `serve --help`. */
export function limitFlagsUsage(): string {
  return LIMIT_FLAGS.map(
    ({ flag, env, key, description }) =>
      `  ${`--${flag} N`.padEnd(19)} ${description} (env ${env}, default ${DEFAULT_REQUEST_LIMITS[key]})`,
  ).join('\n');
}
