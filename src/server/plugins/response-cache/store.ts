/**
 * Response bodies of one content version, least recently used first out once their bytes
 * pass the bound. Entries of an older version are never served: the first lookup for a new
 * version empties the store.
 */
import { LRUCache } from 'lru-cache';

export interface CachedResponse {
  /** Kept as text: Node writes a text body in one go with the headers, where a Buffer takes a second write. */
  body: string;
  /** UTF-8 length of `body`. */
  bodyBytes: number;
  contentType: string;
  /** The entity tag it was sent with. */
  tag: string;
  /** Its `Surrogate-Key` header; empty for none. */
  surrogateKeys: string;
}

/** Map entry, key and header bookkeeping, so that many tiny bodies still count. */
const ENTRY_OVERHEAD_BYTES = 256;
/** One body may take at most this share of the bound, so a few large ones cannot flush everything else. */
const LARGEST_ENTRY_SHARE = 8;

function entryBytes(response: CachedResponse, key: string): number {
  return (
    response.bodyBytes +
    response.contentType.length +
    response.tag.length +
    response.surrogateKeys.length +
    key.length +
    ENTRY_OVERHEAD_BYTES
  );
}

export class ResponseStore {
  private version: string | null = null;
  private readonly entries: LRUCache<string, CachedResponse>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache({ maxSize: maxBytes, maxEntrySize: maxBytes / LARGEST_ENTRY_SHARE, sizeCalculation: entryBytes });
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  get(version: string, key: string): CachedResponse | undefined {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
      return undefined;
    }
    return this.entries.get(key);
  }

  /** Whether it was kept: not when the content changed while the response was being made, nor when it is too large. */
  set(version: string, key: string, response: CachedResponse): boolean {
    if (version !== this.version) return false;
    this.entries.set(key, response);
    return this.entries.has(key);
  }
}
