/**
 * The HTML of one body, in a file of its own named for the article's content hash: content-addressed and
 * immutable once written. An entry names its body only through that hash, so a snapshot pinned by a
 * request goes on reading its own version's body after an edit wrote the next one; two versions never
 * share a file. The directory's name already carries the parse fingerprint (`ContentCache.open`).
 */
import { hash } from 'node:crypto';
import path from 'node:path';
import type { PortableHtml } from '../body/portable';
import { readChecksummed, writeChecksummed } from './checksummed-file';

const MAGIC = 'content-gateway-body 1 ';

/** Below the entry directory; its own folder, so the entries' pruning never mistakes a body for an entry. */
export const BODIES_FOLDER = 'bodies';

export type BodyRead = { kind: 'found'; html: PortableHtml } | { kind: 'invalid'; reason: string };

interface BodyPayload {
  contentHash: string;
  html: PortableHtml;
}

/** A content hash may carry a modification time (`revisionOf`): its hash is a safe file name. */
export function bodyFileName(contentHash: string): string {
  return hash('sha1', contentHash);
}

export function bodyFile(directory: string, contentHash: string): string {
  return path.join(directory, BODIES_FOLDER, bodyFileName(contentHash));
}

export function readBodyFile(directory: string, contentHash: string): BodyRead {
  const read = readChecksummed(bodyFile(directory, contentHash), MAGIC);
  if (read.kind === 'missing') return { kind: 'invalid', reason: 'missing' };
  if (read.kind === 'invalid') return read;
  let payload: BodyPayload;
  try {
    payload = JSON.parse(read.payload) as BodyPayload;
  } catch {
    return { kind: 'invalid', reason: 'unreadable body' };
  }
  if (payload.contentHash !== contentHash) return { kind: 'invalid', reason: 'belongs to another version' };
  return { kind: 'found', html: payload.html };
}

/** Written before the entry that names it, so an entry written whole never names a body not yet there. */
export function writeBodyFile(directory: string, contentHash: string, html: PortableHtml): void {
  const payload: BodyPayload = { contentHash, html };
  writeChecksummed(bodyFile(directory, contentHash), MAGIC, JSON.stringify(payload));
}
