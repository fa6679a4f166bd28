/**
 * Where the served posts' HTML is read from when a query asks for it. With a cache, a post's HTML is in
 * its body file (`cache/body-file.ts`), off the JavaScript heap; without one (or where its body file could
 * not be written) the post holds it (`IndexedPost.heldHtml`).
 */
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

/** The body files of one cache directory, and the posts that hold their HTML. */
export class StoredBodies implements BodyStore {
  constructor(
    private readonly directory: string,
    private readonly repair: BodyRepair,
  ) {}

  read(post: IndexedPost): BodyHtml {
    if (post.heldHtml !== null) return htmlOfBody(post.heldHtml);
    const found = readBodyFile(this.directory, post.contentHash);
    return htmlOfBody(found.kind === 'found' ? found.html : this.repair(post, found.reason));
  }
}
