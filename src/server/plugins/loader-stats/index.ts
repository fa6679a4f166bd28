/**
 * Debug aid: each response carries what its DataLoaders cost, so N+1 patterns show up in
 * the response itself instead of needing a profiler.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../../graphql/context';

export function loaderStatsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, loaders: contextValue.loaders.counts() };
        },
      };
    },
  };
}
