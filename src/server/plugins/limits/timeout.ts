/**
 * Stops an operation that runs past its deadline: starts the request's `Deadline`, which
 * the GraphQL layer checks before each step that fetches more data, and turns an operation
 * that hit it into one error and a 503 instead of a partial result.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../../graphql/context';
import { EXECUTION_TIMEOUT, type Deadline } from '../../../graphql/deadline';

/** What an operation that hit its deadline answers, whatever it had resolved by then. */
export function timedOutResult(deadline: Deadline) {
  return { data: null, errors: [{ message: deadline.message, extensions: { code: EXECUTION_TIMEOUT } }] };
}

export function executionTimeoutPlugin(timeoutMs: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      contextValue.deadline.start(timeoutMs);
      return {
        async willSendResponse({ response }) {
          if (!contextValue.deadline.expired || response.body.kind !== 'single') return;
          const { extensions } = response.body.singleResult;
          response.body.singleResult = { ...timedOutResult(contextValue.deadline), extensions };
          response.http.status = 503;
        },
      };
    },
  };
}
