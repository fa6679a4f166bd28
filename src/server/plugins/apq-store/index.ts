/**
 * The store of automatic persisted queries: document text by hash, registered by any client.
 *
 * Apollo's default store bounds the sum of the texts' lengths, so a flood of tiny documents
 * costs far more heap than the bound says: each entry also holds its 68-character key and the
 * LRU's own bookkeeping (about 220 bytes of heap for an 8-character document, measured with
 * `--expose-gc` over 100,000 entries). Here each entry is charged what it takes in the heap, so the
 * bound is one on memory.
 *
 * With a shared cache (Redis), a document registered on one replica runs by its hash on every
 * other: a local miss looks there, and a registration is sent there too, for a day.
 */
import type { PersistedQueryOptions } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { SharedCache } from '../shared-cache';

export type DocumentTextStore = NonNullable<PersistedQueryOptions['cache']>;

export const DEFAULT_APQ_CACHE_BYTES = 16 * 2 ** 20;

/** The LRU's nodes, indexes and the string headers of an entry; 128 is above the 110 measured. */
const ENTRY_OVERHEAD_BYTES = 128;

/** V8 keeps a string in one byte per character when it can, two otherwise, after a 16-byte header; charge the larger. */
function stringHeapBytes(text: string): number {
  return 16 + 2 * text.length;
}

export function apqEntryBytes(key: string, document: string): number {
  return ENTRY_OVERHEAD_BYTES + stringHeapBytes(key) + stringHeapBytes(document);
}

/** Registrations in the shared cache last this long unless used again; a client re-registers after that. */
const SHARED_TTL_SECONDS = 24 * 60 * 60;

/** An LRU of documents within `maxBytes` of heap; a registration of a document over an eighth of it is not kept. */
export function apqStore(maxBytes: number, shared: SharedCache | null): DocumentTextStore {
  const cache = new LRUCache<string, string>({
    maxSize: maxBytes,
    maxEntrySize: maxBytes / 8,
    sizeCalculation: (document, key) => apqEntryBytes(key, document),
  });
  return {
    async get(key) {
      const local = cache.get(key);
      if (local !== undefined || !shared) return local;
      const found = await shared.get(key);
      if (found !== undefined) cache.set(key, found);
      return found;
    },
    async set(key, document, options) {
      cache.set(key, document, options?.ttl ? { ttl: options.ttl * 1000 } : undefined);
      if (cache.has(key)) shared?.set(key, document, options?.ttl || SHARED_TTL_SECONDS);
    },
    async delete(key) {
      return cache.delete(key);
    },
  };
}
