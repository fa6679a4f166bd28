/**
 * A cache shared by every replica, in Redis: the second level behind each replica's own
 * response cache and store of automatic persisted queries.
 *
 * It is an optimisation, never a dependency: a lookup that Redis does not answer within
 * `SHARED_CACHE_TIMEOUT_MS`, or while it is down, is a miss, and writes are sent without
 * waiting. Commands are not queued while disconnected (they fail at once); the client keeps
 * reconnecting, and the cache is used again as soon as Redis answers. Each change between
 * available and unavailable is logged once and shown in `/readyz`.
 *
 * Nothing it writes grows without limit: every entry has a TTL, no entry is larger than
 * `maxEntryBytes`, and the whole is bounded by the Redis's own `maxmemory`, which the operator
 * sets. On each connection it asks Redis (`CONFIG GET maxmemory*`) whether that bound is there
 * with a policy that evicts; when it is not, it warns once in the log and keeps the warning in
 * `/readyz`. A Redis that refuses `CONFIG` (managed services often do) is reported as unknown.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger';

/** Longest a request waits for Redis before it goes on without it. */
export const SHARED_CACHE_TIMEOUT_MS = 250;
/** Longest pause between two attempts to reconnect. */
const RECONNECT_MAX_MS = 2_000;
/** Every key the gateway writes starts with this, so that it can share a Redis with others. */
const KEY_PREFIX = 'content-gateway:';
/**
 * Largest value written, in UTF-8 bytes; a larger answer stays in the replica's own cache.
 * Redis takes strings up to 512 MB, but one large value holds up its single thread, for every
 * replica, while it is copied, and a few of them evict many small answers.
 */
export const DEFAULT_SHARED_ENTRY_BYTES = 2 ** 20;

export interface SharedCacheOptions {
  /** `DEFAULT_SHARED_ENTRY_BYTES` by default. */
  maxEntryBytes?: number;
}

/** What bounds the Redis's memory, as `CONFIG GET` answered. */
export interface RedisMemoryBound {
  /**
   * `evicting`: a `maxmemory` and a policy that evicts (every entry has a TTL, so `volatile-*`
   * policies evict them too); `unbounded`: no `maxmemory`; `noeviction`: a `maxmemory`, but
   * writes fail once it is reached; `unknown`: Redis refused `CONFIG`.
   */
  bound: 'evicting' | 'unbounded' | 'noeviction' | 'unknown';
  maxmemoryBytes?: number;
  policy?: string;
  /** Why it is unknown. */
  error?: string;
}

export interface SharedCacheStatus {
  status: 'available' | 'unavailable';
  /** Why it is unavailable. */
  error?: string;
  /** As Redis answered on the last connection; absent until the first. */
  memory?: RedisMemoryBound;
  /** What to fix, when Redis's memory is not bounded with eviction. */
  warning?: string;
}

export interface SharedCache {
  /** The value, or undefined on a miss, a timeout or while Redis is unavailable; never rejects. */
  get(key: string): Promise<string | undefined>;
  /** Stores the value for `ttlSeconds` without waiting, unless it is over `maxEntryBytes`; a failure only costs a later miss. */
  set(key: string, value: string, ttlSeconds: number): void;
  status(): SharedCacheStatus;
  /** Disconnects when the server stops. */
  plugin: ApolloServerPlugin;
}

/** Asks Redis for its memory bound; never rejects. */
async function memoryBoundOf(redis: Redis): Promise<RedisMemoryBound> {
  let reply: unknown;
  try {
    reply = await redis.config('GET', 'maxmemory*');
  } catch (error) {
    return { bound: 'unknown', error: error instanceof Error ? error.message : String(error) };
  }
  // A flat list of names and values.
  const values = Array.isArray(reply) ? (reply as unknown[]).map(String) : [];
  const config = new Map(values.flatMap((value, index) => (index % 2 === 0 ? [[value, values[index + 1]] as const] : [])));
  const maxmemoryBytes = Number(config.get('maxmemory'));
  const policy = config.get('maxmemory-policy');
  if (!Number.isInteger(maxmemoryBytes) || policy === undefined) return { bound: 'unknown', error: 'no maxmemory in the answer' };
  if (maxmemoryBytes === 0) return { bound: 'unbounded', maxmemoryBytes, policy };
  return { bound: policy === 'noeviction' ? 'noeviction' : 'evicting', maxmemoryBytes, policy };
}

const SET_A_BOUND = 'set maxmemory and maxmemory-policy allkeys-lru on the Redis';

/** The warning a bound calls for, if any. */
function warningOf(memory: RedisMemoryBound): string | undefined {
  if (memory.bound === 'unbounded') return `Redis has no maxmemory: the shared cache is not bounded as a whole; ${SET_A_BOUND}`;
  if (memory.bound === 'noeviction')
    return `Redis's maxmemory-policy is noeviction: once it is full no answer is shared any more; ${SET_A_BOUND}`;
  return undefined;
}

export function redisSharedCache(url: string, logger: Logger, options: SharedCacheOptions = {}): SharedCache {
  const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_SHARED_ENTRY_BYTES;
  // Loaded with `--redis` only: a start without Redis does not pay for the client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load; import() would go through the ESM loader
  const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
  const redis = new RedisClient(url, {
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
  let memory: RedisMemoryBound | undefined;
  /** Logs the bound when it differs from the one known, so a reconnection to the same Redis says nothing again. */
  const learnMemoryBound = async () => {
    const learnt = await memoryBoundOf(redis);
    if (learnt.bound === memory?.bound && learnt.policy === memory.policy && learnt.maxmemoryBytes === memory.maxmemoryBytes) return;
    memory = learnt;
    const warning = warningOf(learnt);
    if (warning) logger.warn({ sharedCache: { memory: learnt } }, warning);
    else if (learnt.bound === 'unknown')
      logger.info(
        { sharedCache: { memory: learnt } },
        `cannot tell whether Redis bounds its memory (CONFIG GET: ${learnt.error}); give it a maxmemory with an evicting policy`,
      );
    else logger.info({ sharedCache: { memory: learnt } }, `Redis bounds its memory: ${learnt.maxmemoryBytes} bytes, ${learnt.policy}`);
  };
  redis.on('ready', () => {
    become({ status: 'available' });
    void learnMemoryBound();
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
      if (Buffer.byteLength(value) > maxEntryBytes) return;
      redis.set(key, value, 'EX', ttlSeconds).catch(failed);
    },
    status: () => {
      if (memory === undefined) return current;
      const warning = warningOf(memory);
      return { ...current, memory, ...(warning && { warning }) };
    },
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
