/**
 * Errors the client caused (bad input, unknown fields) go out as they are. Anything else is
 * a server fault: it is logged in full, and in production the client only learns its code.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger';

const INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR';

export function createErrorFormatter(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== INTERNAL_SERVER_ERROR) return formatted;
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error while resolving a request');
    if (!production) return formatted;
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: INTERNAL_SERVER_ERROR },
    };
  };
}
