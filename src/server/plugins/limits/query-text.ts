/**
 * Bounds the query text apart from the body. The engine keeps a parsed document with its
 * whole source and every token, comments included, and comments are not counted by the
 * token limit: without this bound, a 1 MiB comment makes each distinct document cost a
 * mebibyte for as long as it is cached. Variables stay bounded by the body limit alone.
 */
import { queryParameters, type GatewayRequest, type Middleware } from '../../http/pipeline';
import { sendRequestError } from '../http-spec';

export const QUERY_TOO_LARGE = 'QUERY_TOO_LARGE';

export function queryTooLargeMessage(maxQueryBytes: number): string {
  return `Query text limit of ${maxQueryBytes} bytes exceeded.`;
}

/** The query text a request carries, from its JSON body or, for GET, its URL. */
function queryTextOf(request: GatewayRequest): unknown {
  if (request.method === 'POST') {
    const body = request.body;
    return typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : undefined;
  }
  return queryParameters(request).get('query') ?? undefined;
}

/** Goes after the body reader and before trusted documents, which may swap in texts of their own. */
export function queryTextLimit(maxQueryBytes: number): Middleware {
  return (request, response, next) => {
    const query = queryTextOf(request);
    if (typeof query === 'string' && Buffer.byteLength(query) > maxQueryBytes) {
      sendRequestError(request, response, 413, queryTooLargeMessage(maxQueryBytes), QUERY_TOO_LARGE);
      return;
    }
    next();
  };
}
