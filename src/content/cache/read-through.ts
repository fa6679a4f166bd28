/**
 * A read job as a parse thread runs it: the file's stamp against its cache entry first, then its
 * bytes against the entry's hash, and only then a parse, whose outcome is written back: its body's
 * HTML to a body file, the rest to the entry. The reply carries the HTML only when no body file holds it.
 */
import type { PortableHtml } from '../body/portable';
import type { ParseOutcome } from '../parse-post';
import { parsers } from '../parsers';
import { encodeOutcome, indexedOutcome } from '../parse-wire';
import { readMarkdownFileSync, describeError, type FoundFile } from '../scan';
import type { ContentOptions } from '../options';
import { revisionOf } from '../post-identity';
import { writeBodyFile } from './body-file';
import type { Pack } from './pack-file';
import { readEntry, stampDecides, stampOf, writeEntry, type FileStamp } from './entry-file';

/** How a read was served: a report for the load summary and for the warnings about the cache. */
export interface CacheUse {
  /** `stamp`: size and modification time matched, nothing was read; `hash`: the bytes matched; `parse`: parsed; `unread`: no bytes. */
  source: 'stamp' | 'hash' | 'parse' | 'unread';
  /** Why the entry found could not be used, when it was invalid. */
  problem: string | null;
  writeError: string | null;
}

export interface ReadReply {
  /** Null when the file could not be read. */
  contentHash: string | null;
  /** `encodeOutcome`'s text; null when the bytes hash to `knownHash`. */
  outcome: string | null;
  /** Present when a cache directory was given. */
  cache?: CacheUse;
}

/**
 * The reply `readThroughCache` would give when the file's stamp alone proves its entry current, else
 * null. Cheap enough (a stat, and the entry from `pack` or one read of its file) to run on the serving
 * thread: a warm start then posts nothing to the parse threads and never starts them.
 */
export function readStampedEntry(file: FoundFile, knownHash: string | null, directory: string, pack: Pack | null = null): ReadReply | null {
  const stamp = stampIfAny(file.absolutePath);
  if (stamp === null) return null;
  const entry = pack?.take(file.rawPath, stamp) ?? readEntry(directory, file.rawPath);
  if (entry.kind !== 'found' || !stampDecides(entry.header, stamp)) return null;
  const { contentHash } = entry.header;
  return {
    contentHash,
    outcome: contentHash === knownHash ? null : entry.outcome,
    cache: { source: 'stamp', problem: null, writeError: null },
  };
}

/** Reads, hashes and parses `file`, through the cache in `directory` when there is one. */
export function readThroughCache(file: FoundFile, knownHash: string | null, directory: string | null, options: ContentOptions): ReadReply {
  const stamp = directory === null ? null : stampIfAny(file.absolutePath);
  const entry = directory === null ? null : readEntry(directory, file.rawPath);
  const found = entry?.kind === 'found' ? entry : null;
  const report = (source: CacheUse['source'], writeError: string | null = null): Pick<ReadReply, 'cache'> =>
    directory === null ? {} : { cache: { source, problem: entry?.kind === 'invalid' ? entry.reason : null, writeError } };
  const unlessKnown = (contentHash: string, outcome: string) => (contentHash === knownHash ? null : outcome);

  if (found !== null && stamp !== null && stampDecides(found.header, stamp)) {
    return { contentHash: found.header.contentHash, outcome: unlessKnown(found.header.contentHash, found.outcome), ...report('stamp') };
  }
  const read = readMarkdownFileSync(file, options.maxFileBytes);
  if (!read.ok) return { contentHash: null, outcome: encodeOutcome({ post: null, diagnostics: [read.diagnostic] }), ...report('unread') };
  // With `updated` falling back to the mtime, a touch is a new revision (`revisionOf`).
  const contentHash = revisionOf(read.file, options);
  if (found?.header.contentHash === contentHash) {
    // A touch: the same bytes under a new stamp, which the entry takes so the next start need not read them.
    const writeError = directory !== null && stamp !== null ? tryWrite(directory, file, stamp, contentHash, found.outcome) : null;
    return { contentHash, outcome: unlessKnown(contentHash, found.outcome), ...report('hash', writeError) };
  }
  if (contentHash === knownHash && directory === null) return { contentHash, outcome: null };
  const parsed = parsers().parsePostSafely(read.file, options);
  const stored = directory !== null && stamp !== null && cacheable(parsed) ? tryStore(directory, file, stamp, contentHash, parsed) : null;
  // Without a body file to read it from, the HTML goes with the reply and is held in the heap.
  const outcome = stored?.outcome ?? encodeOutcome(indexedOutcome(parsed, true).indexed);
  return { contentHash, outcome: unlessKnown(contentHash, outcome), ...report('parse', stored?.writeError ?? null) };
}

/** Writes the body file, then the entry naming it; the outcome to reply with is null when the body could not be written. */
function tryStore(
  directory: string,
  file: FoundFile,
  stamp: FileStamp,
  contentHash: string,
  parsed: ParseOutcome,
): { outcome: string | null; writeError: string | null } {
  const { indexed, html } = indexedOutcome(parsed, false);
  try {
    if (html !== null) writeBodyFile(directory, contentHash, html);
  } catch (error) {
    return { outcome: null, writeError: describeError(error) };
  }
  const outcome = encodeOutcome(indexed);
  return { outcome, writeError: tryWrite(directory, file, stamp, contentHash, outcome) };
}

/** Null when the file cannot be stated: the read that follows reports why. */
function stampIfAny(absolutePath: string): FileStamp | null {
  try {
    return stampOf(absolutePath);
  } catch {
    return null;
  }
}

/** A failure of the parser itself may not happen again (memory, a bug since fixed): it is not kept. */
function cacheable(outcome: ParseOutcome): boolean {
  return !outcome.diagnostics.some((diagnostic) => diagnostic.code === 'PARSE_FAILED');
}

function tryWrite(directory: string, file: FoundFile, stamp: FileStamp, contentHash: string, outcome: string): string | null {
  try {
    writeEntry(directory, { rawPath: file.rawPath, ...stamp, contentHash }, outcome);
    return null;
  } catch (error) {
    return describeError(error);
  }
}

/**
 * The HTML of `file`'s version `contentHash`, parsed again for a body file found unusable, and written
 * back when it can be. Runs on the serving thread: it is rare, and its caller needs the answer now.
 * Throws when the file no longer holds that version.
 */
export function rebuildBody(file: FoundFile, contentHash: string, directory: string, options: ContentOptions): PortableHtml {
  const read = readMarkdownFileSync(file, options.maxFileBytes);
  if (!read.ok) throw new Error(`${file.path}: ${read.diagnostic.message}`);
  if (revisionOf(read.file, options) !== contentHash) throw new Error(`${file.path}: the file changed since this version was loaded`);
  const { html } = indexedOutcome(parsers().parsePostSafely(read.file, options), false);
  if (html === null) throw new Error(`${file.path}: the file no longer parses`);
  try {
    writeBodyFile(directory, contentHash, html);
  } catch {
    // Served all the same; a later read tries again.
  }
  return html;
}
