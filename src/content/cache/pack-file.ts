/**
 * The pack: a copy of every entry of one load in one file, as Hexo keeps its `db.json`, so that a warm
 * start reads one file instead of one per post (measured at 10,000 posts: the entry files cost some
 * 0.23 s on the serving thread, the pack's read, checksum and index 0.11-0.13 s).
 *
 * The entry files stay the record; the pack is written from them after a first load that could not be
 * served from it whole, on a thread of its own. A packed entry serves a file only when the file's stamp
 * decides for it (`stampDecides`), exactly as its entry file would: a file edited since the pack was
 * written has another stamp and is read through its entry file. Layout (after the checksummed framing
 * of `checksummed-file.ts`): for each entry, its header as a line of JSON, then its outcome as a line.
 */
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { readChecksummedBytes, writeChecksummed } from './checksummed-file';
import { readEntry, stampDecides, type EntryHeader, type FileStamp } from './entry-file';

const MAGIC = 'content-gateway-pack 1 ';

/** In the entry directory; entry names are hex hashes, so no entry is ever called this. */
export const PACK_FILE = 'pack';

const NEWLINE = 0x0a;

interface PackedEntry {
  header: EntryHeader;
  /** Where the outcome's line lies in the payload: decoded only for the files it serves. */
  start: number;
  end: number;
}

export class Pack {
  private served = 0;
  private missed = 0;

  private constructor(
    private readonly payload: Buffer,
    private readonly entries: ReadonlyMap<string, PackedEntry>,
  ) {}

  /** Null when the payload is not a sequence of header and outcome lines. */
  static parse(payload: Buffer): Pack | null {
    const entries = new Map<string, PackedEntry>();
    for (let position = 0; position < payload.length;) {
      const headerEnd = payload.indexOf(NEWLINE, position);
      const end = headerEnd < 0 ? -1 : payload.indexOf(NEWLINE, headerEnd + 1);
      if (end < 0) return null;
      let header: EntryHeader;
      try {
        header = JSON.parse(payload.toString('utf8', position, headerEnd)) as EntryHeader;
      } catch {
        return null;
      }
      if (typeof header.rawPath !== 'string') return null;
      entries.set(header.rawPath, { header, start: headerEnd + 1, end });
      position = end + 1;
    }
    return new Pack(payload, entries);
  }

  /** The entry of `rawPath` when its stamp proves it current for a file stamped `stamp`, else null. */
  take(rawPath: string, stamp: FileStamp): { kind: 'found'; header: EntryHeader; outcome: string } | null {
    const entry = this.entries.get(rawPath);
    if (entry === undefined || !stampDecides(entry.header, stamp)) {
      this.missed++;
      return null;
    }
    this.served++;
    return { kind: 'found', header: entry.header, outcome: this.payload.toString('utf8', entry.start, entry.end) };
  }

  /** Whether a file was read past the pack, or the pack holds a file no longer there: a new pack would serve more. */
  get stale(): boolean {
    return this.missed > 0 || this.served < this.entries.size;
  }
}

export type PackRead = { kind: 'found'; pack: Pack } | { kind: 'missing' } | { kind: 'invalid'; reason: string };

export function readPack(directory: string): PackRead {
  const read = readChecksummedBytes(path.join(directory, PACK_FILE), MAGIC);
  if (read.kind !== 'found') return read;
  const pack = Pack.parse(read.payload);
  return pack === null ? { kind: 'invalid', reason: 'not a sequence of entries' } : { kind: 'found', pack };
}

/** Packs the entry files of `rawPaths` that are whole; the others stay out, to be read past the pack. */
export function writePack(directory: string, rawPaths: readonly string[]): void {
  const lines: Buffer[] = [];
  for (const rawPath of rawPaths) {
    const entry = readEntry(directory, rawPath);
    if (entry.kind === 'found') lines.push(Buffer.from(`${JSON.stringify(entry.header)}\n${entry.outcome}\n`));
  }
  writeChecksummed(path.join(directory, PACK_FILE), MAGIC, Buffer.concat(lines));
}

export interface PackJob {
  directory: string;
  rawPaths: readonly string[];
}

/** The body of the thread `ContentCache.writePack` starts: writes the pack, then answers with the error, if any. */
export function writePackInWorker(): void {
  const { directory, rawPaths } = workerData as PackJob;
  let error: string | null = null;
  try {
    writePack(directory, rawPaths);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  parentPort?.postMessage(error);
}
