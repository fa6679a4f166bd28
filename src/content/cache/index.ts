/**
 * The persistent cache of parse results, as the content store sees it: where its entries and body files
 * live, whether they can be written, and keeping them in step with the files. The entries themselves
 * are read and written on the parse threads (`readThroughCache`), the bodies read when a query asks.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeError } from '../scan';
import type { ContentOptions } from '../options';
import { BODIES_FOLDER, bodyFileName } from './body-file';
import { TEMPORARY_SUFFIX } from './checksummed-file';
import { entryName } from './entry-file';
import { parseFingerprint } from './fingerprint';
import { PACK_FILE, readPack, type PackJob, type PackRead } from './pack-file';
import { moduleWorker } from '../module-worker';

export { type CacheUse } from './read-through';

/** Length of the hex key naming an entry directory below the cache directory. */
const KEY_LENGTH = 24;

/** A temporary file this old is the leftover of a process killed while writing, not a write in progress. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * A body no entry of this process names may still be served by another process on the same directory:
 * an older version, pinned by a replica that has not reloaded since the edit (one started with
 * `--no-watch`), or a newer one, written by a replica that saw an edit after this one loaded. Watching
 * replicas move on within moments of an edit; a day leaves room for the others, and costs only the disk
 * of a day's old versions. A replica that finds its body pruned all the same answers with an error,
 * never another version's HTML, and reloads the file (`ContentStore`).
 */
const UNNAMED_BODY_KEPT_MS = 24 * 3_600_000;

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
      await fs.mkdir(path.join(directory, BODIES_FOLDER), { recursive: true });
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

  /** The pack of the entries as a load left them (`pack-file.ts`); read on the serving thread, once, at the first load. */
  readPack(): PackRead {
    return readPack(this.directory);
  }

  /**
   * Packs the entries of `rawPaths` on a thread of its own, which holds nothing up (a process stopped
   * meanwhile leaves a temporary file that `prune` removes). Resolves with the error, if any: a pack
   * only saves time, so the caller decides whether it is worth a word.
   */
  writePack(rawPaths: readonly string[]): Promise<string | null> {
    const job: PackJob = { directory: this.directory, rawPaths };
    const worker = moduleWorker(require.resolve('./pack-file'), 'writePackInWorker', { workerData: job });
    worker.unref();
    return new Promise((resolve) => {
      worker.once('message', (error: string | null) => {
        resolve(error);
      });
      worker.once('error', (error) => {
        resolve(error.message);
      });
      worker.once('exit', () => {
        resolve('the packing thread stopped');
      });
    });
  }

  /**
   * Removes what nothing served names: entries of files deleted while no server ran (no file of
   * `rawPaths`), bodies of versions gone (none of `contentHashes`, once `UNNAMED_BODY_KEPT_MS` old) and
   * temporary files of processes killed while writing. Errors are ignored: pruning only saves space.
   */
  async prune(rawPaths: Iterable<string>, contentHashes: Iterable<string>): Promise<void> {
    const entries = new Set([...rawPaths].map(entryName));
    entries.add(BODIES_FOLDER);
    entries.add(PACK_FILE);
    await removeUnowned(this.directory, entries, 0);
    await removeUnowned(path.join(this.directory, BODIES_FOLDER), new Set([...contentHashes].map(bodyFileName)), UNNAMED_BODY_KEPT_MS);
  }
}

/** Removes the files of `directory` not in `owned`: temporary ones once abandoned, the others once `keptMs` old. */
async function removeUnowned(directory: string, owned: ReadonlySet<string>, keptMs: number): Promise<void> {
  const names = await fs.readdir(directory).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    if (owned.has(name)) continue;
    const file = path.join(directory, name);
    const age = name.endsWith(TEMPORARY_SUFFIX) ? ABANDONED_AFTER_MS : keptMs;
    const stat = await fs.stat(file).catch(() => null);
    if (stat === null || now - stat.mtimeMs < age) continue;
    await fs.rm(file, { force: true }).catch(() => undefined);
  }
}
