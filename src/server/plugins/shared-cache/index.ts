/**
 * A cache shared by every replica, in Redis: the second level behind each replica's own
 * response cache and store of automatic persisted queries.
 *
 * It is an optimisation, never a dependency: a lookup that Redis does not answer within
 * `SHARED_CACHE_TIMEOUT_MS`, or while it is down, is a miss, and writes are sent without
 * waiting. Commands are not queued while disconnected (they fail at once); the client keeps
 * reconnecting, and the cache is used again as soon as Redis answers. Each change between
 * available and unavailable is logged once and shown in `/readyz`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Redis } from 'ioredis';
import type { Logger } from '../../logger';

/** Longest a request waits for Redis before it goes on without it. */
export const SHARED_CACHE_TIMEOUT_MS = 250;
/** Longest pause between two attempts to reconnect. */
const RECONNECT_MAX_MS = 2_000;
/** Every key the gateway writes starts with this, so that it can share a Redis with others. */
const KEY_PREFIX = 'content-gateway:';

export interface SharedCacheStatus {
  status: 'available' | 'unavailable';
  /** Why it is unavailable. */
  error?: string;
}

export interface SharedCache {
  /** The value, or undefined on a miss, a timeout or while Redis is unavailable; never rejects. */
  get(key: string): Promise<string | undefined>;
  /** Stores the value for `ttlSeconds` without waiting; a failure only costs a later miss. */
  set(key: string, value: string, ttlSeconds: number): void;
  status(): SharedCacheStatus;
  /** Disconnects when the server stops. */
  plugin: ApolloServerPlugin;
}

export function redisSharedCache(url: string, logger: Logger): SharedCache {
  const redis = new Redis(url, {
    keyPrefix: KEY_PREFIX,
    enableOfflineQueue: false,
    commandTimeout: SHARED_CACHE_TIMEOUT_MS,
    connectTimeout: SHARED_CACHE_TIMEOUT_MS * 4,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, RECONNECT_MAX_MS),
  });
  let current: SharedCacheStatus = { status: 'unavailable', error: 'connecting' };
  const become = (next: SharedCacheStatus) => {
    if (next.status === current.status) {
      current = next;
      return;
    }
    current = next;
    if (next.status === 'available') logger.info({ sharedCache: 'available' }, 'shared cache in Redis available');
    else
      logger.warn(
        { sharedCache: 'unavailable', error: next.error },
        `shared cache in Redis unavailable (${next.error}); serving without it`,
      );
  };
  redis.on('ready', () => {
    become({ status: 'available' });
  });
  redis.on('error', (error: Error) => {
    become({ status: 'unavailable', error: error.message });
  });
  redis.on('close', () => {
    become({ status: 'unavailable', error: 'connection closed' });
  });
  const failed = (error: unknown) => {
    // A timeout leaves the connection up: Redis is slow, not gone, and the next lookup may be answered.
    become({ status: 'unavailable', error: error instanceof Error ? error.message : String(error) });
    return undefined;
  };
  return {
    get: (key) =>
      redis.get(key).then((value) => {
        if (redis.status === 'ready') become({ status: 'available' });
        return value ?? undefined;
      }, failed),
    set: (key, value, ttlSeconds) => {
      redis.set(key, value, 'EX', ttlSeconds).catch(failed);
    },
    status: () => current,
    plugin: {
      async serverWillStart() {
        return {
          async serverWillStop() {
            redis.disconnect();
          },
        };
      },
    },
  };
}
