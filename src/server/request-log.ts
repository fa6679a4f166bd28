import type { RequestHandler } from 'express';
import type { Logger } from './logger';

/** One debug line per request, written when the response is finished. */
export function requestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    if (!logger.isLevelEnabled('debug')) return next();
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const body: unknown = request.body;
      const operationName =
        typeof body === 'object' && body !== null && 'operationName' in body ? body.operationName : request.query.operationName;
      logger.debug(
        {
          method: request.method,
          path: request.originalUrl.split('?')[0],
          status: response.statusCode,
          operationName: typeof operationName === 'string' ? operationName : undefined,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}
