/**
 * The GraphQL over HTTP rules Apollo Server leaves to us: refuse bodies it cannot read
 * (415) and answers nobody accepts (406) before any work is done, answer every request the
 * engine never sees with a GraphQL-shaped error, and pick status codes by media type:
 * `application/graphql-response+json` never says 200 without `data`, while legacy
 * `application/json` says 200 to every well-formed request, whatever its GraphQL errors.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ServerResponse } from 'node:http';
import { sendText, type GatewayRequest, type Middleware } from '../../http/pipeline';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';
export type ResponseMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

/** Errors of a well-formed request: the document or its variables, not the HTTP envelope. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  position: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').flatMap((entry, position) => {
    const [range = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    const q = quality === undefined ? 1 : Number(quality.slice(2));
    return Number.isFinite(q) ? [{ type, subtype, q, position }] : [];
  });
}

/** How a media type fares against the most specific range that matches it (RFC 9110 §12.5.1). */
function rank(ranges: MediaRange[], mediaType: string): { q: number; specificity: number; position: number } | null {
  const [type, subtype] = mediaType.split('/');
  let best: { q: number; specificity: number; position: number } | null = null;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { q: range.q, specificity, position: range.position };
  }
  return best && best.q > 0 ? best : null;
}

/**
 * The offered media type the Accept header prefers: by quality, then by how specifically it
 * is named, then by where the header names it, then in the order offered; `null` when the
 * header accepts none of them.
 */
export function preferredMediaType<MediaType extends string>(accept: string, offered: readonly MediaType[]): MediaType | null {
  const ranges = parseAccept(accept);
  let best: { mediaType: MediaType; q: number; specificity: number; position: number } | null = null;
  for (const mediaType of offered) {
    const ranked = rank(ranges, mediaType);
    if (!ranked) continue;
    const better =
      !best ||
      (ranked.q !== best.q
        ? ranked.q > best.q
        : ranked.specificity !== best.specificity
          ? ranked.specificity > best.specificity
          : ranked.position < best.position);
    if (better) best = { mediaType, ...ranked };
  }
  return best?.mediaType ?? null;
}

/**
 * The media type to answer with: the one the Accept header prefers, `application/json` on a
 * tie or without the header, `null` when neither is acceptable.
 */
export function responseMediaType(accept: string | undefined): ResponseMediaType | null {
  if (!accept?.trim()) return APPLICATION_JSON;
  return preferredMediaType<ResponseMediaType>(accept, [APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]);
}

/** Answers a request the GraphQL engine never saw, in the shape and media type of a GraphQL response. */
export function sendRequestError(
  request: GatewayRequest,
  response: ServerResponse,
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
): void {
  const mediaType = responseMediaType(request.headers.accept) ?? APPLICATION_JSON;
  sendText(
    response,
    status,
    `${mediaType}; charset=utf-8`,
    `${JSON.stringify({ errors: [{ message, extensions: { code } }] })}\n`,
    headers,
  );
}

/** The media type of a Content-Type header without its parameters, lowercased. */
export function mediaTypeEssence(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Goes before the body parser. */
export function checkGraphQLRequest(): Middleware {
  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'POST') {
      next();
      return;
    }
    if (request.method === 'POST' && mediaTypeEssence(request.headers['content-type']) !== APPLICATION_JSON) {
      sendRequestError(
        request,
        response,
        415,
        'A POST body must be JSON, sent with Content-Type: application/json.',
        'UNSUPPORTED_MEDIA_TYPE',
        {
          'accept-post': APPLICATION_JSON,
        },
      );
      return;
    }
    if (responseMediaType(request.headers.accept) === null) {
      sendRequestError(
        request,
        response,
        406,
        `The Accept header allows neither ${GRAPHQL_RESPONSE_JSON} nor ${APPLICATION_JSON}.`,
        'NOT_ACCEPTABLE',
      );
      return;
    }
    next();
  };
}

export function graphqlResponseStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const mediaType = responseMediaType(request.http?.headers.get('accept'));
          if (!mediaType) return;
          // Set here so the status below and the media type come from the same decision.
          response.http.headers.set('content-type', `${mediaType}; charset=utf-8`);
          const { data, errors } = response.body.singleResult;
          if (data !== undefined) return;
          const status = response.http.status ?? 200;
          if (mediaType === GRAPHQL_RESPONSE_JSON && status < 400) {
            response.http.status = 400;
          } else if (
            mediaType === APPLICATION_JSON &&
            status === 400 &&
            errors?.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.code)))
          ) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
