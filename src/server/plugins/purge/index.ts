/**
 * `--purge-url`: after each reload, POSTs the surrogate keys it made stale to a purge endpoint
 * (a CDN's, or a small service in front of one) as `{"keys": [...]}`.
 *
 * A purge never holds up a reload: it is sent in the background. A failed attempt (a network
 * error, a timeout or a status other than 2xx) is retried after 250 ms, then 500 ms, 1 s and
 * 2 s, five attempts in all, each logged; after the last the keys are given up on (the CDN then
 * serves those answers until their `s-maxage` runs out) and the log says so. One purge is in
 * flight at a time: keys of reloads made meanwhile are merged into the next, so a burst of
 * reloads against a slow endpoint costs one waiting request and one set of distinct keys.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logger';

export interface PurgeSettings {
  attempts: number;
  /** Wait before the second attempt; each later wait doubles it. */
  firstRetryMs: number;
  /** Longest one attempt may take. */
  attemptTimeoutMs: number;
}

export const DEFAULT_PURGE_SETTINGS: PurgeSettings = { attempts: 5, firstRetryMs: 250, attemptTimeoutMs: 5_000 };

export interface Purger {
  /** Queues the keys and returns at once. */
  purge(keys: readonly string[]): void;
  /** Stops retrying when the server stops. */
  plugin: ApolloServerPlugin;
}

export function purger(url: string, logger: Logger, settings: PurgeSettings = DEFAULT_PURGE_SETTINGS): Purger {
  let pending = new Set<string>();
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

  const drain = async (): Promise<void> => {
    sending = true;
    while (pending.size > 0 && !stopping.signal.aborted) {
      const keys = [...pending];
      pending = new Set();
      await send(keys);
    }
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
