/**
 * `Subscription.contentChanged`. Its events come from the content source of the server
 * that runs the operation, which reaches the field through the context; the schema itself
 * is shared by every server in the process, so it cannot hold a source of its own.
 */
import { GraphQLError, GraphQLNonNull, type GraphQLFieldConfig, type GraphQLObjectType } from 'graphql';
import type { ContentChange } from '../content/content-store';
import { changedKeys } from './surrogate-keys';

/** What the subscription reads from its context; only a live transport provides it. */
export interface ContentChangesContext {
  contentChanges?: () => AsyncIterable<ContentChange>;
}

export function contentChangedField(contentChangedType: GraphQLObjectType): GraphQLFieldConfig<ContentChange, ContentChangesContext> {
  return {
    type: new GraphQLNonNull(contentChangedType),
    description:
      'An event after every reload that changed the served content, so a client can refetch what it shows. Served over WebSocket (graphql-ws protocol) at the GraphQL endpoint.',
    subscribe: (_source, _args, { contentChanges }) => {
      if (contentChanges === undefined) {
        throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws protocol) at this endpoint.', {
          extensions: { code: 'BAD_REQUEST' },
        });
      }
      return contentChanges();
    },
    resolve: (change) => ({ ...change, keys: changedKeys(change.touched) }),
  };
}
