/**
 * Where the served posts' HTML is read from when a query asks for it. With a cache, a post's HTML is in
 * its body file (`cache/body-file.ts`), off the JavaScript heap; without one (or where its body file could
 * not be written) the post holds it (`IndexedPost.heldHtml`).
 */
import { LRUCache } from 'lru-cache';
import { htmlOfBody, type PortableHtml } from './body/portable';
import { readBodyFile } from './cache/body-file';
import type { BodyHtml, IndexedPost } from './parsed-post';

export interface BodyStore {
  /** The HTML of `post`'s version of its body. Throws when that version can no longer be had. */
  read(post: IndexedPost): BodyHtml;
}

/** Every body in the heap: the store of a load without a cache. */
export const heldBodies: BodyStore = {
  read(post) {
    if (post.heldHtml === null) throw new Error(`${post.path}: the body is in no cache and not held`);
    return htmlOfBody(post.heldHtml);
  },
};

/**
 * Makes the HTML of a post's version again, from its file, when its body file is unusable; throws when
 * the file no longer holds that version.
 */
export type BodyRepair = (post: IndexedPost, problem: string) => PortableHtml;

/**
 * Bytes of the bodies read last, kept for the next reads: the articles of the first pages are asked
 * for by nearly every request, and a body file costs some 40 times a read from the heap (see the
 * README's figures). About 2,500 bodies of the generated corpus; a body is never stale, since a
 * body file holds one version for good.
 */
const RECENT_BODIES_BYTES = 8 * 1024 * 1024;
/** A JavaScript string may take two bytes a UTF-16 unit; each piece adds its object's bookkeeping. */
const BYTES_PER_UNIT = 2;
const PIECE_BYTES = 64;

/** The body files of one cache directory, and the posts that hold their HTML. */
export class StoredBodies implements BodyStore {
  private readonly recent = new LRUCache<string, PortableHtml>({ maxSize: RECENT_BODIES_BYTES, sizeCalculation: bytesOf });

  constructor(
    private readonly directory: string,
    private readonly repair: BodyRepair,
  ) {}

  read(post: IndexedPost): BodyHtml {
    if (post.heldHtml !== null) return htmlOfBody(post.heldHtml);
    let html = this.recent.get(post.contentHash);
    if (html === undefined) {
      const found = readBodyFile(this.directory, post.contentHash);
      html = found.kind === 'found' ? found.html : this.repair(post, found.reason);
      this.recent.set(post.contentHash, html);
    }
    return htmlOfBody(html);
  }
}

function bytesOf({ html, lead, sections }: PortableHtml): number {
  let units = html.length;
  for (const piece of lead === null ? sections : [lead, ...sections])
    units += typeof piece === 'string' ? piece.length : piece.before.length + piece.after.length;
  return units * BYTES_PER_UNIT + (sections.length + 2) * PIECE_BYTES;
}
