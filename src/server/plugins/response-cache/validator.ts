/**
 * What names a cached response, and the entity tag derived from it. The middleware (before
 * the engine) and the plugin (after execution) compute it from the same inputs: the request's
 * query string, which carries the operation, its name, variables and extensions (or the
 * persisted document's id), the Accept header, which picks the media type, and the content
 * version.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { codeDigest } from '../../../content/code-digest';
import { APPLICATION_JSON, mediaTypeEssence } from '../http-spec';

/**
 * A validator must not outlive the code that rendered the representation, yet replicas running
 * the same code must agree on it, so that a `304` from any of them is right: tags are salted
 * with a hash of the code itself (every module of the build this one belongs to).
 */
const CODE_SALT = codeDigest(path.resolve(__dirname, '../../..'));

/**
 * The query string as sent, and the Accept header. Two spellings of one request (parameter
 * order, escaping, whitespace in the variables) make two entries, which costs memory, never
 * correctness; in exchange a lookup parses nothing.
 */
export function requestKey(search: string, accept: string | undefined): string {
  return `${accept ?? ''}\n${search}`;
}

/** A strong entity tag: equal tags mean byte-identical bodies, since the answer depends on nothing else. */
export function entityTag(contentVersion: string, key: string): string {
  return `"${createHash('sha256').update(`${CODE_SALT}\0${contentVersion}\0${key}`).digest('base64url')}"`;
}

/** `If-None-Match` lists tags compared weakly for GET (RFC 9110 §13.1.2). */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const trimmed = candidate.trim();
    return (trimmed.startsWith('W/') ? trimmed.slice(2) : trimmed) === tag;
  });
}

const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

/**
 * Whether the engine would run this GET at all: its content type, if any, is JSON, and
 * without one a header a browser cannot send cross-site without a CORS preflight is there
 * (the engine's CSRF rule). Anything else goes on to the engine, which answers with the
 * right error.
 */
export function isRunnableGet(headers: IncomingHttpHeaders): boolean {
  const contentType = headers['content-type'];
  if (contentType !== undefined) {
    return mediaTypeEssence(contentType) === APPLICATION_JSON;
  }
  return PREFLIGHT_HEADERS.some((name) => {
    const value = headers[name];
    return typeof value === 'string' && value.length > 0;
  });
}
