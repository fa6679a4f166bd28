import type { Logger } from './logger';
import { queryParameters, type Middleware } from './http/pipeline';

/** One debug line per request, written when the response is finished. */
export function requestLog(logger: Logger): Middleware {
  return (request, response, next) => {
    if (!logger.isLevelEnabled('debug')) {
      next();
      return;
    }
    const started = process.hrtime.bigint();
    const path = request.url.split('?')[0];
    response.once('finish', () => {
      const body: unknown = request.body;
      const operationName =
        typeof body === 'object' && body !== null && 'operationName' in body
          ? body.operationName
          : queryParameters(request).get('operationName');
      logger.debug(
        {
          method: request.method,
          path,
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
