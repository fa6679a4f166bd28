/**
 * Finds and reads the `.md` files below a content root. Nothing here throws for a bad
 * file: every problem becomes a diagnostic and the walk goes on.
 */
import { hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { getSystemErrorMap, types } from 'node:util';
import { compareCodeUnits } from './order';
import type { Diagnostic } from './parsed-post';

/** A `.md` file found by the walk. */
export interface FoundFile {
  /** Path relative to the root, `/`-separated, NFC. */
  path: string;
  /** The same path as the file system spells it; decides which of two colliding files came first. */
  rawPath: string;
  absolutePath: string;
  /** Hexo does not publish a path with a segment starting with `_` or `.`. */
  hidden: boolean;
}

export interface ReadFile extends FoundFile {
  text: string;
  /** A hash of the file's bytes. */
  contentHash: string;
  /** The file's modification time, in epoch milliseconds: Hexo's `updated` under `updated_option: mtime`. */
  modifiedMs: number;
}

export type ReadOutcome = { ok: true; file: ReadFile } | { ok: false; diagnostic: Diagnostic };

const MARKDOWN_EXTENSION = /\.md$/i;

/**
 * The walk lists directories with blocking calls, which skip a round trip through libuv's thread pool
 * each (measured at 10,000 posts in 615 folders: 110-125 ms for the walk, against 160-240 ms with the
 * asynchronous calls), and waits a turn every so many, so that `/healthz` and `/readyz` still answer
 * during the walk of a large root.
 */
const DIRECTORIES_BETWEEN_YIELDS = 64;

/**
 * Lists every `.md` file below `root`, following symlinks only while they stay inside the
 * root (so content can never pull in other files) and visiting each real directory once
 * (so a symlink loop ends).
 */
export async function findMarkdownFiles(root: string): Promise<{ files: FoundFile[]; diagnostics: Diagnostic[] }> {
  const realRoot = realpathSync.native(root);
  const files: FoundFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const visitedDirectories = new Set<string>([realRoot]);
  let listed = 0;

  const report = (relative: string, code: string, message: string) =>
    diagnostics.push({ path: relative, severity: 'error', code, message });

  async function walk(directory: string, relativeDirectory: string, rawDirectory: string, hidden: boolean): Promise<void> {
    if (++listed % DIRECTORIES_BETWEEN_YIELDS === 0) await new Promise(setImmediate);
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      report(relativeDirectory || '.', 'DIRECTORY_UNREADABLE', `cannot list directory: ${describeError(error)}`);
      return;
    }
    entries.sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const entry of entries) {
      const name = entry.name.normalize('NFC');
      const relative = relativeDirectory ? `${relativeDirectory}/${name}` : name;
      const rawRelative = rawDirectory ? `${rawDirectory}/${entry.name}` : entry.name;
      const absolute = path.join(directory, entry.name);
      const entryHidden = hidden || name.startsWith('_') || name.startsWith('.');
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();

      if (entry.isSymbolicLink()) {
        const target = resolveInside(realRoot, absolute);
        if (!target.ok) {
          if (isMarkdownName(name) || target.kind === 'directory') report(relative, target.code, target.message);
          continue;
        }
        isDirectory = target.kind === 'directory';
        isFile = target.kind === 'file';
        if (isDirectory) {
          if (visitedDirectories.has(target.realPath)) continue;
          visitedDirectories.add(target.realPath);
        }
      }

      if (isDirectory) await walk(absolute, relative, rawRelative, entryHidden);
      else if (isFile && isMarkdownName(name))
        files.push({ path: relative, rawPath: rawRelative, absolutePath: absolute, hidden: entryHidden });
    }
  }

  await walk(realRoot, '', '', false);
  files.sort((a, b) => compareCodeUnits(a.rawPath, b.rawPath));
  return { files, diagnostics };
}

/**
 * Reads and decodes one file; a file that vanished, is binary, too big or not UTF-8 is a diagnostic. Four
 * system calls on one descriptor (open, fstat, one read of the whole file, close), blocking: it runs on the
 * parse pool's worker threads, where blocking costs no one anything and synchronous calls are an order of
 * magnitude cheaper than the thread-pool round trips of asynchronous ones.
 */
export function readMarkdownFileSync(file: FoundFile, maxFileBytes: number): ReadOutcome {
  let bytes: BoundedBytes;
  try {
    const descriptor = openSync(file.absolutePath, 'r');
    try {
      bytes = new BoundedBytes(fstatSync(descriptor), maxFileBytes);
      while (!bytes.done) bytes.add(readSync(descriptor, bytes.buffer, bytes.offset, bytes.room, bytes.offset));
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    return unreadable(file, error);
  }
  return decodeMarkdownFile(file, bytes, maxFileBytes);
}

/**
 * A file's bytes and modification time, the bytes read up to one byte past the limit since the file may have grown since it was measured.
 * The buffer has the measured size plus one, so a file that did not change takes one read.
 */
class BoundedBytes {
  buffer: Buffer;
  offset = 0;
  done: boolean;
  /** Why the file is refused, when it is. */
  tooLarge: 'at-open' | 'while-reading' | null;
  readonly measuredSize: number;
  readonly modifiedMs: number;

  constructor(
    stats: Pick<Stats, 'size' | 'mtimeMs'>,
    private readonly limit: number,
  ) {
    this.measuredSize = stats.size;
    this.modifiedMs = stats.mtimeMs;
    this.tooLarge = stats.size > limit ? 'at-open' : null;
    this.done = this.tooLarge !== null;
    this.buffer = Buffer.allocUnsafe(this.done ? 0 : stats.size + 1);
  }

  get room(): number {
    return this.buffer.length - this.offset;
  }

  get bytes(): Buffer {
    return this.buffer.subarray(0, this.offset);
  }

  add(bytesRead: number): void {
    this.offset += bytesRead;
    if (this.offset > this.limit) {
      this.tooLarge = 'while-reading';
      this.done = true;
    } else if (bytesRead === 0 || this.offset < this.buffer.length) {
      this.done = true;
    } else {
      const grown = Buffer.allocUnsafe(Math.min(this.buffer.length * 2, this.limit + 1));
      this.buffer.copy(grown);
      this.buffer = grown;
    }
  }
}

function unreadable(file: FoundFile, error: unknown): ReadOutcome {
  return failure(file, 'FILE_UNREADABLE', `cannot read file: ${describeError(error)}`);
}

function failure(file: FoundFile, code: string, message: string): ReadOutcome {
  return { ok: false, diagnostic: { path: file.path, severity: 'error', code, message } };
}

function decodeMarkdownFile(file: FoundFile, read: BoundedBytes, maxFileBytes: number): ReadOutcome {
  if (read.tooLarge === 'at-open')
    return failure(file, 'FILE_TOO_LARGE', `file is ${read.measuredSize} bytes, over the limit of ${maxFileBytes}`);
  if (read.tooLarge === 'while-reading') return failure(file, 'FILE_TOO_LARGE', `file grew over the limit of ${maxFileBytes} bytes`);
  const bytes = read.bytes;
  if (bytes.subarray(0, 8192).includes(0)) return failure(file, 'BINARY_FILE', 'file contains NUL bytes: not a text file');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return failure(file, 'INVALID_UTF8', `file is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Offset(bytes)})`);
  }
  return {
    ok: true,
    file: { ...file, text, contentHash: hash('sha1', bytes), modifiedMs: read.modifiedMs },
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

type SymlinkTarget =
  | { ok: true; kind: 'file' | 'directory' | 'other'; realPath: string }
  | { ok: false; kind: 'unknown' | 'directory'; code: string; message: string };

function resolveInside(realRoot: string, link: string): SymlinkTarget {
  let realPath: string;
  try {
    realPath = realpathSync.native(link);
  } catch (error) {
    return { ok: false, kind: 'unknown', code: 'SYMLINK_BROKEN', message: `symlink cannot be resolved: ${describeError(error)}` };
  }
  const stat = statIfAny(realPath);
  const kind = stat?.isDirectory() ? 'directory' : stat?.isFile() ? 'file' : 'other';
  if (!isInside(realRoot, realPath)) {
    return {
      ok: false,
      kind: kind === 'directory' ? 'directory' : 'unknown',
      code: 'SYMLINK_OUTSIDE_ROOT',
      message: 'symlink points outside the content root; not followed',
    };
  }
  return { ok: true, kind, realPath };
}

function statIfAny(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isMarkdownName(name: string): boolean {
  return MARKDOWN_EXTENSION.test(name);
}

function firstInvalidUtf8Offset(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // Decoding a prefix that ends inside a valid sequence also fails, so search for the longest
  // prefix that decodes and allow for a sequence cut at its end.
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return low;
}

/**
 * What went wrong, without where: a system error's message names the absolute path
 * (`ENOENT: no such file or directory, open '/srv/...'`), and clients must not learn it, so it is
 * told by its code and the system's description of it. Other messages are kept whole.
 */
export function describeError(error: unknown): string {
  if (isSystemError(error)) return `${error.code}: ${getSystemErrorMap().get(error.errno)?.[1] ?? 'system error'}`;
  return types.isNativeError(error) ? error.message : String(error);
}

// `isNativeError`, not `instanceof`: errors made in another realm (a VM context) are errors too.
function isSystemError(error: unknown): error is Error & { code: string; errno: number } {
  if (!types.isNativeError(error)) return false;
  const { code, errno } = error as Partial<NodeJS.ErrnoException>;
  return typeof code === 'string' && typeof errno === 'number';
}
