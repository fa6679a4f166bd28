/**
 * The framing every file of the cache directory shares: a first line `<magic><sha1 of the rest>`, then
 * the payload. The checksum catches a truncated, corrupted or foreign file. Written under a temporary
 * name, then renamed into place: a reader, another process included, sees the old file or the new one,
 * never half of one; a process killed while writing leaves a temporary file that `ContentCache.prune`
 * removes.
 */
import { hash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { describeError } from '../scan';

const SHA1_HEX_LENGTH = 40;

// The one-shot `hash` throughout the cache, not `createHash`: a warm start hashes two short strings or
// buffers per file (its entry's name, its entry's payload), and without a `Hash` object each costs about half.

export const TEMPORARY_SUFFIX = '.tmp';

export type ChecksummedRead = { kind: 'found'; payload: string } | { kind: 'missing' } | { kind: 'invalid'; reason: string };

export function readChecksummed(file: string, magic: string): ChecksummedRead {
  const read = readChecksummedBytes(file, magic);
  return read.kind === 'found' ? { kind: 'found', payload: read.payload.toString('utf8') } : read;
}

/** {@link readChecksummed} without decoding the payload: a large file's parts can then be decoded one by one. */
export function readChecksummedBytes(
  file: string,
  magic: string,
): { kind: 'found'; payload: Buffer } | Exclude<ChecksummedRead, { kind: 'found' }> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: `cannot be read: ${describeError(error)}` };
  }
  const payloadStart = magic.length + SHA1_HEX_LENGTH + 1;
  if (bytes.length < payloadStart || bytes.toString('latin1', 0, magic.length) !== magic)
    return { kind: 'invalid', reason: 'not a cache file' };
  const sum = bytes.toString('latin1', magic.length, magic.length + SHA1_HEX_LENGTH);
  const payload = bytes.subarray(payloadStart);
  if (hash('sha1', payload) !== sum) {
    return { kind: 'invalid', reason: 'checksum mismatch (truncated or corrupted)' };
  }
  return { kind: 'found', payload };
}

let written = 0;

export function writeChecksummed(file: string, magic: string, payload: string | Buffer): void {
  const rest = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const sum = hash('sha1', rest);
  const temporary = `${file}.${process.pid}-${threadId}-${written++}${TEMPORARY_SUFFIX}`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${magic}${sum}\n`), rest]));
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
