/** A digest of the code that runs: every `.js`/`.ts` file below a folder, by path and bytes. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Equal digests mean the same code, so what it made before may be reused: the parse cache
 * keys its entries on the content code's, and entity tags are salted with the whole build's.
 */
export function codeDigest(root: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(js|ts)$/.test(file))
    .sort();
  for (const file of files) hash.update(`${file.split(path.sep).join('/')}\0`).update(readFileSync(path.join(root, file)));
  return hash.digest('base64url');
}
