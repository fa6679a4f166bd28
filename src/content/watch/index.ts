/**
 * Follows edits to a content root while it is served. File events are only hints: they
 * name the paths to look at again, and the store re-reads those paths when the burst is
 * over, so editors that save through a temporary file and a rename, and bursts such as a
 * `git pull`, end up as one reload of whatever is on disk by then.
 */
import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import { ContentStore, type CacheSettings } from '../content-store';
import type { LoadProgress } from '../load-progress';
import type { ContentOptions } from '../options';

export interface WatchOptions {
  /**
   * Quiet time after the last file event before a reload starts. A burst that has gone on
   * for a while is expected to go on: it needs a quarter of its length in quiet, up to
   * `maxQuietMs`, so a long `git pull` whose events pause now and then is still one reload.
   * A new directory is usually being filled, so after one the quiet time is four times as long.
   */
  debounceMs?: number;
  maxQuietMs?: number;
  /**
   * Longest a change waits for its reload, however long the burst goes on: steady editing
   * must still show up, not wait for a pause that never comes.
   */
  maxWaitMs?: number;
  /** A reload failed (the last snapshot stays served), or the watcher reported an error (a full rescan follows). */
  onError?: (error: unknown) => void;
  /** After each reload. */
  onReload?: (report: ReloadReport) => void;
}

export interface ReloadReport {
  /** Paths re-read, or `all` for a full rescan. */
  paths: number | 'all';
  /** The served version afterwards; unchanged when the files on disk served the same content. */
  version: string;
  milliseconds: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;
export const DEFAULT_MAX_QUIET_MS = 2000;
export const DEFAULT_MAX_WAIT_MS = 5000;

const MARKDOWN_EXTENSION = /\.md$/i;

export class ContentWatcher {
  private store: ContentStore | null = null;
  private readonly pending = new Set<string>();
  private fullRescanPending = false;
  private timer: NodeJS.Timeout | null = null;
  /** When the first event of the batch now pending arrived. */
  private burstStartedAt: number | null = null;
  private directoryAdded = false;
  private running: Promise<void> | null = null;
  private reloadCount = 0;
  private closed = false;

  private constructor(
    private readonly root: string,
    private readonly options: WatchOptions,
    private readonly watcher: FSWatcher,
  ) {}

  /** Starts watching `root` and resolves once the watcher is ready; events wait for `attach`. */
  static async start(root: string, options: WatchOptions = {}): Promise<ContentWatcher> {
    const absoluteRoot = path.resolve(root);
    const watcher = watch(absoluteRoot, {
      ignoreInitial: true,
      // Only markdown files and directories matter; other files would only cost events.
      ignored: (candidate, stats) => stats?.isFile() === true && !MARKDOWN_EXTENSION.test(candidate),
    });
    const contentWatcher = new ContentWatcher(absoluteRoot, options, watcher);
    watcher.on('all', (event, changed) => {
      contentWatcher.noteChange(event, changed);
    });
    watcher.on('error', (error) => {
      contentWatcher.noteError(error);
    });
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
    return contentWatcher;
  }

  /** Reloads go to `store` from now on, starting with the changes seen while it loaded. */
  attach(store: ContentStore): void {
    this.store = store;
    if (this.pending.size > 0 || this.fullRescanPending) this.schedule();
  }

  /** Reloads run so far. */
  get reloads(): number {
    return this.reloadCount;
  }

  /** Resolves when no reload is running or waiting for its burst to end. */
  async settled(): Promise<void> {
    while (this.running !== null || this.timer !== null) {
      if (this.running !== null) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, this.debounceMs));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    clearThrottleTimers(this.watcher);
    await this.watcher.close();
    await this.running;
  }

  private get debounceMs(): number {
    return this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  }

  /** How long the current burst must stay quiet before it counts as over. */
  private quietMs(): number {
    const burstLength = this.burstStartedAt === null ? 0 : performance.now() - this.burstStartedAt;
    const quiet = Math.max(this.debounceMs * (this.directoryAdded ? 4 : 1), burstLength / 4);
    return Math.min(quiet, this.options.maxQuietMs ?? DEFAULT_MAX_QUIET_MS);
  }

  private noteChange(event: string, changed: string): void {
    if (event === 'addDir') this.directoryAdded = true;
    const relative = path.relative(this.root, path.resolve(changed)).split(path.sep).join('/');
    if (relative === '') this.fullRescanPending = true;
    else this.pending.add(relative);
    this.schedule();
  }

  private noteError(error: unknown): void {
    this.options.onError?.(error);
    this.fullRescanPending = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    this.burstStartedAt ??= performance.now();
    if (this.timer !== null) clearTimeout(this.timer);
    const waitedMs = performance.now() - this.burstStartedAt;
    const delay = Math.max(0, Math.min(this.quietMs(), (this.options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS) - waitedMs));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, delay);
  }

  /** One reload at a time: events arriving meanwhile wait for it and form the next batch. */
  private flush(): void {
    const store = this.store;
    if (store === null || this.running !== null || this.closed) return;
    const full = this.fullRescanPending;
    const paths = [...this.pending];
    this.fullRescanPending = false;
    this.pending.clear();
    this.burstStartedAt = null;
    this.directoryAdded = false;
    this.reloadCount++;
    const started = performance.now();
    this.running = (full ? store.reload() : store.reloadPaths(paths))
      .then(
        (snapshot) =>
          this.options.onReload?.({
            paths: full ? 'all' : paths.length,
            version: snapshot.status.version,
            milliseconds: performance.now() - started,
          }),
        (error: unknown) => this.options.onError?.(error),
      )
      .finally(() => {
        this.running = null;
        if (this.pending.size > 0 || this.fullRescanPending) this.schedule();
      });
  }
}

/**
 * chokidar 4's `close` forgets its throttles without clearing their timers; the one that spaces
 * directory re-reads runs for a second after each change, so a process stopping right after an
 * edit would linger that long with nothing left to do.
 */
function clearThrottleTimers(watcher: FSWatcher): void {
  const throttled = (watcher as unknown as { _throttled?: Map<string, Map<string, { clear(): unknown }>> })._throttled;
  for (const byPath of throttled?.values() ?? []) for (const throttle of [...byPath.values()]) throttle.clear();
}

/** Loads a content root and keeps it current. */
export async function openWatchedContent(
  root: string,
  contentOptions: Partial<ContentOptions> = {},
  watchOptions: WatchOptions = {},
  progress?: LoadProgress,
  cache: CacheSettings | null = null,
): Promise<{ store: ContentStore; watcher: ContentWatcher }> {
  // The watcher's first scan and the load run side by side: waiting for one before the other
  // would add the scan to the time before the content is served. Changes seen while the load
  // runs are replayed by `attach`; a file edited after the load read it but before its folder
  // was watched is picked up by its next edit.
  const [watching, loading] = await Promise.allSettled([
    ContentWatcher.start(root, watchOptions),
    ContentStore.open(root, contentOptions, progress, cache),
  ]);
  if (watching.status === 'fulfilled' && loading.status === 'fulfilled') {
    watching.value.attach(loading.value);
    return { store: loading.value, watcher: watching.value };
  }
  if (watching.status === 'fulfilled') await watching.value.close();
  throw watching.status === 'rejected' ? watching.reason : (loading as PromiseRejectedResult).reason;
}
