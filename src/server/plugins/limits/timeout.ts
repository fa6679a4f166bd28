/**
 * Stops an operation that runs past its deadline. JavaScript cannot interrupt a resolver
 * that is running, so the deadline is checked each time a field is about to resolve: once
 * it has passed, every remaining field fails at once, execution unwinds quickly, and the
 * client gets one clear error instead of a partial result.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { performance } from 'node:perf_hooks';

export const EXECUTION_TIMEOUT = 'EXECUTION_TIMEOUT';

export function executionTimeoutPlugin(timeoutMs: number): ApolloServerPlugin {
  const message = `Execution time limit of ${timeoutMs} ms exceeded; the operation was stopped.`;
  return {
    async requestDidStart() {
      const deadline = performance.now() + timeoutMs;
      let timedOut = false;
      return {
        async executionDidStart() {
          return {
            willResolveField() {
              if (timedOut || performance.now() > deadline) {
                timedOut = true;
                throw new GraphQLError(message, { extensions: { code: EXECUTION_TIMEOUT } });
              }
            },
          };
        },
        async willSendResponse({ response }) {
          if (!timedOut || response.body.kind !== 'single') return;
          const { extensions } = response.body.singleResult;
          response.body.singleResult = { data: null, errors: [{ message, extensions: { code: EXECUTION_TIMEOUT } }], extensions };
          response.http.status = 503;
        },
      };
    },
  };
}
