/**
 * Response bodies of one content version, least recently used first out once their bytes
 * pass the bound. Entries of an older version are never served: the first lookup for a new
 * version empties the store.
 */

export interface CachedResponse {
  /** Kept as text: Node writes a text body in one go with the headers, where a Buffer takes a second write. */
  body: string;
  /** UTF-8 length of `body`. */
  bodyBytes: number;
  contentType: string;
  /** The entity tag it was sent with. */
  tag: string;
}

interface StoredResponse extends CachedResponse {
  bytes: number;
}

/** Map entry, key and header bookkeeping, so that many tiny bodies still count. */
const ENTRY_OVERHEAD_BYTES = 256;
/** One body may take at most this share of the bound, so a few large ones cannot flush everything else. */
const LARGEST_ENTRY_SHARE = 8;

export class ResponseStore {
  private version: string | null = null;
  /** In recency order: a Map iterates in insertion order, and a hit re-inserts its entry. */
  private readonly entries = new Map<string, StoredResponse>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  get(version: string, key: string): CachedResponse | undefined {
    if (version !== this.version) {
      this.clear();
      this.version = version;
      return undefined;
    }
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Ignored when the content changed while the response was being made. */
  set(version: string, key: string, response: CachedResponse): void {
    if (version !== this.version) return;
    const bytes = response.bodyBytes + response.contentType.length + response.tag.length + key.length + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.maxBytes / LARGEST_ENTRY_SHARE) return;
    this.delete(key);
    this.entries.set(key, { ...response, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
