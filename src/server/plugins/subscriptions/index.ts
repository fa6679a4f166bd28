/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's port and path, for
 * `subscription { contentChanged { ... } }`. Every operation gets its own context, pinned
 * to the snapshot served when it starts; each event carries the version it announces.
 *
 * The socket is held to what HTTP requests are held to: the same trusted documents, the same
 * checks before anything runs (`RequestGuards.checks`), the same deadline, the same error
 * masking, and frames no larger than a request body. Queries and mutations may run over it too,
 * as graphql-ws allows, because they pass all of that; upgrades are refused from other sites'
 * pages (see `origin.ts`), past the connection cap, and operations past the per-connection cap.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { handleProtocols, makeServer, type SubscribePayload } from 'graphql-ws';
import type http from 'node:http';
import { WebSocketServer } from 'ws';
import type { ContentChange, ContentChangeListener } from '../../../content/content-store';
import type { ContentChangesContext } from '../../../graphql/content-changed.field';
import type { GatewayContext } from '../../../graphql/context';
import type { Logger } from '../../logger';
import { timedOutResult, type RequestGuards } from '../limits';
import { persistedQueryHash, trustedDocument, type TrustedDocuments } from '../trusted-documents';
import { originAllowed } from './origin';
import { serveSockets, type SocketExtra } from './sockets';

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
  /** The checks and limits HTTP requests get. */
  guards: RequestGuards;
  /** Run only these documents, as over HTTP. */
  trustedDocuments?: TrustedDocuments;
  /** Pages allowed to connect besides the gateway's own: the `--cors` origins, or `*`. */
  corsOrigins?: readonly string[];
  /** The HTTP side's error formatter: logs internal errors and, in production, masks them. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  /** Hide internal error messages from close reasons. */
  production: boolean;
}

/** Starts accepting WebSocket connections at once; the returned plugin closes them when Apollo drains. */
export function subscriptionServer(options: SubscriptionServerOptions): ApolloServerPlugin<GatewayContext> {
  const { schema, guards, logger } = options;
  const { maxBodyBytes, maxSubscriptions, maxWebSockets, timeoutMs } = guards.limits;
  const corsOrigins = options.corsOrigins ?? [];
  const webSocketServer: WebSocketServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    // A frame is a request body: ws closes the socket with 1009 past it, without buffering the rest.
    maxPayload: maxBodyBytes,
    handleProtocols,
    verifyClient: ({ origin, req }, accept) => {
      if (!originAllowed(origin, req.headers.host, corsOrigins)) {
        logger.warn({ origin, url: req.url }, `WebSocket upgrade refused: origin ${origin} is not allowed`);
        accept(false, 403, 'Origin not allowed');
        return;
      }
      // ws adds a client in the same tick as this check passes, so the count cannot run ahead of it.
      if (webSocketServer.clients.size >= maxWebSockets) {
        logger.warn({ url: req.url }, `WebSocket upgrade refused: ${maxWebSockets} connections are open`);
        accept(false, 503, 'Too many WebSocket connections');
        return;
      }
      accept(true);
    },
  });

  const clientErrors = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => {
    guards.rewriteErrors(errors);
    return errors.map((error) => options.formatError(formattedForClient(error), error));
  };
  const server = makeServer<Record<string, unknown> | undefined, SocketExtra>({
    schema,
    onSubscribe: (context, _id, payload) => {
      // The operation being started already counts.
      if (Object.keys(context.subscriptions).length > maxSubscriptions) {
        return [
          refusal(`Limit of ${maxSubscriptions} operations at once per connection reached; complete one first.`, 'TOO_MANY_OPERATIONS'),
        ];
      }
      const query = documentText(payload, options.trustedDocuments);
      if (typeof query !== 'string') return [refusal(query.message, query.code)];
      let contextValue: GatewayContext & ContentChangesContext;
      try {
        contextValue = options.context();
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('The server cannot take operations yet.')];
      }
      const checked = guards.checks.check(schema, { ...payload, query }, contextValue.settings);
      if (Array.isArray(checked)) return checked;
      contextValue.deadline.start(timeoutMs);
      return {
        schema,
        document: checked.document,
        variableValues: payload.variables,
        operationName: payload.operationName,
        contextValue,
      };
    },
    onNext: (_context, _id, _payload, args, result) => {
      const { deadline } = args.contextValue as GatewayContext;
      if (deadline.expired) return timedOutResult(deadline);
      return result.errors ? { ...result, errors: clientErrors(result.errors) } : result;
    },
    onError: (_context, _id, _payload, errors) => clientErrors(errors),
  });
  const dispose = serveSockets(server, webSocketServer, logger, options.production);
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await dispose();
        },
      };
    },
  };
}

/** The text to run: the trusted document named, when only those may run. */
function documentText(payload: SubscribePayload, trusted: TrustedDocuments | undefined): string | { message: string; code: string } {
  if (!trusted) return payload.query;
  // graphql-ws requires a `query`; a client that names a document by hash sends it empty.
  const hash = payload.query === '' ? persistedQueryHash(payload.extensions) : undefined;
  const found = trustedDocument(trusted, hash, payload.query);
  return 'refusal' in found ? found.refusal : (found.document ?? payload.query);
}

function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/**
 * An error as Apollo would hand it to the formatter: a code on every error (none means the
 * server failed), without the HTTP status, which only the HTTP side uses.
 */
function formattedForClient(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  const extensions: Record<string, unknown> = { ...formatted.extensions };
  delete extensions.http;
  extensions.code ??= ApolloServerErrorCode.INTERNAL_SERVER_ERROR;
  return { ...formatted, extensions };
}

/** The context of a WebSocket operation: a request context plus the stream of content changes. */
export function subscriptionContext(
  requestContext: GatewayContext,
  content: Partial<ChangingContent>,
): GatewayContext & ContentChangesContext {
  if (content.onChange === undefined) return requestContext;
  return { ...requestContext, contentChanges: () => changesOf(content as ChangingContent) };
}

/**
 * The changes announced from now until the consumer stops. Hand-written rather than
 * `events.on` in an async generator: a generator's `return()` waits for the pending `next()`,
 * so a client's `complete` would only unsubscribe once the content changed again.
 */
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
      const change = queued.shift();
      if (change !== undefined) return Promise.resolve({ value: change, done: false });
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
