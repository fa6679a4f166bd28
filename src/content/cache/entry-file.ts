/**
 * One cache entry per content file: what the index keeps of its parse (its body's HTML apart, in a body
 * file: `body-file.ts`), with the size, modification time and content hash of the bytes it was made from.
 * Read and written with blocking calls, on the parse threads, where blocking costs no one anything.
 *
 * Layout (after the checksummed framing of `checksummed-file.ts`): a line of JSON (the header), then the
 * outcome as `encodeOutcome` wrote it. The header's `rawPath` catches an entry that belongs to another file.
 */
import { hash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { readChecksummed, writeChecksummed } from './checksummed-file';

/** Version 2 keeps bodies in files of their own. */
const MAGIC = 'content-gateway-cache 2 ';

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
  return hash('sha1', rawPath);
}

export function readEntry(directory: string, rawPath: string): EntryRead {
  const read = readChecksummed(path.join(directory, entryName(rawPath)), MAGIC);
  if (read.kind !== 'found') return read;
  const text = read.payload;
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

export function writeEntry(directory: string, header: Omit<EntryHeader, 'writtenAtMs'>, outcome: string): void {
  writeChecksummed(
    path.join(directory, entryName(header.rawPath)),
    MAGIC,
    `${JSON.stringify({ ...header, writtenAtMs: Date.now() })}\n${outcome}`,
  );
}
