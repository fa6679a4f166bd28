/**
 * One cache entry per content file: what parsing made of it, with the size, modification time and
 * content hash of the bytes it was made from. Read and written with blocking calls, on the parse
 * threads, where blocking costs no one anything.
 *
 * Layout: a first line `content-gateway-cache 1 <sha1 of the rest>`, a line of JSON (the header),
 * then the outcome as `encodeOutcome` wrote it. The checksum catches a truncated, corrupted or
 * foreign file; the header's `rawPath` catches an entry that belongs to another file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { describeError } from '../scan';

const MAGIC = 'content-gateway-cache 1 ';
const SHA1_HEX_LENGTH = 40;

/** Size and modification time of a file: what decides, without reading it, that it did not change. */
export interface FileStamp {
  size: number;
  /** Nanoseconds, as a decimal string: JSON has no 64-bit integers. */
  mtimeNs: string;
}

export interface EntryHeader extends FileStamp {
  rawPath: string;
  contentHash: string;
  /** When the entry was written, to tell a stamp that a later edit could share (see `stampDecides`). */
  writtenAtMs: number;
}

export type EntryRead = { kind: 'found'; header: EntryHeader; outcome: string } | { kind: 'missing' } | { kind: 'invalid'; reason: string };

/**
 * File systems keep modification times in ticks as coarse as a second or two: an edit made in the
 * same tick as the entry was written, keeping the size, would keep the stamp too. Such an entry is
 * checked by its content hash, as git checks its "racily clean" index entries.
 */
const STAMP_TICK_MS = 2_000;

export function stampOf(absolutePath: string): FileStamp {
  const stat = statSync(absolutePath, { bigint: true });
  return { size: Number(stat.size), mtimeNs: stat.mtimeNs.toString() };
}

/** Whether the entry's stamp alone proves the file unchanged. */
export function stampDecides(header: EntryHeader, stamp: FileStamp): boolean {
  const mtimeMs = Number(BigInt(stamp.mtimeNs) / 1_000_000n);
  return header.size === stamp.size && header.mtimeNs === stamp.mtimeNs && mtimeMs < header.writtenAtMs - STAMP_TICK_MS;
}

/** Entry names hash the path, so no path can name a file outside the cache directory. */
export function entryName(rawPath: string): string {
  return createHash('sha1').update(rawPath).digest('hex');
}

export function readEntry(directory: string, rawPath: string): EntryRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(directory, entryName(rawPath)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: `cannot be read: ${describeError(error)}` };
  }
  const headerStart = MAGIC.length + SHA1_HEX_LENGTH + 1;
  if (bytes.length < headerStart || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC)
    return { kind: 'invalid', reason: 'not a cache entry' };
  const sum = bytes.toString('latin1', MAGIC.length, MAGIC.length + SHA1_HEX_LENGTH);
  if (createHash('sha1').update(bytes.subarray(headerStart)).digest('hex') !== sum) {
    return { kind: 'invalid', reason: 'checksum mismatch (truncated or corrupted)' };
  }
  const text = bytes.toString('utf8', headerStart);
  const newline = text.indexOf('\n');
  let header: EntryHeader;
  try {
    header = JSON.parse(text.slice(0, newline)) as EntryHeader;
  } catch {
    return { kind: 'invalid', reason: 'unreadable header' };
  }
  if (header.rawPath !== rawPath) return { kind: 'invalid', reason: 'belongs to another file' };
  return { kind: 'found', header, outcome: text.slice(newline + 1) };
}

let written = 0;

/**
 * Writes the entry under a temporary name, then renames it into place: a reader, another process
 * included, sees the old entry or the new one, never half of one; a process killed while writing
 * leaves a temporary file that `ContentCache.prune` removes.
 */
export function writeEntry(directory: string, header: Omit<EntryHeader, 'writtenAtMs'>, outcome: string): void {
  const rest = Buffer.from(`${JSON.stringify({ ...header, writtenAtMs: Date.now() })}\n${outcome}`);
  const sum = createHash('sha1').update(rest).digest('hex');
  const target = path.join(directory, entryName(header.rawPath));
  const temporary = `${target}.${process.pid}-${threadId}-${written++}${TEMPORARY_SUFFIX}`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${MAGIC}${sum}\n`), rest]));
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export const TEMPORARY_SUFFIX = '.tmp';
