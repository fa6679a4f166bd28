/**
 * The one place that decides what caches may do with an answer: the GraphQL route (its
 * engine's answers, stored answers and `304`s) and the feeds and sitemap all ask here.
 *
 * Without a CDN, a cacheable answer says `no-cache`: any cache may keep it but must revalidate
 * each time, since content can change at any moment (live reload) and revalidating is a cheap
 * `304`. With `--cdn-max-age N` it says `public, max-age=0, s-maxage=N,
 * stale-while-revalidate=60`: browsers still revalidate every time, a shared cache keeps the
 * answer N seconds, told by `Surrogate-Key` what it holds so that a purge by key drops it as
 * soon as a reload changes it; past N seconds it may answer from the stale copy for another
 * `CDN_STALE_WHILE_REVALIDATE_SECONDS` while it revalidates, so no reader waits on the origin
 * for a page whose content has not changed. Everything else (POST, errors, mutations, a
 * response cache turned off) says `no-store`.
 */

/** What every answer caches may not keep says. */
export const DO_NOT_STORE = 'no-store';

/** Seconds a CDN may keep serving an expired answer while it revalidates it. */
export const CDN_STALE_WHILE_REVALIDATE_SECONDS = 60;

export interface CachePolicy {
  /** Cache-Control of an answer caches may keep. */
  cacheable: string;
  /** Cache-Control of every other answer. */
  uncacheable: string;
  /** Whether cacheable answers carry `Surrogate-Key`: only a CDN reads it. */
  surrogateKeys: boolean;
}

export function cachePolicy(cdnMaxAgeSeconds: number | undefined): CachePolicy {
  return {
    cacheable:
      cdnMaxAgeSeconds === undefined
        ? 'no-cache'
        : `public, max-age=0, s-maxage=${cdnMaxAgeSeconds}, stale-while-revalidate=${CDN_STALE_WHILE_REVALIDATE_SECONDS}`,
    uncacheable: DO_NOT_STORE,
    surrogateKeys: cdnMaxAgeSeconds !== undefined,
  };
}
