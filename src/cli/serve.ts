/**
 * `content-gateway serve`: loads a content folder and serves it over GraphQL until SIGTERM
 * or SIGINT, then finishes the requests in flight and exits.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ContentStore, type CacheSettings } from '../content/content-store';
import { openWatchedContent, type ContentWatcher } from '../content/watch';
import { LoadProgress } from '../content/load-progress';
import { createLogger, defaultLogFormat, LOG_FORMATS, type LogFormat, type Logger } from '../server/logger';
import { DEFAULT_HOST, DEFAULT_PORT, startServer, type RunningServer, type ServerOptions } from '../server/create-server';
import { loadTrustedDocuments, type TrustedDocuments } from '../server/plugins/trusted-documents';
import { DEFAULT_COST_MEMO_BYTES, LIMIT_FLAGS, limitFlagsUsage, type RequestLimits } from '../server/plugins/limits';
import { DEFAULT_DOCUMENT_CACHE_BYTES } from '../server/document-store';
import { DEFAULT_CONTENT_OPTIONS, type ContentOptions } from '../content/options';
import { DEFAULT_RESPONSE_CACHE_BYTES } from '../server/plugins/response-cache';
import { CDN_STALE_WHILE_REVALIDATE_SECONDS } from '../server/plugins/response-cache/policy';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../server/plugins/response-size';
import { DEFAULT_APQ_CACHE_BYTES } from '../server/plugins/apq-store';
import { DEFAULT_PURGE_BATCH_KEYS } from '../server/plugins/purge';
import { DEFAULT_SHARED_ENTRY_BYTES } from '../server/plugins/shared-cache';
import { DEFAULT_SITE_OPTIONS, type SiteOptions } from '../server/plugins/feeds';
import { DEFAULT_COMPILED_QUERY_CACHE_BYTES, DEFAULT_EXECUTOR, EXECUTORS, type ExecutorName } from '../server/executor';
import { PERMALINK_TOKENS, SiteLinkError, checkPermalink, checkSiteUrl } from '../content/links';
import {
  CACHE_FLAG_OPTIONS,
  CACHE_FLAGS_USAGE,
  cacheDirectorySetting,
  CONTENT_FLAGS,
  CONTENT_FLAGS_USAGE,
  contentOptionsFrom,
  envSwitch,
  onOffSetting,
  positiveInteger,
  UsageError,
} from './content-options';
import { showLoadProgress, terminalOf } from './load-progress-view';

/** What a memo's bound is, as `ServeSettings` holds it; in MiB on the command line. */
type MemoryBound = 'documentCacheBytes' | 'costMemoBytes' | 'filterMemoBytes' | 'compiledQueryCacheBytes';

const MEMORY_FLAGS: readonly { flag: string; env: string; key: MemoryBound; defaultBytes: number; description: string }[] = [
  {
    flag: 'document-cache-mib',
    env: 'DOCUMENT_CACHE_MIB',
    key: 'documentCacheBytes',
    defaultBytes: DEFAULT_DOCUMENT_CACHE_BYTES,
    description: 'parsed query documents kept',
  },
  {
    flag: 'cost-memo-mib',
    env: 'COST_MEMO_MIB',
    key: 'costMemoBytes',
    defaultBytes: DEFAULT_COST_MEMO_BYTES,
    description: 'operation costs kept',
  },
  {
    flag: 'filter-memo-mib',
    env: 'FILTER_MEMO_MIB',
    key: 'filterMemoBytes',
    defaultBytes: DEFAULT_CONTENT_OPTIONS.filterMemoBytes,
    description: 'filtered article lists kept per content version',
  },
  {
    flag: 'compiled-query-cache-mib',
    env: 'COMPILED_QUERY_CACHE_MIB',
    key: 'compiledQueryCacheBytes',
    defaultBytes: DEFAULT_COMPILED_QUERY_CACHE_BYTES,
    description: 'operations compiled by --executor jit kept',
  },
];

function memoryFlagsUsage(): string {
  return MEMORY_FLAGS.map(
    ({ flag, env, defaultBytes, description }) =>
      `  --${flag} N\n${' '.repeat(22)}MiB of ${description} (env ${env}, default ${defaultBytes / 2 ** 20})`,
  ).join('\n');
}

export const SERVE_USAGE = `usage: content-gateway serve [options]
  --content DIR       folder of markdown posts (env CONTENT_DIR, default content/)
  --port N            port to listen on, 0 for any free one (env PORT, default ${DEFAULT_PORT})
  --host H            address to bind (env HOST, default ${DEFAULT_HOST})
  --debug             per-request logs and extensions.loaders in responses (env GATEWAY_DEBUG=1)
  --cors ORIGINS      comma-separated origins allowed from browsers, or * (env CORS_ORIGINS, default none)
  --max-page-size N   largest first/last accepted (env MAX_PAGE_SIZE, default 100)
  --ide, --no-ide     serve GraphiQL to browsers at /graphql (env GATEWAY_IDE=1 or 0; default on
                      unless NODE_ENV=production or --trusted-documents is given)
  --trusted-documents FILE
                      run only the documents of this manifest, as \`npm run codegen\` writes it
                      (env TRUSTED_DOCUMENTS; default: any operation, with automatic persisted queries)
  --introspection     allow schema introspection and "Did you mean" hints (env INTROSPECTION=1;
                      default on unless NODE_ENV=production)
  --no-watch          do not follow edits to the content folder (env WATCH=0; default: reload on change)
${CACHE_FLAGS_USAGE}
  --drafts            also serve _drafts/ and published: false posts, marked draft, for preview
                      (no environment variable: only this flag turns it on, production included)
  --response-cache-mib N
                      MiB of GET query answers kept, served again until the content changes
                      (env RESPONSE_CACHE_MIB, default ${DEFAULT_RESPONSE_CACHE_BYTES / 2 ** 20})
  --no-response-cache answer every request afresh, without ETags (env RESPONSE_CACHE=0)
  --max-response-bytes N
                      largest answer in bytes of JSON; a larger one is refused whole
                      (env MAX_RESPONSE_BYTES, default ${DEFAULT_MAX_RESPONSE_BYTES})
${memoryFlagsUsage()}
  --redis URL         keep the response cache and automatic persisted queries in this Redis too,
                      shared by every replica (env REDIS_URL, default: this process only)
  --redis-max-entry-kib N
                      KiB of the largest entry written to Redis; a larger answer stays in this
                      process's cache only (env REDIS_MAX_ENTRY_KIB, default ${DEFAULT_SHARED_ENTRY_BYTES / 1024})
  --cdn-max-age N     seconds a CDN may keep a GET answer, feed or sitemap: Cache-Control
                      public, max-age=0, s-maxage=N, stale-while-revalidate=${CDN_STALE_WHILE_REVALIDATE_SECONDS}, and Surrogate-Key
                      naming what it holds (env CDN_MAX_AGE, default none: no-cache)
  --purge-url URL     POST {"keys": [...]} here after each reload: the surrogate keys it made stale
                      (env PURGE_URL, default none)
  --purge-batch N     most keys one purge request carries; more make several requests
                      (env PURGE_BATCH, default ${DEFAULT_PURGE_BATCH_KEYS})
  --subgraph          serve the schema as an Apollo Federation 2 subgraph (env GATEWAY_SUBGRAPH=1)
  --apq-cache-mib N   MiB of heap for documents registered by automatic persisted queries
                      (env APQ_CACHE_MIB, default ${DEFAULT_APQ_CACHE_BYTES / 2 ** 20})
  --log-format pretty|json
                      log lines for people or for collectors (env LOG_FORMAT; default pretty
                      when stdout is a terminal, json otherwise)
  --site-url URL      the site's address, for url fields, feeds and the sitemap (env SITE_URL,
                      default the server's own origin)
  --permalink PATTERN Hexo permalink of an article, tokens ${PERMALINK_TOKENS.map((token) => `:${token}`).join(' ')}
                      (env PERMALINK, default ${DEFAULT_SITE_OPTIONS.permalink}); front-matter permalink wins
  --feed-size N       newest articles in each feed (env FEED_SIZE, default ${DEFAULT_SITE_OPTIONS.feedSize})
  --executor ${EXECUTORS.join('|')}
                      what executes operations; jit compiles each document once (env GATEWAY_EXECUTOR,
                      default ${DEFAULT_EXECUTOR})
${CONTENT_FLAGS_USAGE}
${limitFlagsUsage()}`;

interface ServeSettings {
  content: string;
  port: number;
  host: string;
  debug: boolean;
  corsOrigins: string[];
  maxPageSize: number | undefined;
  ide: boolean | undefined;
  trustedDocuments: string | undefined;
  limits: Partial<RequestLimits>;
  introspection: boolean | undefined;
  watch: boolean;
  cacheDirectory: string | null;
  drafts: boolean;
  responseCacheBytes: number;
  maxResponseBytes: number | undefined;
  memory: Record<MemoryBound, number>;
  apqCacheBytes: number;
  subgraph: boolean;
  redisUrl: string | undefined;
  redisMaxEntryBytes: number | undefined;
  cdnMaxAgeSeconds: number | undefined;
  purgeUrl: string | undefined;
  purgeBatchKeys: number | undefined;
  logFormat: LogFormat | undefined;
  site: Partial<SiteOptions>;
  executor: ExecutorName;
  /** The content settings of the flags and environment; `runServe` adds the memory bound and drafts. */
  contentOptions: Partial<ContentOptions>;
}

function readSettings(argv: string[], env: NodeJS.ProcessEnv): ServeSettings {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      content: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      debug: { type: 'boolean' },
      cors: { type: 'string' },
      'max-page-size': { type: 'string' },
      ide: { type: 'boolean' },
      'no-ide': { type: 'boolean' },
      'trusted-documents': { type: 'string' },
      introspection: { type: 'boolean' },
      watch: { type: 'boolean' },
      'no-watch': { type: 'boolean' },
      drafts: { type: 'boolean' },
      ...CACHE_FLAG_OPTIONS,
      'response-cache-mib': { type: 'string' },
      'no-response-cache': { type: 'boolean' },
      'max-response-bytes': { type: 'string' },
      ...Object.fromEntries(MEMORY_FLAGS.map(({ flag }) => [flag, { type: 'string' as const }])),
      'apq-cache-mib': { type: 'string' },
      subgraph: { type: 'boolean' },
      redis: { type: 'string' },
      'redis-max-entry-kib': { type: 'string' },
      'cdn-max-age': { type: 'string' },
      'purge-url': { type: 'string' },
      'purge-batch': { type: 'string' },
      'log-format': { type: 'string' },
      'site-url': { type: 'string' },
      permalink: { type: 'string' },
      'feed-size': { type: 'string' },
      executor: { type: 'string' },
      ...CONTENT_FLAGS,
      ...Object.fromEntries(LIMIT_FLAGS.map(({ flag }) => [flag, { type: 'string' as const }])),
    },
  });
  const port = values.port ?? env.PORT ?? String(DEFAULT_PORT);
  const portNumber = Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535)
    throw new UsageError(`--port: expected 0-65535, got "${port}"`);
  const maxPageSize = values['max-page-size'] ?? env.MAX_PAGE_SIZE;
  const maxResponseBytes = values['max-response-bytes'] ?? env.MAX_RESPONSE_BYTES;
  return {
    content: values.content ?? env.CONTENT_DIR ?? 'content',
    port: portNumber,
    host: values.host ?? env.HOST ?? DEFAULT_HOST,
    debug: values.debug ?? envSwitch('GATEWAY_DEBUG', env.GATEWAY_DEBUG) ?? false,
    corsOrigins: (values.cors ?? env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    maxPageSize: maxPageSize === undefined ? undefined : positiveInteger('--max-page-size', maxPageSize),
    ide: onOffSetting('ide', 'GATEWAY_IDE', { on: values.ide, off: values['no-ide'], env: env.GATEWAY_IDE }),
    trustedDocuments: values['trusted-documents'] ?? env.TRUSTED_DOCUMENTS,
    limits: Object.fromEntries(
      LIMIT_FLAGS.flatMap(({ flag, env: name, key }) => {
        const value = positiveSetting(values, flag, env, name);
        return value === undefined ? [] : [[key, value]];
      }),
    ),
    introspection: values.introspection ?? envSwitch('INTROSPECTION', env.INTROSPECTION),
    watch: onOffSetting('watch', 'WATCH', { on: values.watch, off: values['no-watch'], env: env.WATCH }) ?? true,
    cacheDirectory: cacheDirectorySetting(values, env),
    drafts: values.drafts ?? false,
    responseCacheBytes: responseCacheBytes(values['no-response-cache'], values['response-cache-mib'], env),
    maxResponseBytes: maxResponseBytes === undefined ? undefined : positiveInteger('--max-response-bytes', maxResponseBytes),
    memory: Object.fromEntries(
      MEMORY_FLAGS.map(({ flag, env: name, key, defaultBytes }) => {
        const mib = positiveSetting(values, flag, env, name);
        return [key, mib === undefined ? defaultBytes : mib * 2 ** 20];
      }),
    ) as Record<MemoryBound, number>,
    redisUrl: urlSetting(values.redis ?? env.REDIS_URL, values.redis === undefined ? 'REDIS_URL' : '--redis', ['redis:', 'rediss:']),
    redisMaxEntryBytes: kibibytes(positiveSetting(values, 'redis-max-entry-kib', env, 'REDIS_MAX_ENTRY_KIB')),
    cdnMaxAgeSeconds: positiveSetting(values, 'cdn-max-age', env, 'CDN_MAX_AGE'),
    purgeUrl: urlSetting(values['purge-url'] ?? env.PURGE_URL, values['purge-url'] === undefined ? 'PURGE_URL' : '--purge-url', [
      'http:',
      'https:',
    ]),
    purgeBatchKeys: positiveSetting(values, 'purge-batch', env, 'PURGE_BATCH'),
    subgraph: values.subgraph ?? envSwitch('GATEWAY_SUBGRAPH', env.GATEWAY_SUBGRAPH) ?? false,
    apqCacheBytes: mebibytes('--apq-cache-mib', values['apq-cache-mib'], 'APQ_CACHE_MIB', env, DEFAULT_APQ_CACHE_BYTES),
    logFormat: logFormatSetting(values['log-format'], env.LOG_FORMAT),
    site: siteSettings(values['site-url'], values.permalink, values['feed-size'], env),
    executor: executorSetting(values.executor, env.GATEWAY_EXECUTOR),
    contentOptions: contentOptionsFrom(values, env),
  };
}

function kibibytes(kib: number | undefined): number | undefined {
  return kib === undefined ? undefined : kib * 1024;
}

/** A positive integer from its flag or, when the flag is absent, its environment variable. */
function positiveSetting(values: Record<string, unknown>, flag: string, env: NodeJS.ProcessEnv, name: string): number | undefined {
  const flagValue = values[flag];
  const value = flagValue ?? env[name];
  return typeof value === 'string' ? positiveInteger(flagValue === undefined ? name : `--${flag}`, value) : undefined;
}

function siteSettings(
  url: string | undefined,
  permalink: string | undefined,
  feedSize: string | undefined,
  env: NodeJS.ProcessEnv,
): Partial<SiteOptions> {
  const site: Partial<SiteOptions> = {};
  const checked = <T>(name: string, value: string, check: (value: string) => T): T => {
    try {
      return check(value);
    } catch (error) {
      if (error instanceof SiteLinkError) throw new UsageError(`${name}: ${error.message}`);
      throw error;
    }
  };
  const siteUrl = url ?? env.SITE_URL;
  if (siteUrl !== undefined) site.url = checked(url === undefined ? 'SITE_URL' : '--site-url', siteUrl, checkSiteUrl);
  const pattern = permalink ?? env.PERMALINK;
  if (pattern !== undefined) site.permalink = checked(permalink === undefined ? 'PERMALINK' : '--permalink', pattern, checkPermalink);
  const size = feedSize ?? env.FEED_SIZE;
  if (size !== undefined) site.feedSize = positiveInteger(feedSize === undefined ? 'FEED_SIZE' : '--feed-size', size);
  return site;
}

function logFormatSetting(flag: string | undefined, env: string | undefined): LogFormat | undefined {
  const value = flag ?? env;
  if (value === undefined) return undefined;
  if (!LOG_FORMATS.includes(value as LogFormat)) {
    throw new UsageError(`${flag === undefined ? 'LOG_FORMAT' : '--log-format'}: expected ${LOG_FORMATS.join(' or ')}, got "${value}"`);
  }
  return value as LogFormat;
}

function executorSetting(flag: string | undefined, env: string | undefined): ExecutorName {
  const value = flag ?? env ?? DEFAULT_EXECUTOR;
  if (!EXECUTORS.includes(value as ExecutorName)) {
    throw new UsageError(`${flag === undefined ? 'GATEWAY_EXECUTOR' : '--executor'}: expected ${EXECUTORS.join(' or ')}, got "${value}"`);
  }
  return value as ExecutorName;
}

function responseCacheBytes(off: boolean | undefined, mib: string | undefined, env: NodeJS.ProcessEnv): number {
  if (off && mib !== undefined) throw new UsageError('--no-response-cache and --response-cache-mib contradict each other');
  if (off) return 0;
  if (mib === undefined && envSwitch('RESPONSE_CACHE', env.RESPONSE_CACHE) === false) return 0;
  return mebibytes('--response-cache-mib', mib, 'RESPONSE_CACHE_MIB', env, DEFAULT_RESPONSE_CACHE_BYTES);
}

/** A URL of one of `protocols` (`redis:`, ...); unset or empty is none. */
function urlSetting(value: string | undefined, name: string, protocols: readonly string[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  const protocol = URL.canParse(value) ? new URL(value).protocol : null;
  if (protocol === null || !protocols.includes(protocol))
    throw new UsageError(`${name}: expected a ${protocols.map((scheme) => `${scheme}//`).join(' or ')} URL, got "${value}"`);
  return value;
}

/** A size given in MiB by its flag, else by its environment variable, else the default in bytes. */
function mebibytes(flag: string, value: string | undefined, name: string, env: NodeJS.ProcessEnv, fallback: number): number {
  if (value !== undefined) return positiveInteger(flag, value) * 2 ** 20;
  const fromEnv = env[name];
  return fromEnv === undefined ? fallback : positiveInteger(name, fromEnv) * 2 ** 20;
}

export async function runServe(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.write(`${SERVE_USAGE}\n`);
    return 0;
  }
  let setup: ServeSetup;
  try {
    setup = await readSetup(argv, env);
  } catch (error) {
    err.write(`${error instanceof Error ? error.message : String(error)}\n${SERVE_USAGE}\n`);
    return 2;
  }
  const { settings, contentOptions, trustedDocuments } = setup;

  const logger = createLogger(settings.debug, out, settings.logFormat ?? defaultLogFormat(out));
  const progress = new LoadProgress();
  const stopProgress = showLoadProgress(progress, terminalOf(err), (report, text) => {
    logger.info({ progress: report }, `loading content: ${text}`);
  });
  const cache = cacheSettings(settings, logger);
  const watched = settings.watch ? watchContent(settings.content, contentOptions, logger, progress, cache) : null;
  const stopWatching = () => closeWatcher(watched);
  let server: RunningServer;
  try {
    server = await startServer({
      ...serverOptions(settings, trustedDocuments, logger),
      // The bar goes before the "content loaded" line is logged, so that line starts a clean row.
      content: (watched ? watched.then(({ store }) => store) : ContentStore.open(settings.content, contentOptions, progress, cache))
        .finally(stopProgress)
        .then((store) => logLoadCounts(logger, store)),
      loadProgress: progress,
    });
  } catch (error) {
    stopProgress();
    logger.fatal({ err: error }, 'could not start the server');
    await stopWatching();
    return 1;
  }
  try {
    await server.ready;
  } catch {
    await server.close();
    await stopWatching();
    return 1;
  }
  return serveUntilSignalled(server, stopWatching, logger);
}

interface ServeSetup {
  settings: ServeSettings;
  contentOptions: Partial<ContentOptions>;
  trustedDocuments: TrustedDocuments | undefined;
}

/** The settings, the trusted documents they name and a check of the content folder; any problem is a usage error. */
async function readSetup(argv: string[], env: NodeJS.ProcessEnv): Promise<ServeSetup> {
  const settings = readSettings(argv, env);
  const contentOptions = { ...settings.contentOptions, filterMemoBytes: settings.memory.filterMemoBytes, drafts: settings.drafts };
  const trustedDocuments = settings.trustedDocuments === undefined ? undefined : await loadTrustedDocuments(settings.trustedDocuments);
  const info = await stat(settings.content).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`--content: not a directory: ${settings.content}`);
  return { settings, contentOptions, trustedDocuments };
}

/** The parse cache's folder, its problems logged as warnings; null without one. */
function cacheSettings(settings: ServeSettings, logger: Logger): CacheSettings | null {
  if (settings.cacheDirectory === null) return null;
  return {
    directory: settings.cacheDirectory,
    onProblem: (message: string) => {
      logger.warn(message);
    },
  };
}

type WatchedContent = ReturnType<typeof openWatchedContent>;

/** Loads the content and follows its edits, logging each reload. */
function watchContent(
  content: string,
  contentOptions: Partial<ContentOptions>,
  logger: Logger,
  progress: LoadProgress,
  cache: CacheSettings | null,
): WatchedContent {
  const watched = openWatchedContent(
    content,
    contentOptions,
    {
      onReload: ({ paths, version, milliseconds }) => {
        logger.info(
          { paths, version, ms: Math.round(milliseconds) },
          `content reloaded (${paths} paths) in ${Math.round(milliseconds)} ms`,
        );
      },
      onError: (error) => {
        logger.error({ err: error }, 'content reload failed; the previous version stays served');
      },
    },
    progress,
    cache,
  );
  watched.catch(() => undefined);
  return watched;
}

async function closeWatcher(watched: WatchedContent | null): Promise<void> {
  const watcher: ContentWatcher | undefined = await watched?.then(
    ({ watcher }) => watcher,
    () => undefined,
  );
  await watcher?.close();
}

/** What the server takes of the settings, apart from the content and its progress. */
function serverOptions(
  settings: ServeSettings,
  trustedDocuments: TrustedDocuments | undefined,
  logger: Logger,
): Omit<ServerOptions, 'content'> {
  return {
    documentCacheBytes: settings.memory.documentCacheBytes,
    costMemoBytes: settings.memory.costMemoBytes,
    compiledQueryCacheBytes: settings.memory.compiledQueryCacheBytes,
    executor: settings.executor,
    port: settings.port,
    host: settings.host,
    debug: settings.debug,
    corsOrigins: settings.corsOrigins,
    pagination: settings.maxPageSize === undefined ? undefined : { maxPageSize: settings.maxPageSize },
    limits: settings.limits,
    introspection: settings.introspection,
    ide: settings.ide,
    trustedDocuments,
    logger,
    responseCacheBytes: settings.responseCacheBytes,
    maxResponseBytes: settings.maxResponseBytes,
    apqCacheBytes: settings.apqCacheBytes,
    subgraph: settings.subgraph,
    redisUrl: settings.redisUrl,
    redisMaxEntryBytes: settings.redisMaxEntryBytes,
    cdnMaxAgeSeconds: settings.cdnMaxAgeSeconds,
    purgeUrl: settings.purgeUrl,
    purgeBatchKeys: settings.purgeBatchKeys,
    site: settings.site,
  };
}

/** Serves until SIGTERM or SIGINT, then finishes the requests in flight; resolves to the exit code. */
function serveUntilSignalled(server: RunningServer, stopWatching: () => Promise<void>, logger: Logger): Promise<number> {
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      logger.info({ signal }, `${signal}: finishing requests in flight, then stopping`);
      Promise.all([server.close(), stopWatching()]).then(
        () => {
          logger.info('stopped');
          resolve(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'error while stopping');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/** How the first load used the cache: a warm start reads and parses nothing it does not have to. */
function logLoadCounts(logger: Logger, store: ContentStore): ContentStore {
  const counts = store.lastLoad;
  if (counts !== null) {
    logger.info(
      { cache: counts },
      `content cache: ${counts.cached} files unchanged, ${counts.verified} verified by content hash, ${counts.parsed} parsed`,
    );
  }
  return store;
}
