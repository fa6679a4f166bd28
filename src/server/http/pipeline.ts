/**
 * The gateway's HTTP core: a request is passed along a fixed list of middleware over plain
 * `node:http`, the way Apollo's own standalone server does it. A general-purpose framework's
 * router and the per-request prototype swap it does on `req`/`res` cost more than a small
 * query's whole execution, and the gateway has three routes.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface GatewayRequest {
  readonly raw: IncomingMessage;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** The path below the route's mount point, `/` for the route itself. */
  readonly path: string;
  /** Path and query string as the engine will read them; trusted documents may rewrite them. */
  url: string;
  /** The parsed JSON body of a POST, once read. */
  body?: unknown;
  /** Told of a whole answer by the GraphQL handler just before it is written, for the response cache to keep it. */
  onAnswer?: (answer: CompleteAnswer) => void;
}

export interface CompleteAnswer {
  status: number;
  headers: ReadonlyMap<string, string>;
  body: string;
}

/** Answers the request, or calls `next` to hand it on; a thrown or rejected error becomes a 500. */
export type Middleware = (request: GatewayRequest, response: ServerResponse, next: (error?: unknown) => void) => void | Promise<void>;

export function gatewayRequest(raw: IncomingMessage, path: string): GatewayRequest {
  return { raw, method: raw.method ?? 'GET', headers: raw.headers, path, url: raw.url ?? '/' };
}

/** The query string of a URL, `?` included, as sent. */
export function searchOf(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start);
}

export function queryParameters(request: GatewayRequest): URLSearchParams {
  return new URLSearchParams(searchOf(request.url));
}

/**
 * Runs `chain` in order until one middleware answers. `fail` gets any error, whether thrown,
 * rejected or passed to `next`, and `end` runs when every middleware has handed the request on.
 */
export function runChain(
  chain: readonly Middleware[],
  request: GatewayRequest,
  response: ServerResponse,
  fail: (error: unknown) => void,
  end: () => void,
): void {
  let position = 0;
  const next = (error?: unknown): void => {
    if (error !== undefined) {
      fail(error);
      return;
    }
    const middleware = chain.at(position++);
    if (!middleware) {
      end();
      return;
    }
    try {
      const running = middleware(request, response, next);
      if (running) running.catch(fail);
    } catch (thrown) {
      fail(thrown);
    }
  };
  next();
}

/** A small answer with a fixed body; HEAD requests get the headers only (Node drops the body). */
export function sendText(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendText(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
