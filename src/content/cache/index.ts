/**
 * The persistent cache of parse results, as the content store sees it: where its entries live,
 * whether they can be written, and keeping the entries in step with the files. The entries themselves
 * are read and written on the parse threads (`readThroughCache`).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeError } from '../scan';
import type { ContentOptions } from '../options';
import { entryName, TEMPORARY_SUFFIX } from './entry-file';
import { parseFingerprint } from './fingerprint';

export { type CacheUse } from './read-through';

/** Length of the hex key naming an entry directory below the cache directory. */
const KEY_LENGTH = 24;

/** A temporary file this old is the leftover of a process killed while writing, not a write in progress. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * `$XDG_CACHE_HOME/content-gateway`, else `~/.cache/content-gateway`: the per-user place for data that
 * can be rebuilt, outside the content root (which stays a clean checkout the watcher never sees) and
 * outside the install (which may be read-only).
 */
export const DEFAULT_CACHE_LOCATION = '$XDG_CACHE_HOME/content-gateway, else ~/.cache/content-gateway';

export function defaultCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'content-gateway');
}

export type CacheOpening = { ok: true; cache: ContentCache } | { ok: false; reason: string };

export class ContentCache {
  private constructor(
    /** Holds the entries of one content root parsed with one fingerprint. */
    readonly directory: string,
  ) {}

  /**
   * The entries for `realRoot` parsed with `options`, below `baseDirectory`, in a directory named for
   * both: another root or other settings use another directory, so they never see these entries.
   * Fails, with the reason, when the directory cannot be created or written.
   */
  static async open(baseDirectory: string, realRoot: string, options: ContentOptions): Promise<CacheOpening> {
    const directory = path.join(path.resolve(baseDirectory), parseFingerprint(options, realRoot).slice(0, KEY_LENGTH));
    const probe = path.join(directory, `probe-${randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`);
    try {
      await fs.mkdir(directory, { recursive: true });
      await fs.writeFile(probe, '');
      await fs.rm(probe);
    } catch (error) {
      return { ok: false, reason: describeError(error) };
    }
    return { ok: true, cache: new ContentCache(directory) };
  }

  /** Removes the entries of files that are gone, so a deleted or renamed file leaves nothing behind. */
  async forget(rawPaths: Iterable<string>): Promise<void> {
    await Promise.all([...rawPaths].map((rawPath) => fs.rm(path.join(this.directory, entryName(rawPath)), { force: true })));
  }

  /**
   * Removes what no file of `rawPaths` owns: entries of files deleted while no server ran, and
   * temporary files of processes killed while writing. Errors are ignored: pruning only saves space.
   */
  async prune(rawPaths: Iterable<string>): Promise<void> {
    const owned = new Set([...rawPaths].map(entryName));
    const names = await fs.readdir(this.directory).catch(() => [] as string[]);
    const now = Date.now();
    for (const name of names) {
      if (owned.has(name)) continue;
      const file = path.join(this.directory, name);
      if (name.endsWith(TEMPORARY_SUFFIX)) {
        const stat = await fs.stat(file).catch(() => null);
        if (stat === null || now - stat.mtimeMs < ABANDONED_AFTER_MS) continue;
      }
      await fs.rm(file, { force: true }).catch(() => undefined);
    }
  }
}
