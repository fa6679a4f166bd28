/**
 * `content-gateway serve`: loads a content folder and serves it over GraphQL until SIGTERM
 * or SIGINT, then finishes the requests in flight and exits.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ContentStore } from '../content/load';
import { createLogger } from '../server/logger';
import { startServer, type RunningServer } from '../server/create-server';
import { contentOptionsFromEnv, positiveInteger, UsageError } from './content-options';

export const SERVE_USAGE = `usage: content-gateway serve [--content DIR] [--port N] [--host H] [--debug]
                              [--cors ORIGINS] [--max-page-size N]
  --content DIR       folder of markdown posts (env CONTENT_DIR, default content/)
  --port N            port to listen on, 0 for any free one (env PORT, default 4000)
  --host H            address to bind (env HOST, default 127.0.0.1)
  --debug             per-request logs and extensions.loaders in responses (env GATEWAY_DEBUG=1)
  --cors ORIGINS      comma-separated origins allowed from browsers, or * (env CORS_ORIGINS, default none)
  --max-page-size N   largest first/last accepted (env MAX_PAGE_SIZE, default 100)`;

interface ServeSettings {
  content: string;
  port: number;
  host: string;
  debug: boolean;
  corsOrigins: string[];
  maxPageSize: number | undefined;
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
    },
  });
  const port = values.port ?? env.PORT ?? '4000';
  const portNumber = Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) throw new UsageError(`--port: expected 0-65535, got "${port}"`);
  const maxPageSize = values['max-page-size'] ?? env.MAX_PAGE_SIZE;
  return {
    content: values.content ?? env.CONTENT_DIR ?? 'content',
    port: portNumber,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    debug: values.debug ?? env.GATEWAY_DEBUG === '1',
    corsOrigins: (values.cors ?? env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    maxPageSize: maxPageSize === undefined ? undefined : positiveInteger('--max-page-size', maxPageSize),
  };
}

export async function runServe(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let settings: ServeSettings;
  let contentOptions;
  try {
    settings = readSettings(argv, env);
    contentOptions = contentOptionsFromEnv(env);
    const info = await stat(settings.content).catch(() => null);
    if (!info?.isDirectory()) throw new UsageError(`--content: not a directory: ${settings.content}`);
  } catch (error) {
    err.write(`${error instanceof Error ? error.message : String(error)}\n${SERVE_USAGE}\n`);
    return 2;
  }

  const logger = createLogger(settings.debug, out);
  let server: RunningServer;
  try {
    server = await startServer({
      content: ContentStore.open(settings.content, contentOptions),
      port: settings.port,
      host: settings.host,
      debug: settings.debug,
      corsOrigins: settings.corsOrigins,
      pagination: settings.maxPageSize === undefined ? undefined : { maxPageSize: settings.maxPageSize },
      logger,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start the server');
    return 1;
  }
  try {
    await server.ready;
  } catch {
    await server.close();
    return 1;
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      logger.info({ signal }, `${signal}: finishing requests in flight, then stopping`);
      server.close().then(
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
