/**
 * The HTTP side: Apollo Server on `node:http`, health endpoints, and a lifecycle that lets
 * requests in flight finish before the process goes away.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import cors from 'cors';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadProgress } from '../content/load-progress';
import {
  DEFAULT_GRAPHQL_SETTINGS,
  createRequestContext,
  type ContentSource,
  type GatewayContext,
  type GraphQLSettings,
} from '../graphql/context';
import { gatewaySchema } from '../graphql/schema';
import { DEFAULT_DOCUMENT_CACHE_BYTES, documentStore } from './document-store';
import { subgraphSchema } from '../graphql/subgraph';
import { SiteLinks } from '../content/links';
import { DEFAULT_CONTENT_OPTIONS } from '../content/options';
import { createErrorFormatter } from './format-error';
import { createLogger, type Logger } from './logger';
import { graphqlHandler } from './http/graphql-handler';
import { gatewayRequest, runChain, sendJson, sendText, type Middleware } from './http/pipeline';
import { checkGraphQLRequest, graphqlResponseStatusPlugin, sendRequestError } from './plugins/http-spec';
import { graphiqlIde } from './plugins/ide';
import { DEFAULT_COST_MEMO_BYTES, requestGuards, type RequestGuards, type RequestLimits } from './plugins/limits';
import { loaderStatsPlugin } from './plugins/loader-stats';
import { searchIndexWaitPlugin } from './plugins/search-index';
import { subscriptionContext, subscriptionServer, type ChangingContent } from './plugins/subscriptions';
import { persistedDocuments, type TrustedDocuments } from './plugins/trusted-documents';
import { DEFAULT_RESPONSE_CACHE_BYTES, responseCache, type ResponseCache } from './plugins/response-cache';
import { cachePolicy, type CachePolicy } from './plugins/response-cache/policy';
import { purger, purgeSettings, type Purger } from './plugins/purge';
import { changedKeys } from '../graphql/surrogate-keys';
import { DEFAULT_MAX_RESPONSE_BYTES } from './plugins/response-size';
import { DEFAULT_APQ_CACHE_BYTES, apqStore } from './plugins/apq-store';
import { redisSharedCache, type SharedCache } from './plugins/shared-cache';
import { DEFAULT_SITE_OPTIONS, siteRoutes, type SiteOptions } from './plugins/feeds';
import { requestLog } from './request-log';
import { DEFAULT_COMPILED_QUERY_CACHE_BYTES, DEFAULT_EXECUTOR, jitGateway, type ExecutorName } from './executor';

/** A content source as the server sees it; `ContentStore` is one. */
export interface ServedContent extends ContentSource, Partial<ChangingContent> {
  /** Shown in the startup log line. */
  readonly root?: string;
  readonly options?: { readonly excerptLength: number; readonly timeZone: string };
}

export interface ServerOptions {
  /**
   * What to serve, or its loading still in progress: the server listens at once, answers
   * `/healthz`, and reports ready on `/readyz` once the content is there.
   */
  content: ServedContent | Promise<ServedContent>;
  /** How far that loading has come, for `/readyz` to answer with until the content is there. */
  loadProgress?: LoadProgress;
  /** {@link DEFAULT_PORT} by default; 0 picks a free port. */
  port?: number;
  /** {@link DEFAULT_HOST} by default. */
  host?: string;
  /** Adds `extensions.loaders` to every response and the per-request log lines. */
  debug?: boolean;
  /** Origins allowed to call the API from a browser; `*` for any. Without it no CORS headers are sent. */
  corsOrigins?: readonly string[];
  /** Mask internal errors. Defaults to `NODE_ENV === 'production'`. */
  production?: boolean;
  /** Page sizes; the excerpt length comes from the content's options. */
  pagination?: Partial<Pick<GraphQLSettings, 'defaultPageSize' | 'maxPageSize'>>;
  /** Bounds on each request; see SECURITY.md for the defaults. */
  limits?: Partial<RequestLimits>;
  /** Schema introspection and "Did you mean" hints. Defaults to on outside production. */
  introspection?: boolean;
  logger?: Logger;
  /** Bytes of parsed and validated documents kept, by the memory they hold. 32 MiB by default. */
  documentCacheBytes?: number;
  /** Bytes of operation costs kept, one per document and spelling of its variables. 1 MiB by default. */
  costMemoBytes?: number;
  /** Bytes of GET query answers kept in the response cache; 0 turns it off. 64 MiB by default. */
  responseCacheBytes?: number;
  /** Largest answer, in bytes of JSON; a larger one is refused with `RESPONSE_TOO_LARGE`. 8 MiB by default. */
  maxResponseBytes?: number;
  /** Heap bytes of documents registered by automatic persisted queries. 16 MiB by default. */
  apqCacheBytes?: number;
  /**
   * Seconds a CDN may keep a cacheable GET answer (`s-maxage`); with it answers carry `Surrogate-Key`.
   * Without it they say `no-cache`. See `plugins/response-cache/policy.ts`.
   */
  cdnMaxAgeSeconds?: number;
  /** Where to POST `{"keys": [...]}`, the surrogate keys each reload made stale. */
  purgeUrl?: string;
  /** Most keys one purge request carries. `DEFAULT_PURGE_BATCH_KEYS` by default. */
  purgeBatchKeys?: number;
  /** Redis URL of the cache every replica shares, behind this process's response cache and APQ store. */
  redisUrl?: string;
  /** Largest entry written to Redis, in bytes. `DEFAULT_SHARED_ENTRY_BYTES` by default. */
  redisMaxEntryBytes?: number;
  /** Serve the schema as an Apollo Federation 2 subgraph (`_service`, `_entities`, `@key`s). */
  subgraph?: boolean;
  /** Serve GraphiQL to browsers at the endpoint. Defaults to on outside production, unless only trusted documents may run. */
  ide?: boolean;
  /** Run only these documents (see `loadTrustedDocuments`); without it any operation runs and APQ registers documents. */
  trustedDocuments?: TrustedDocuments;
  /** The site's address, permalinks, feeds and sitemap; see `DEFAULT_SITE_OPTIONS`. */
  site?: Partial<SiteOptions>;
  /** What executes operations: graphql-js, or graphql-jit compiling each document once. `DEFAULT_EXECUTOR` by default. */
  executor?: ExecutorName;
  /** Heap bytes of operations compiled by graphql-jit kept. 16 MiB by default. */
  compiledQueryCacheBytes?: number;
}

export interface RunningServer {
  /** Address of the GraphQL endpoint. */
  url: string;
  /** Settles when the content has loaded (or failed to). */
  ready: Promise<void>;
  /** Stops taking connections, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

export interface GatewayServer {
  httpServer: http.Server;
  apollo: ApolloServer<GatewayContext>;
  ready: Promise<void>;
  logger: Logger;
}

const GRAPHQL_PATH = '/graphql';

const NOT_READY = new GraphQLError('Content is still loading; try again shortly.', {
  extensions: { code: 'CONTENT_NOT_READY', http: { status: 503 } },
});

/** Builds the app and starts Apollo without listening. */
export async function createServer(options: ServerOptions): Promise<GatewayServer> {
  const started = Date.now();
  const debug = options.debug ?? false;
  const logger = options.logger ?? createLogger(debug);
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const guards = requestGuards(options.limits, options.introspection ?? !production, options.costMemoBytes ?? DEFAULT_COST_MEMO_BYTES);

  const site = { ...DEFAULT_SITE_OPTIONS, ...options.site };
  const policy = cachePolicy(options.cdnMaxAgeSeconds);
  const purge = options.purgeUrl === undefined ? null : purger(options.purgeUrl, logger, purgeSettings(options.purgeBatchKeys));
  const httpServer = http.createServer();
  const content = serveWhenLoaded(options, { started, logger, site, policy, purge, httpServer });

  const schemaOptions = { surrogateKeys: policy.surrogateKeys };
  const schema = await (options.subgraph ? subgraphSchema(schemaOptions) : gatewaySchema(schemaOptions));
  const formatError = createErrorFormatter(logger, production);
  const subscriptions = subscriptionServer({
    httpServer,
    schema,
    path: GRAPHQL_PATH,
    guards,
    trustedDocuments: options.trustedDocuments,
    corsOrigins: options.corsOrigins,
    formatError,
    logger,
    production,
    context: () => {
      const served = content.loaded();
      return subscriptionContext(createRequestContext(served.source, served.settings, false), served.source);
    },
  });
  const shared =
    options.redisUrl === undefined ? null : redisSharedCache(options.redisUrl, logger, { maxEntryBytes: options.redisMaxEntryBytes });
  const cache = responseCache({
    maxBytes: options.responseCacheBytes ?? DEFAULT_RESPONSE_CACHE_BYTES,
    contentVersion: () => content.current()?.source.current().status.version ?? null,
    shared,
    policy,
  });
  const apollo = await startApollo(options, {
    schema,
    httpServer,
    subscriptions,
    plugins: [
      cache.plugin,
      ...(shared ? [shared.plugin] : []),
      ...(purge ? [purge.plugin] : []),
      ...guards.plugins,
      searchIndexWaitPlugin(),
      ...(debug ? [loaderStatsPlugin()] : []),
    ],
    guards,
    shared,
    formatError,
    logger,
    debug,
    production,
  });

  const ide = (options.ide ?? (!production && !options.trustedDocuments)) ? await graphiqlIde(GRAPHQL_PATH) : null;
  const logRequest = requestLog(logger);
  const graphql = graphqlRoute(options, { apollo, content, logRequest, ide, cache, guards });
  const routes = new Map<string, Middleware[]>([
    ['/healthz', [logRequest, onlyGet(health)]],
    ['/readyz', [logRequest, onlyGet(readiness(content, options.loadProgress, shared))]],
    [GRAPHQL_PATH, graphql],
    [`${GRAPHQL_PATH}/`, graphql],
  ]);
  const siteFeeds: Middleware[] = [
    logRequest,
    siteRoutes({
      ...site,
      policy,
      current: () => {
        const served = content.current();
        return served && { snapshot: served.source.current(), links: served.settings.links };
      },
    }),
  ];
  // Below the endpoint there is nothing but the IDE's assets.
  const belowGraphQL: Middleware[] = [logRequest, ...(ide ? [ide] : [])];
  httpServer.on('request', routeRequests({ routes, siteFeeds, belowGraphQL }, logger));
  return { httpServer, apollo, ready: content.ready, logger };
}

/** The content and the settings it is served with, once it has loaded. */
interface Served {
  source: ServedContent;
  settings: GraphQLSettings;
}

interface ServedWhenLoaded {
  /** Settles when the content has loaded (or failed to); never rejects unhandled. */
  ready: Promise<void>;
  /** Null while loading. */
  current(): Served | null;
  /** The content, or `CONTENT_NOT_READY` thrown while it loads. */
  loaded(): Served;
}

/** Waits for the content, then settles its settings, hooks the purge to its changes and logs what loaded. */
function serveWhenLoaded(
  options: ServerOptions,
  setup: { started: number; logger: Logger; site: SiteOptions; policy: CachePolicy; purge: Purger | null; httpServer: http.Server },
): ServedWhenLoaded {
  const { started, logger, site, policy, purge, httpServer } = setup;
  let served: Served | null = null;
  const ready = Promise.resolve(options.content).then(
    (source) => {
      served = {
        source,
        settings: {
          ...DEFAULT_GRAPHQL_SETTINGS,
          ...options.pagination,
          excerptLength: source.options?.excerptLength ?? DEFAULT_GRAPHQL_SETTINGS.excerptLength,
          timeZone: source.options?.timeZone ?? DEFAULT_GRAPHQL_SETTINGS.timeZone,
          surrogateKeys: policy.surrogateKeys,
          links: new SiteLinks({
            siteUrl: () => site.url ?? ownOrigin(httpServer),
            permalink: site.permalink,
            timeZone: source.options?.timeZone ?? DEFAULT_CONTENT_OPTIONS.timeZone,
          }),
        },
      };
      if (purge)
        source.onChange?.((change) => {
          purge.purge(changedKeys(change.touched));
        });
      const { status } = source.current();
      logger.info(
        { content: source.root, articles: status.articles, errors: status.errors, warnings: status.warnings, ms: Date.now() - started },
        `content loaded: ${status.articles} articles, ${status.errors} errors, ${status.warnings} warnings in ${Date.now() - started} ms`,
      );
    },
    (error: unknown) => {
      logger.fatal({ err: error }, 'content failed to load');
      throw error;
    },
  );
  // Callers that never await `ready` must not crash the process; the failure is logged above.
  ready.catch(() => undefined);
  return {
    ready,
    current: () => served,
    loaded: () => {
      if (!served) throw NOT_READY;
      return served;
    },
  };
}

/** Apollo Server with the gateway's settings, started; `plugins` run after Apollo's own and before the status plugin. */
async function startApollo(
  options: ServerOptions,
  setup: {
    schema: GraphQLSchema;
    httpServer: http.Server;
    subscriptions: ApolloServerPlugin<GatewayContext>;
    plugins: ApolloServerPlugin<GatewayContext>[];
    guards: RequestGuards;
    shared: SharedCache | null;
    formatError: ReturnType<typeof createErrorFormatter>;
    logger: Logger;
    debug: boolean;
    production: boolean;
  },
): Promise<ApolloServer<GatewayContext>> {
  const { schema, httpServer, subscriptions, plugins, guards, shared, formatError, logger, debug, production } = setup;
  const executor = options.executor ?? DEFAULT_EXECUTOR;
  const apollo = new ApolloServer<GatewayContext>({
    ...(executor === 'jit'
      ? {
          gateway: jitGateway({
            schema,
            maxBytes: options.compiledQueryCacheBytes ?? DEFAULT_COMPILED_QUERY_CACHE_BYTES,
            known: options.trustedDocuments?.values(),
          }),
        }
      : { schema }),
    csrfPrevention: true,
    // Introspection is refused by the guards' own rule, whose message does not name the engine.
    introspection: true,
    allowBatchedHttpRequests: false,
    persistedQueries: { cache: apqStore(options.apqCacheBytes ?? DEFAULT_APQ_CACHE_BYTES, shared) },
    validationRules: guards.validationRules,
    parseOptions: guards.parseOptions,
    documentStore: documentStore(options.documentCacheBytes ?? DEFAULT_DOCUMENT_CACHE_BYTES),
    includeStacktraceInErrorResponses: debug && !production,
    formatError,
    stopOnTerminationSignals: false,
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      subscriptions,
      ApolloServerPluginLandingPageDisabled(),
      // Its per-field hook costs on every request, and the response cache sets Cache-Control.
      ApolloServerPluginCacheControlDisabled(),
      ...plugins,
      graphqlResponseStatusPlugin(),
    ],
  });
  await apollo.start();
  return apollo;
}
const health: Middleware = (_request, response) => {
  sendJson(response, 200, { status: 'ok' });
};

function readiness(content: ServedWhenLoaded, loadProgress: LoadProgress | undefined, shared: SharedCache | null): Middleware {
  return (_request, response) => {
    const served = content.current();
    if (!served) {
      sendJson(response, 503, { status: 'loading', ...(loadProgress && { progress: loadProgress.report() }) });
      return;
    }
    // The shared cache is an optimisation: a replica without it is still ready, and says so.
    const details = shared ? { sharedCache: shared.status() } : {};
    sendJson(response, 200, { status: 'ready', version: served.source.current().status.version, ...details });
  };
}

/** The GraphQL endpoint's chain: the cheap checks first, Apollo last. */
function graphqlRoute(
  options: ServerOptions,
  setup: {
    apollo: ApolloServer<GatewayContext>;
    content: ServedWhenLoaded;
    logRequest: Middleware;
    ide: Middleware | null;
    cache: ResponseCache;
    guards: RequestGuards;
  },
): Middleware[] {
  const { apollo, content, logRequest, ide, cache, guards } = setup;
  return [
    logRequest,
    ...(ide ? [ide] : []),
    ...(options.corsOrigins?.length ? [corsFor(options.corsOrigins)] : []),
    // A stored answer passed every check below when it was made, and they depend only on what its key holds.
    ...(cache.middleware ? [cache.middleware] : []),
    checkGraphQLRequest(),
    guards.bodyReader,
    guards.queryTextLimit,
    persistedDocuments(options.trustedDocuments),
    // Apollo awaits the context inside its own try, so the throw is answered as a rejection would be.
    graphqlHandler(
      apollo,
      (request) => {
        const served = content.loaded();
        return Promise.resolve(createRequestContext(served.source, served.settings, cache.keepable(request.method)));
      },
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ),
  ];
}

interface Routing {
  /** Chains by exact path. */
  routes: ReadonlyMap<string, Middleware[]>;
  /** For every other path: feeds, the sitemap, permalinks. */
  siteFeeds: Middleware[];
  /** For paths below the GraphQL endpoint. */
  belowGraphQL: Middleware[];
}

/** The `request` listener: picks the chain of the path and answers a failure of it with a 500. */
function routeRequests({ routes, siteFeeds, belowGraphQL }: Routing, logger: Logger) {
  return (raw: http.IncomingMessage, response: http.ServerResponse) => {
    const pathname = (raw.url ?? '/').split('?', 1)[0];
    const below = pathname.startsWith(`${GRAPHQL_PATH}/`) && !routes.has(pathname);
    const chain = (below ? belowGraphQL : routes.get(pathname)) ?? siteFeeds;
    const request = gatewayRequest(raw, below ? pathname.slice(GRAPHQL_PATH.length) : '/');
    const notFound = () => {
      sendText(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
    };
    runChain(
      chain,
      request,
      response,
      (error) => {
        logger.error({ err: error, method: request.method, url: raw.url }, 'request failed');
        if (response.headersSent) response.destroy();
        else sendRequestError(request, response, 500, 'Internal server error.', 'INTERNAL_SERVER_ERROR');
      },
      notFound,
    );
  };
}

/** The origin the server listens on, which links use when no site URL is configured. */
function ownOrigin(httpServer: http.Server): string {
  const address = httpServer.address() as AddressInfo | null;
  if (address === null) return 'http://localhost';
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

function onlyGet(answer: Middleware): Middleware {
  return (request, response, next) => {
    if (request.method === 'GET' || request.method === 'HEAD') return answer(request, response, next);
    sendText(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { allow: 'GET, HEAD' });
  };
}

function corsFor(origins: readonly string[]): Middleware {
  const allow = cors({ origin: origins.includes('*') ? '*' : [...origins] });
  return (request, response, next) => {
    allow(request.raw, response, next);
  };
}

export const DEFAULT_PORT = 4000;
/** Only this machine: nothing is exposed beyond it unless asked. */
export const DEFAULT_HOST = '127.0.0.1';

/** Creates the server and listens; the content may still be loading when this resolves. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { httpServer, apollo, ready, logger } = await createServer(options);
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? DEFAULT_PORT, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`;
  logger.info({ url }, `listening on ${url}`);
  return {
    url,
    ready,
    close: () => apollo.stop(),
  };
}
