/** Raw HTTP access to a test server: status, headers and parsed body, whatever they are. */
import type { Json } from '../helpers/json';

export interface RawResponse {
  status: number;
  contentType: string;
  /** The parsed JSON, or the text when it is not JSON. */
  body: Json;
}

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/**
 * POSTs a raw JSON body. Asks for `application/graphql-response+json`, whose status codes
 * tell a refused document (4xx) from a served one (200) without reading the body.
 */
export async function postRaw(url: string, body: string, accept = GRAPHQL_RESPONSE_JSON): Promise<RawResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed };
}

export function postQuery(url: string, query: string, variables?: Record<string, unknown>, accept?: string): Promise<RawResponse> {
  return postRaw(url, JSON.stringify({ query, variables }), accept);
}

/** The only error of a refused request, failing the test when there is not exactly one. */
export function onlyError(response: RawResponse): { message: string; code: string } {
  const errors = response.body?.errors;
  if (!Array.isArray(errors) || errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(response.body)}`);
  return { message: errors[0].message, code: errors[0].extensions?.code };
}
