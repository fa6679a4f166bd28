/**
 * `--purge-url`: after each reload, POSTs the surrogate keys it made stale to a purge endpoint
 * (a CDN's, or a small service in front of one) as `{"keys": [...]}`.
 *
 * CDNs cap the keys one purge call takes, so the keys go in batches of at most `batchKeys`
 * (`DEFAULT_PURGE_BATCH_KEYS` unless `--purge-batch` says otherwise), one request each, and
 * a reload that made more keys stale makes several requests.
 *
 * A purge never holds up a reload: it is sent in the background. A failed attempt (a network
 * error, a timeout or a status other than 2xx) is retried after 250 ms, then 500 ms, 1 s and
 * 2 s, five attempts in all, each logged; after the last the batch is given up on (the CDN then
 * serves those answers until their `s-maxage` runs out), the log says so, and the next batch
 * is sent. One request is in flight at a time: keys of reloads made meanwhile are merged into
 * the batches still to send, so a burst of reloads against a slow endpoint costs one waiting
 * request and one set of distinct keys.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logger';

/**
 * Keys in one request. The smaller of the two caps CDNs document: Cloudflare's purge by
 * cache-tag takes up to 100 operations per request on every plan (developers.cloudflare.com,
 * Cache, "Purge cache", Purge limits; older versions of its API docs said 30 tags a call), and
 * Fastly's batch purge `POST /service/{service_id}/purge` up to 256 surrogate keys a request
 * (Fastly API reference, Purging). A Fastly endpoint can take `--purge-batch 256`, one held to
 * the older Cloudflare limit `--purge-batch 30`.
 */
export const DEFAULT_PURGE_BATCH_KEYS = 100;

export interface PurgeSettings {
  /** Most keys one request carries. */
  batchKeys: number;
  attempts: number;
  /** Wait before the second attempt; each later wait doubles it. */
  firstRetryMs: number;
  /** Longest one attempt may take. */
  attemptTimeoutMs: number;
}

export const DEFAULT_PURGE_SETTINGS: PurgeSettings = {
  batchKeys: DEFAULT_PURGE_BATCH_KEYS,
  attempts: 5,
  firstRetryMs: 250,
  attemptTimeoutMs: 5_000,
};

/** The defaults, with the batch size the server was given. */
export function purgeSettings(batchKeys: number = DEFAULT_PURGE_BATCH_KEYS): PurgeSettings {
  return { ...DEFAULT_PURGE_SETTINGS, batchKeys };
}

export interface Purger {
  /** Queues the keys and returns at once. */
  purge(keys: readonly string[]): void;
  /** Stops retrying when the server stops. */
  plugin: ApolloServerPlugin;
}

export function purger(url: string, logger: Logger, settings: PurgeSettings): Purger {
  const pending = new Set<string>();
  let sending = false;
  const stopping = new AbortController();

  const attempt = async (keys: readonly string[]): Promise<void> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keys }),
      signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(settings.attemptTimeoutMs)]),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  };

  const send = async (keys: readonly string[]): Promise<void> => {
    for (let number = 1; !stopping.signal.aborted; number++) {
      try {
        await attempt(keys);
        logger.info({ purge: { keys: keys.length, attempt: number } }, `purged ${keys.length} surrogate keys`);
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (number >= settings.attempts) {
          logger.error(
            { purge: { keys: keys.length, attempt: number }, error: reason },
            `purge of ${keys.length} surrogate keys failed after ${number} attempts (${reason}); the CDN keeps those answers until they expire`,
          );
          return;
        }
        const wait = settings.firstRetryMs * 2 ** (number - 1);
        logger.warn(
          { purge: { keys: keys.length, attempt: number, retryInMs: wait }, error: reason },
          `purge attempt ${number} failed (${reason}); retrying in ${wait} ms`,
        );
        await sleep(wait, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  };

  /** The first `batchKeys` keys waiting, taken off the set: later reloads' keys fill the batches still to come. */
  const nextBatch = (): string[] => {
    const batch: string[] = [];
    for (const key of pending) {
      if (batch.length === settings.batchKeys) break;
      batch.push(key);
      pending.delete(key);
    }
    return batch;
  };

  const drain = async (): Promise<void> => {
    sending = true;
    while (pending.size > 0 && !stopping.signal.aborted) await send(nextBatch());
    sending = false;
  };

  return {
    purge(keys) {
      for (const key of keys) pending.add(key);
      if (!sending) void drain();
    },
    plugin: {
      serverWillStart: () =>
        Promise.resolve({
          serverWillStop: () => {
            stopping.abort();
            return Promise.resolve();
          },
        }),
    },
  };
}
