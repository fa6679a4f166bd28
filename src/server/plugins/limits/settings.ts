/** Bounds on what one request, or one WebSocket connection, may ask of the server. */
export interface RequestLimits {
  /** Deepest field nesting in an operation; introspection's `__schema` is not counted. */
  maxDepth: number;
  /** Aliased fields in an operation, fragments included. */
  maxAliases: number;
  /** Directives in an operation, fragments included. */
  maxDirectives: number;
  /** Lexical tokens in a query document; the parser stops one token past it. */
  maxTokens: number;
  /** Estimated cost of an operation (see `cost.ts`). */
  maxCost: number;
  /** Bytes of a request body, after decompression. */
  maxBodyBytes: number;
  /**
   * UTF-8 bytes of the query text itself, comments and white space included: a parsed
   * document keeps its whole source, and comments are not tokens.
   */
  maxQueryBytes: number;
  /** Milliseconds an operation may run before it is stopped. */
  timeoutMs: number;
  /** Operations running at once on one WebSocket connection, subscriptions included. */
  maxSubscriptions: number;
  /** WebSocket connections open at once in the process. */
  maxWebSockets: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
  maxCost: 5000,
  maxBodyBytes: 1024 * 1024,
  maxQueryBytes: 64 * 1024,
  timeoutMs: 10_000,
  maxSubscriptions: 10,
  maxWebSockets: 1000,
};
