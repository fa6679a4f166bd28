/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's port and path, for
 * `subscription { contentChanged { ... } }`. Every operation gets its own context, pinned
 * to the snapshot served when it starts; each event carries the version it announces.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, parse, specifiedRules, validate, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type http from 'node:http';
import { WebSocketServer } from 'ws';
import type { ContentChange, ContentChangeListener } from '../../../content/load';
import type { ContentChangesContext } from '../../../graphql/content-changed.field';
import type { GatewayContext } from '../../../graphql/context';

/** A content source that announces its reloads; `ContentStore` is one. */
export interface ChangingContent {
  onChange(listener: ContentChangeListener): () => void;
}

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  /** Where WebSocket upgrades are accepted, e.g. `/graphql`. */
  path: string;
  /** The context of one operation; throws while the content is not there yet. */
  context: () => GatewayContext & ContentChangesContext;
  /** The same static limits as HTTP requests get. */
  validationRules?: readonly ValidationRule[];
  parseOptions?: ParseOptions;
  /** Hide internal error messages from clients. */
  production: boolean;
}

/** Starts accepting WebSocket connections at once; the returned plugin closes them when Apollo drains. */
export function subscriptionServer(options: SubscriptionServerOptions): ApolloServerPlugin<GatewayContext> {
  const webSocketServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  const rules = [...specifiedRules, ...(options.validationRules ?? [])];
  const cleanup = useServer(
    {
      isProd: options.production,
      onSubscribe: (_context, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, options.parseOptions);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const errors = validate(options.schema, document, rules);
        if (errors.length > 0) return errors;
        try {
          return {
            schema: options.schema,
            document,
            variableValues: payload.variables,
            operationName: payload.operationName,
            contextValue: options.context(),
          };
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The server cannot take operations yet.')];
        }
      },
    },
    webSocketServer,
  );
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await cleanup.dispose();
        },
      };
    },
  };
}

/** The context of a WebSocket operation: a request context plus the stream of content changes. */
export function subscriptionContext(
  requestContext: GatewayContext,
  content: Partial<ChangingContent>,
): GatewayContext & ContentChangesContext {
  if (content.onChange === undefined) return requestContext;
  return { ...requestContext, contentChanges: () => changesOf(content as ChangingContent) };
}

/** The changes announced from now until the consumer stops. */
function changesOf(content: ChangingContent): AsyncIterableIterator<ContentChange> {
  const queued: ContentChange[] = [];
  let waiting: ((result: IteratorResult<ContentChange>) => void) | null = null;
  let done = false;
  const unsubscribe = content.onChange((change) => {
    if (waiting === null) queued.push(change);
    else {
      waiting({ value: change, done: false });
      waiting = null;
    }
  });
  const finish = async (): Promise<IteratorResult<ContentChange>> => {
    done = true;
    unsubscribe();
    queued.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = null;
    return { value: undefined, done: true };
  };
  return {
    next: () => {
      if (queued.length > 0) return Promise.resolve({ value: queued.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: finish,
    throw: async (error: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
