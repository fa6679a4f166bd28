/**
 * The GraphQL over HTTP rules Apollo Server leaves to us: refuse bodies it cannot read
 * (415) and answers nobody accepts (406) before any work is done, answer every request the
 * engine never sees with a GraphQL-shaped error, and pick status codes by media type:
 * `application/graphql-response+json` never says 200 without `data`, while legacy
 * `application/json` says 200 to every well-formed request, whatever its GraphQL errors.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';
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

/**
 * The offered media type the Accept header prefers: by quality, then by how specifically it
 * is named, then by where the header names it, then in the order offered; `null` when the
 * header accepts none of them.
 */
export function preferredMediaType<MediaType extends string>(accept: string, offered: readonly MediaType[]): MediaType | null {
  // `negotiator` ranks by quality, then specificity, then the header's order, then the order offered.
  const preferred = new Negotiator({ headers: { accept } }).mediaType([...offered]) as MediaType | undefined;
  return preferred ?? null;
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
