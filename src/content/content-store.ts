/**
 * Turns a content root into a snapshot, and holds the snapshot currently served.
 *
 * A reload re-reads either every file (`reload`) or only the paths a watcher reported
 * (`reloadPaths`), re-parses only files whose bytes changed, and swaps the snapshot in one
 * assignment: a request that pinned the old snapshot finishes on it.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { heldBodies, StoredBodies, type BodyStore } from './bodies';
import type { PortableHtml } from './body/portable';
import { ContentCache, type CacheUse } from './cache';
import type { Pack } from './cache/pack-file';
import { rebuildBody } from './cache/read-through';
import type { ContentSnapshot } from './model';
import type { LoadProgress } from './load-progress';
import { ParsePool } from './parse-pool';
import { slugOfPath } from './post-identity';
import { findMarkdownFiles, type FoundFile } from './scan';
import { compareCodeUnits } from './order';
import { buildSnapshot, postFingerprint } from './snapshot';
import { touchedObjects, type TouchedObjects } from './touched';
import type { Diagnostic, IndexedOutcome, IndexedPost } from './parsed-post';
import { DEFAULT_CONTENT_OPTIONS, DRAFTS_FOLDER, type ContentOptions } from './options';

/** What a reload changed, by article slug; each list sorted. */
export interface ContentChange {
  version: string;
  added: string[];
  updated: string[];
  removed: string[];
  /** Those articles and the objects they are filed under, before and after the change. */
  touched: TouchedObjects;
}

export type ContentChangeListener = (change: ContentChange, snapshot: ContentSnapshot) => void;

/** Where parse results persist between starts, and who hears of problems with them. */
export interface CacheSettings {
  /** Entries go in a directory below this one named for the content root and the parse settings. */
  directory: string;
  /** Called at most once per load, with every problem of the cache that load met. */
  onProblem?: (message: string) => void;
}

/** How the files of the last load were obtained, when a cache was in use. */
export interface LoadCounts {
  /** Taken from the cache on their size and modification time: not read. */
  cached: number;
  /** Read, and found by their content hash to be what the cache holds: not parsed. */
  verified: number;
  parsed: number;
}

/** The last read of one file: its hash (null when it could not be read) and what parsing made of it. */
interface FileResult {
  contentHash: string | null;
  outcome: IndexedOutcome;
}

/** Diagnostic code of a file that no longer loads while its last good version is still served. */
export const STALE_VERSION_SERVED = 'STALE_VERSION_SERVED';

const MARKDOWN_EXTENSION = /\.md$/i;

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order in the output. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Holds the snapshot being served; a request pins `current()` once and keeps it to the end. */
export class ContentStore {
  private snapshot: ContentSnapshot | null = null;
  private realRoot = '';
  private files: FoundFile[] = [];
  private walkDiagnostics: Diagnostic[] = [];
  /** By raw path; a file is read again only when it is reported changed or on a full rescan. */
  private readonly results = new Map<string, FileResult>();
  /** The post last served for each raw path, kept while a broken edit is being fixed. */
  private readonly lastGood = new Map<string, IndexedPost>();
  /** Content hash of each served article, by slug: what a change is computed against. */
  private servedHashes = new Map<string, string>();
  private readonly listeners = new Set<ContentChangeListener>();
  /** Reloads run one after another; each starts from the state the previous one left. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Reads and parses on worker threads: every core works during a load, and a runaway parse can be stopped. */
  private readonly pool: ParsePool;
  /** Counts the first load only: later reloads are small and logged when done. */
  private progress: LoadProgress | undefined;
  /** Null without a cache, or once it failed: the content is served without it. */
  private cache: ContentCache | null = null;
  /** A cache that could not be used at all; kept for the life of the process. */
  private cacheDiagnostic: Diagnostic | null = null;
  /** A pack the first load found unusable; kept for the life of the process, as the load it slowed. */
  private packDiagnostic: Diagnostic | null = null;
  /** Files whose cache entry was unusable, by raw path; reported while the file exists. */
  private readonly cacheProblems = new Map<string, Diagnostic>();
  /** Body files found unusable since the last rebuild, for one warning about them all. */
  private bodyProblems: { directory: string; problems: string[] } | null = null;
  private loadCounts: LoadCounts | null = null;
  /**
   * Where the served posts' HTML is read from. It outlives a cache given up as unwritable: the bodies
   * already written stay readable, and the posts read since hold their own.
   */
  private bodies: BodyStore = heldBodies;
  private filesByPath: { files: readonly FoundFile[]; byPath: Map<string, FoundFile> } | null = null;

  private constructor(
    readonly root: string,
    readonly options: ContentOptions,
    private readonly cacheSettings: CacheSettings | null,
  ) {
    this.pool = ParsePool.shared(options);
  }

  static async open(
    root: string,
    options: Partial<ContentOptions> = {},
    progress?: LoadProgress,
    cache: CacheSettings | null = null,
  ): Promise<ContentStore> {
    const store = new ContentStore(root, { ...DEFAULT_CONTENT_OPTIONS, ...options }, cache);
    store.progress = progress;
    try {
      await store.openCache();
      await store.reload();
    } finally {
      progress?.finish();
      store.progress = undefined;
    }
    return store;
  }

  /** How the last load or reload obtained the files it read; null without a cache. */
  get lastLoad(): LoadCounts | null {
    return this.loadCounts;
  }

  current(): ContentSnapshot {
    if (this.snapshot === null) throw new Error('content is not loaded yet');
    return this.snapshot;
  }

  /** Calls `listener` after every reload that changed the served content; returns the unsubscribe function. */
  onChange(listener: ContentChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Walks and reads the whole root again, re-parsing only changed files, then swaps the snapshot. */
  reload(): Promise<ContentSnapshot> {
    return this.enqueue(() => this.rescanAll());
  }

  /**
   * Re-reads only `relativePaths` (relative to the root, as the file system spells them):
   * files that appeared, changed or vanished, or directories whose contents did. Falls back
   * to a full rescan when a path involves a symlink.
   */
  reloadPaths(relativePaths: Iterable<string>): Promise<ContentSnapshot> {
    const paths = [...relativePaths];
    return this.enqueue(async () => ((await this.rescanPaths(paths)) ? this.rebuild(new Set(paths)) : this.rescanAll()));
  }

  private enqueue(work: () => Promise<ContentSnapshot>): Promise<ContentSnapshot> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async openCache(): Promise<void> {
    if (this.cacheSettings === null) return;
    const opening = await ContentCache.open(this.cacheSettings.directory, await fs.realpath(this.root), this.options);
    if (opening.ok) {
      const { directory } = opening.cache;
      this.cache = opening.cache;
      this.bodies = new StoredBodies(directory, (post, problem) => this.repairBody(directory, post, problem));
    } else {
      const message = this.giveUpCache(`cannot be used (${opening.reason})`);
      this.cacheSettings.onProblem?.(`content cache in ${path.resolve(this.cacheSettings.directory)}: ${message}`);
    }
  }

  /** Serves on without the cache: a cache is an optimisation, never a reason not to serve. Returns what to report. */
  private giveUpCache(what: string): string {
    const message = `the content cache ${what}; the content is served without it`;
    this.cache = null;
    this.cacheDiagnostic = { path: '.', severity: 'warning', code: 'CACHE_UNAVAILABLE', message };
    return message;
  }

  private async rescanAll(): Promise<ContentSnapshot> {
    this.realRoot = await fs.realpath(this.root);
    const { files, diagnostics } = await findMarkdownFiles(this.root);
    this.files = files;
    this.walkDiagnostics = diagnostics;
    this.progress?.found(files.length);
    // The pack serves the first load only: later ones read a few files, and it would only go on aging.
    const first = this.snapshot === null;
    const pack = first ? this.openPack() : null;
    const snapshot = await this.rebuild('all', pack);
    await this.pool.releaseIdleThreads();
    // After the load, not before it: nothing a start needs waits for it.
    if (first && pack?.stale !== false) void this.packEntries();
    void this.cache?.prune(this.results.keys(), this.keptVersions());
    return snapshot;
  }

  /** The cache's pack, for the first load; null without one, or when it is unusable, which is reported. */
  private openPack(): Pack | null {
    if (this.cache === null) return null;
    const read = this.cache.readPack();
    if (read.kind === 'found') return read.pack;
    if (read.kind === 'invalid') {
      const message = `the pack of the cache's entries was unusable (${read.reason}); the entry files served, and it is written again`;
      this.packDiagnostic = { path: '.', severity: 'warning', code: 'CACHE_PACK_INVALID', message };
      this.cacheSettings?.onProblem?.(`content cache in ${this.cache.directory}: ${message}`);
    }
    return null;
  }

  /** Packs the entries of the files served, in the background; a failure only slows the next start, and is said once. */
  private async packEntries(): Promise<void> {
    const cache = this.cache;
    if (cache === null) return;
    const error = await cache.writePack([...this.results.keys()]);
    if (error !== null) {
      this.cacheSettings?.onProblem?.(
        `content cache in ${cache.directory}: the pack could not be written (${error}); the next start reads the entry files one by one`,
      );
    }
  }

  /** Updates the file list for changed paths; false when only a full rescan can tell what changed. */
  private async rescanPaths(relativePaths: readonly string[]): Promise<boolean> {
    if (this.snapshot === null) return false;
    const byRawPath = new Map(this.files.map((file) => [file.rawPath, file]));
    for (const raw of relativePaths) {
      if (raw === '' || raw.startsWith('..') || path.isAbsolute(raw)) return false;
      const absolute = path.join(this.realRoot, raw);
      const stat = await fs.lstat(absolute).catch(() => null);
      if (stat === null || stat.isDirectory()) {
        for (const key of byRawPath.keys()) if (key === raw || key.startsWith(`${raw}/`)) byRawPath.delete(key);
      }
      if (stat === null) continue;
      if (stat.isDirectory()) {
        const found = await this.walkBelow(raw);
        if (found === null) return false;
        for (const file of found) byRawPath.set(file.rawPath, file);
      } else if (stat.isSymbolicLink()) {
        return false;
      } else if (stat.isFile() && MARKDOWN_EXTENSION.test(raw)) {
        // A symlinked parent directory would make this path an alias of a file elsewhere.
        if ((await fs.realpath(absolute).catch(() => null)) !== absolute) return false;
        byRawPath.set(raw, foundFile(raw, absolute));
      }
    }
    this.files = [...byRawPath.values()].sort((a, b) => compareCodeUnits(a.rawPath, b.rawPath));
    return true;
  }

  /** The markdown files below a directory of the root, or null when symlinks make it a job for a full rescan. */
  private async walkBelow(rawDirectory: string): Promise<FoundFile[] | null> {
    const absolute = path.join(this.realRoot, rawDirectory);
    if ((await fs.realpath(absolute).catch(() => null)) !== absolute) return null;
    const { files, diagnostics } = await findMarkdownFiles(absolute);
    if (diagnostics.length > 0) return null;
    return files.map((file) => foundFile(`${rawDirectory}/${file.rawPath}`, path.join(absolute, file.rawPath)));
  }

  /** Reads what `dirty` names (or everything), builds the next snapshot and swaps it in. */
  private async rebuild(dirty: ReadonlySet<string> | 'all', pack: Pack | null = null): Promise<ContentSnapshot> {
    const loadedAt = new Date();
    const cacheBefore = this.cache;
    const uses: CacheUse[] = [];
    const { toParse, duplicates, hidden } = this.claimSlugs();
    this.progress?.advance(this.files.length - toParse.length);
    const outcomes = await this.readFiles(toParse, dirty, uses, pack);
    await this.forgetVanished(toParse);
    this.reportCacheUse(cacheBefore, uses);
    this.reportBodyProblems();
    const diagnostics: Diagnostic[] = [...this.walkDiagnostics, ...this.cacheDiagnostics(), ...duplicates];
    const { posts, unpublished } = this.servedPosts(toParse, outcomes, diagnostics);

    const status = {
      loadedAt,
      files: this.files.length,
      unpublished: hidden + unpublished,
      errors: diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length,
      warnings: diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length,
      diagnostics,
    };
    const version = contentVersion(posts, status, this.options);
    const previous = this.snapshot;
    if (previous !== null && previous.status.version === version) return previous;
    const snapshot = buildSnapshot({
      posts,
      status: { version, ...status },
      previous,
      bodies: this.bodies,
      filterMemoBytes: this.options.filterMemoBytes,
    });
    this.swapIn(snapshot, posts, version);
    return snapshot;
  }

  /**
   * The files to read, in path order: each slug goes to the first file that has it, a later one is a
   * `DUPLICATE_SLUG` error; hidden files (but drafts, when served) are only counted.
   */
  private claimSlugs(): { toParse: FoundFile[]; duplicates: Diagnostic[]; hidden: number } {
    const firstPathBySlug = new Map<string, string>();
    const toParse: FoundFile[] = [];
    const duplicates: Diagnostic[] = [];
    let hidden = 0;
    for (const file of this.files) {
      if (file.hidden && !(this.options.drafts && isDraftFile(file.path))) {
        hidden++;
        continue;
      }
      const slug = slugOfPath(file.path);
      const first = firstPathBySlug.get(slug);
      if (first === undefined) {
        firstPathBySlug.set(slug, file.rawPath);
        toParse.push(file);
      } else {
        duplicates.push({
          path: file.path,
          severity: 'error',
          code: 'DUPLICATE_SLUG',
          message: `slug "${slug}" is already taken by ${JSON.stringify(first)} (file names are compared after Unicode NFC normalisation)`,
        });
      }
    }
    return { toParse, duplicates, hidden };
  }

  /** The outcome of each file, in order: read again when `dirty` names it (or on a full load), else the last one. */
  private readFiles(
    files: readonly FoundFile[],
    dirty: ReadonlySet<string> | 'all',
    uses: CacheUse[],
    pack: Pack | null,
  ): Promise<IndexedOutcome[]> {
    return mapLimit(files, this.options.readConcurrency, async (file) => {
      const known = this.results.get(file.rawPath);
      if (known !== undefined && dirty !== 'all' && !dirty.has(file.rawPath)) return known.outcome;
      const result = await this.readAndParse(file, known, pack);
      if (result.cache !== undefined) this.noteCacheUse(file, result.cache, uses);
      this.results.set(file.rawPath, { contentHash: result.contentHash, outcome: result.outcome });
      this.progress?.advance();
      return result.outcome;
    });
  }

  /** Drops what is kept of files no longer present, their cache entries included. */
  private async forgetVanished(present: readonly FoundFile[]): Promise<void> {
    const paths = new Set(present.map((file) => file.rawPath));
    const gone = [...this.results.keys()].filter((key) => !paths.has(key));
    for (const key of gone) this.results.delete(key);
    for (const key of this.lastGood.keys()) if (!paths.has(key)) this.lastGood.delete(key);
    for (const key of this.cacheProblems.keys()) if (!paths.has(key)) this.cacheProblems.delete(key);
    await this.cache?.forget(gone);
  }

  /**
   * The posts to serve, adding each file's diagnostics to `diagnostics`: a file that no longer loads
   * keeps its last good version, reported as stale; unpublished posts are counted, unless drafts are served.
   */
  private servedPosts(
    files: readonly FoundFile[],
    outcomes: readonly IndexedOutcome[],
    diagnostics: Diagnostic[],
  ): { posts: IndexedPost[]; unpublished: number } {
    const posts: IndexedPost[] = [];
    let unpublished = 0;
    files.forEach((file, position) => {
      const outcome = outcomes[position];
      diagnostics.push(...outcome.diagnostics);
      let post = outcome.post;
      if (post !== null) this.lastGood.set(file.rawPath, post);
      else {
        const good = this.lastGood.get(file.rawPath);
        if (good !== undefined && good.meta.published) {
          post = good;
          diagnostics.push(staleDiagnostic(file, good, outcome.diagnostics));
        }
      }
      if (post?.meta.published === false && !this.options.drafts) unpublished++;
      else if (post !== null) posts.push(post);
    });
    return { posts, unpublished };
  }

  /** Serves `snapshot` from now on and tells the listeners what changed; a first load has no one to tell. */
  private swapIn(snapshot: ContentSnapshot, posts: readonly IndexedPost[], version: string): void {
    const previous = this.snapshot;
    const change = this.changeTo(posts, version);
    this.snapshot = snapshot;
    if (previous === null) return;
    const touched = touchedObjects(previous, snapshot, [...change.added, ...change.updated, ...change.removed]);
    for (const listener of this.listeners) listener({ ...change, touched }, snapshot);
  }

  private async readAndParse(
    file: FoundFile,
    known: FileResult | undefined,
    pack: Pack | null,
  ): Promise<FileResult & { cache?: CacheUse }> {
    const parsed = await this.pool.readAndParse(file, known?.contentHash ?? null, this.cache?.directory ?? null, pack);
    const cache = parsed.cache === undefined ? {} : { cache: parsed.cache };
    if (parsed.outcome !== null) return { contentHash: parsed.contentHash, outcome: parsed.outcome, ...cache };
    // The pool answers "unchanged" only to a known hash, and that hash came from `known`.
    if (known === undefined) throw new Error(`${file.rawPath}: found unchanged with no known version`);
    return { ...known, ...cache };
  }

  private noteCacheUse(file: FoundFile, use: CacheUse, uses: CacheUse[]): void {
    uses.push(use);
    if (use.problem === null) return;
    this.cacheProblems.set(file.rawPath, {
      path: file.path,
      severity: 'warning',
      code: 'CACHE_ENTRY_INVALID',
      message: `the cache entry of this file was unusable (${use.problem}) and was rebuilt from the file`,
    });
  }

  /** Counts the load and tells `onProblem`, once, what went wrong with the cache in it. */
  private reportCacheUse(cache: ContentCache | null, uses: readonly CacheUse[]): void {
    if (cache === null) return;
    const count = (source: CacheUse['source']) => uses.filter((use) => use.source === source).length;
    this.loadCounts = { cached: count('stamp'), verified: count('hash'), parsed: count('parse') };
    const problems: string[] = [];
    const invalid = uses.filter((use) => use.problem !== null);
    if (invalid.length > 0) problems.push(`${invalid.length} unusable entries rebuilt from the files (first: ${invalid[0]?.problem})`);
    const failedWrite = uses.find((use) => use.writeError !== null);
    if (failedWrite !== undefined) problems.push(this.giveUpCache(`cannot be written (${failedWrite.writeError})`));
    if (problems.length > 0) this.cacheSettings?.onProblem?.(`content cache in ${cache.directory}: ${problems.join('; ')}`);
  }

  /** The versions this process serves or may fall back to: their bodies are kept by `prune`. */
  private keptVersions(): string[] {
    const hashes = [...this.results.values()].flatMap((result) => (result.contentHash === null ? [] : [result.contentHash]));
    for (const post of this.lastGood.values()) hashes.push(post.contentHash);
    return hashes;
  }

  /**
   * The HTML of `post`'s version, parsed again from its file because its body file was unusable; the
   * problem is reported once, by the next rebuild. When the file no longer holds that version it is
   * reloaded, so the next answers come from its new one.
   */
  private repairBody(directory: string, post: IndexedPost, problem: string): PortableHtml {
    const file = this.fileOfPath(post.path);
    if (file === undefined) throw new Error(`${post.path}: the cached body is unusable (${problem}) and the file is gone`);
    let html: PortableHtml;
    try {
      html = rebuildBody(file, post.contentHash, directory, this.options);
    } catch (error) {
      void this.reloadPaths([file.rawPath]);
      throw error;
    }
    this.noteBodyProblem(directory, file, problem);
    return html;
  }

  /** The file a post was read from; the map is made again only once the file list changed. */
  private fileOfPath(relativePath: string): FoundFile | undefined {
    if (this.filesByPath?.files !== this.files)
      this.filesByPath = { files: this.files, byPath: new Map(this.files.map((file) => [file.path, file])) };
    return this.filesByPath.byPath.get(relativePath);
  }

  /** Reported in `contentStatus.diagnostics` from the next rebuild on, which a first problem asks for. */
  private noteBodyProblem(directory: string, file: FoundFile, problem: string): void {
    const message = `the cached body of this file was unusable (${problem}) and was rebuilt from the file`;
    if (this.cacheProblems.get(file.rawPath)?.message === message) return;
    this.cacheProblems.set(file.rawPath, { path: file.path, severity: 'warning', code: 'CACHE_ENTRY_INVALID', message });
    if (this.bodyProblems !== null) this.bodyProblems.problems.push(problem);
    else {
      this.bodyProblems = { directory, problems: [problem] };
      void this.enqueue(() => this.rebuild(new Set()));
    }
  }

  private reportBodyProblems(): void {
    if (this.bodyProblems === null) return;
    const { directory, problems } = this.bodyProblems;
    this.bodyProblems = null;
    this.cacheSettings?.onProblem?.(
      `content cache in ${directory}: ${problems.length} unusable bodies rebuilt from the files (first: ${problems[0]})`,
    );
  }

  private cacheDiagnostics(): Diagnostic[] {
    return [this.cacheDiagnostic, this.packDiagnostic, ...this.cacheProblems.values()].filter((diagnostic) => diagnostic !== null);
  }

  private changeTo(posts: readonly IndexedPost[], version: string): Omit<ContentChange, 'touched'> {
    const hashes = new Map(posts.map((post) => [post.slug, postFingerprint(post)]));
    const added: string[] = [];
    const updated: string[] = [];
    for (const [slug, hash] of hashes) {
      const before = this.servedHashes.get(slug);
      if (before === undefined) added.push(slug);
      else if (before !== hash) updated.push(slug);
    }
    const removed = [...this.servedHashes.keys()].filter((slug) => !hashes.has(slug));
    this.servedHashes = hashes;
    return {
      version,
      added: added.sort(compareCodeUnits),
      updated: updated.sort(compareCodeUnits),
      removed: removed.sort(compareCodeUnits),
    };
  }
}

/** A file of Hexo's drafts folder, and hidden for no other reason. */
function isDraftFile(path: string): boolean {
  if (!path.startsWith(DRAFTS_FOLDER)) return false;
  return !path
    .slice(DRAFTS_FOLDER.length)
    .split('/')
    .some((segment) => segment.startsWith('_') || segment.startsWith('.'));
}

/** A file the walk would have found at `rawPath`: hidden as Hexo hides it, NFC as the walk names it. */
function foundFile(rawPath: string, absolutePath: string): FoundFile {
  const normalised = rawPath.normalize('NFC');
  const hidden = normalised.split('/').some((segment) => segment.startsWith('_') || segment.startsWith('.'));
  return { path: normalised, rawPath, absolutePath, hidden };
}

function staleDiagnostic(file: FoundFile, served: IndexedPost, problems: readonly Diagnostic[]): Diagnostic {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const reasons = errors.map((problem) => `${problem.code}: ${problem.message}`).join('; ');
  return {
    path: file.path,
    severity: 'error',
    code: STALE_VERSION_SERVED,
    message: `the file no longer loads (${reasons || 'unknown error'}); its last good version (content hash ${served.contentHash.slice(0, 12)}) is served until it is fixed`,
  };
}

/**
 * Everything a response can show: the posts, the file counts and the diagnostics. A reload
 * that changes none of them keeps the version, so caches keyed on it stay warm.
 */
function contentVersion(
  posts: readonly IndexedPost[],
  status: { files: number; unpublished: number; diagnostics: readonly Diagnostic[] },
  options: ContentOptions,
): string {
  const hash = createHash('sha256').update(JSON.stringify(options));
  for (const post of posts) hash.update(`\0${post.path}\0${post.contentHash}`);
  hash.update(JSON.stringify([status.files, status.unpublished, status.diagnostics]));
  return hash.digest('hex').slice(0, 16);
}
