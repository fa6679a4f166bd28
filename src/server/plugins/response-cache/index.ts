/**
 * Response cache for GraphQL queries sent with GET.
 *
 * An answer depends only on the operation (query text or persisted document id, operation
 * name, variables, extensions), the media type the Accept header picks, and the content
 * version the request runs against. So the cache keys on the query string that carries the
 * operation, the Accept header and the version, and each successful query answer carries a
 * strong `ETag` derived from that key.
 *
 * - The middleware answers `If-None-Match` with `304` and repeats a stored answer, both
 *   without running anything, not even the request checks: a stored answer passed them when
 *   it was made, and they look only at what its key holds. On a miss it lets the request
 *   through and keeps the body the engine sends, if the plugin marked it cacheable.
 * - The plugin marks an answer cacheable when it is a GET of a query, without errors, and
 *   tags it with the version of the snapshot the request pinned. A reload between lookup and
 *   execution therefore never files an answer under the wrong version.
 * - Entries live in a byte-bounded LRU; the first lookup under a new content version
 *   empties it, so nothing from older content is ever served.
 * - With a shared cache (Redis), a local miss looks there next, under a key holding the content
 *   version, and an answer kept here is also sent there: an answer made by one replica is a hit
 *   on the others. Tags are the same on every replica running the same code, so a `304` from
 *   any of them is right.
 *
 * What caches may do with an answer is `policy.ts`'s decision: `no-cache` for cacheable answers,
 * or with a CDN `s-maxage` and a `Surrogate-Key` header (kept with the stored answer, so a hit
 * sends the same), and `no-store` for everything else.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { GatewayContext } from '../../../graphql/context';
import { searchOf, type GatewayRequest, type Middleware } from '../../http/pipeline';
import type { SharedCache } from '../shared-cache';
import type { CachePolicy } from './policy';
import { ResponseStore, type CachedResponse } from './store';
import { entityTag, isRunnableGet, matchesIfNoneMatch, requestKey } from './validator';

export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 2 ** 20;
/** Answers in the shared cache carry the content version in their key, so old ones only wait to expire. */
const SHARED_TTL_SECONDS = 600;

export interface ResponseCacheOptions {
  /** Bytes of bodies kept; 0 turns the cache and its validators off (every answer then says `no-store`). */
  maxBytes: number;
  /** Version of the content a request starting now would see; null while none is loaded. */
  contentVersion: () => string | null;
  /** The cache every replica shares, behind this process's own; null for none. */
  shared: SharedCache | null;
  policy: CachePolicy;
}

export interface ResponseCache {
  /** Goes on the GraphQL route after CORS, before the request checks it may skip for a stored answer; null when off. */
  middleware: Middleware | null;
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Whether a cache may keep the answer to a request of this method, so whether it is worth naming its surrogate keys. */
  keepable(method: string): boolean;
}

/** Only a GET's answer can be kept, and only with validators (the response cache on): every other says `no-store`. */
function keepableWith(validators: boolean): (method: string | undefined) => boolean {
  return (method) => validators && method === 'GET';
}

export function responseCache(options: ResponseCacheOptions): ResponseCache {
  const { policy } = options;
  const keepable = keepableWith(options.maxBytes > 0);
  if (options.maxBytes <= 0) return { middleware: null, plugin: cacheHeadersPlugin(policy, keepable), keepable };
  const store = new ResponseStore(options.maxBytes);
  return {
    middleware: cacheMiddleware(store, options.shared, options.contentVersion, policy),
    plugin: cacheHeadersPlugin(policy, keepable),
    keepable,
  };
}

/**
 * Under the content version and a hash of the request key salted by the code, like the tag:
 * a replica running other code, whose answers (and their shape here) may differ, never reads it.
 */
function sharedKey(version: string, key: string): string {
  return `response:${version}:${createHash('sha256').update(entityTag(version, key)).digest('base64url')}`;
}

/** A shared entry: the tag, the media type, the surrogate keys and the body, one after the other on their own lines. */
function toShared(response: CachedResponse): string {
  return `${response.tag}\n${response.contentType}\n${response.surrogateKeys}\n${response.body}`;
}

function fromShared(value: string): CachedResponse {
  const [tag, contentType, surrogateKeys] = value.split('\n', 3) as [string, string, string];
  const body = value.slice(tag.length + contentType.length + surrogateKeys.length + 3);
  return { body, bodyBytes: Buffer.byteLength(body), contentType, tag, surrogateKeys };
}

function cacheMiddleware(
  store: ResponseStore,
  shared: SharedCache | null,
  contentVersion: () => string | null,
  policy: CachePolicy,
): Middleware {
  return (request, response, next) => {
    if (request.method !== 'GET' || !isRunnableGet(request.headers)) {
      next();
      return;
    }
    const version = contentVersion();
    if (version === null) {
      next();
      return;
    }
    const { accept } = request.headers;
    const key = requestKey(searchOf(request.url), accept);
    varyOnAccept(response);
    const answer = (hit: CachedResponse | undefined) => {
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch !== undefined) {
        const tag = hit?.tag ?? entityTag(version, key);
        if (matchesIfNoneMatch(ifNoneMatch, tag)) {
          response.writeHead(304, { etag: tag, 'cache-control': policy.cacheable, ...surrogateKeyHeader(hit?.surrogateKeys) });
          response.end();
          return;
        }
      }
      if (hit) {
        sendStored(response, hit, policy);
        return;
      }
      keepWhatIsSent(request, version, (kept) => {
        if (store.set(version, key, kept)) shared?.set(sharedKey(version, key), toShared(kept), SHARED_TTL_SECONDS);
      });
      next();
    };
    const local = store.get(version, key);
    if (local || !shared) {
      answer(local);
      return;
    }
    return shared.get(sharedKey(version, key)).then((value) => {
      const hit = value === undefined ? undefined : fromShared(value);
      if (hit) store.set(version, key, hit);
      answer(hit);
    });
  };
}

function sendStored(response: ServerResponse, hit: CachedResponse, policy: CachePolicy): void {
  response.writeHead(200, {
    'content-type': hit.contentType,
    'content-length': hit.bodyBytes,
    etag: hit.tag,
    'cache-control': policy.cacheable,
    ...surrogateKeyHeader(hit.surrogateKeys),
  });
  response.end(hit.body);
}

function surrogateKeyHeader(keys: string | undefined): Record<string, string> {
  return keys ? { 'surrogate-key': keys } : {};
}

/** Cached answers differ by Accept, whatever other request headers the route already varies on. */
function varyOnAccept(response: ServerResponse): void {
  const vary = response.getHeader('vary');
  response.setHeader('vary', vary === undefined ? 'Accept' : `${String(vary)}, Accept`);
}

/**
 * The plugin set the tag only if the answer is cacheable, from the version the request pinned;
 * it equals the tag of the version looked up here only if that version is the one that ran. The
 * request URL is read when the answer comes, since a persisted-document id may have been
 * replaced by the document on the way.
 */
function keepWhatIsSent(request: GatewayRequest, version: string, keep: (response: CachedResponse) => void): void {
  request.onAnswer = ({ status, headers, body }) => {
    const tag = headers.get('etag');
    const contentType = headers.get('content-type');
    if (status !== 200 || tag === undefined || contentType === undefined) return;
    if (tag !== entityTag(version, requestKey(searchOf(request.url), request.headers.accept))) return;
    keep({ body, bodyBytes: Buffer.byteLength(body), contentType, tag, surrogateKeys: headers.get('surrogate-key') ?? '' });
  };
}

function cacheHeadersPlugin(policy: CachePolicy, keepable: (method: string | undefined) => boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, operation, contextValue }) {
          const { http } = request;
          const headers = response.http.headers;
          const result = response.body.kind === 'single' ? response.body.singleResult : null;
          const cacheable =
            http !== undefined &&
            keepable(http.method) &&
            operation?.operation === OperationTypeNode.QUERY &&
            (response.http.status ?? 200) === 200 &&
            result !== null &&
            result.data != null &&
            !result.errors?.length;
          if (!cacheable) {
            headers.set('cache-control', policy.uncacheable);
            return;
          }
          headers.set('etag', entityTag(contextValue.snapshot.status.version, requestKey(http.search, http.headers.get('accept'))));
          headers.set('cache-control', policy.cacheable);
          // Collected only when the request was keepable and the policy asks for keys.
          const keys = contextValue.surrogateKeys?.header();
          if (keys) headers.set('surrogate-key', keys);
        },
      };
    },
  };
}
