/**
 * Turns a content root into a snapshot, and holds the snapshot currently served.
 */
import { createHash } from 'node:crypto';
import type { ContentSnapshot } from './model';
import { parsePost, slugOf, type ParseOutcome } from './parse-post';
import { findMarkdownFiles, readMarkdownFile, type FoundFile } from './scan';
import { buildSnapshot } from './snapshot';
import { DEFAULT_CONTENT_OPTIONS, type ContentOptions, type Diagnostic, type ParsedPost } from './types';

interface CachedParse {
  contentHash: string;
  outcome: ParseOutcome;
}

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

/**
 * Loads every post below `root`. Parses are remembered by content hash in `cache`, so a
 * reload re-parses only files whose bytes changed.
 */
export async function loadSnapshot(
  root: string,
  options: ContentOptions,
  cache: Map<string, CachedParse> = new Map(),
): Promise<ContentSnapshot> {
  const loadedAt = new Date();
  const { files, diagnostics: walkDiagnostics } = await findMarkdownFiles(root);
  const diagnostics: Diagnostic[] = [...walkDiagnostics];
  const posts: ParsedPost[] = [];
  let unpublished = 0;

  const firstPathBySlug = new Map<string, string>();
  const toParse: FoundFile[] = [];
  for (const file of files) {
    if (file.hidden) {
      unpublished++;
      continue;
    }
    const slug = slugOf(file.path);
    const first = firstPathBySlug.get(slug);
    if (first === undefined) {
      firstPathBySlug.set(slug, file.rawPath);
      toParse.push(file);
    } else {
      diagnostics.push({
        path: file.path,
        severity: 'error',
        code: 'DUPLICATE_SLUG',
        message: `slug "${slug}" is already taken by ${JSON.stringify(first)} (file names are compared after Unicode NFC normalisation)`,
      });
    }
  }

  const outcomes = await mapLimit(toParse, options.readConcurrency, async (file) => {
    const read = await readMarkdownFile(file, options.maxFileBytes);
    if (!read.ok) return { post: null, diagnostics: [read.diagnostic] };
    const cached = cache.get(file.rawPath);
    if (cached?.contentHash === read.file.contentHash) return cached.outcome;
    const outcome = parseSafely(read.file, options);
    cache.set(file.rawPath, { contentHash: read.file.contentHash, outcome });
    return outcome;
  });

  const seen = new Set(toParse.map((file) => file.rawPath));
  for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key);

  for (const outcome of outcomes) {
    diagnostics.push(...outcome.diagnostics);
    if (outcome.post?.meta.published === false) unpublished++;
    else if (outcome.post) posts.push(outcome.post);
  }

  return buildSnapshot({
    posts,
    status: {
      version: contentVersion(posts, options),
      loadedAt,
      files: files.length,
      unpublished,
      errors: diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length,
      warnings: diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length,
      diagnostics,
    },
  });
}

/** A bug in a parser must cost one file, never the whole load. */
function parseSafely(file: Parameters<typeof parsePost>[0], options: ContentOptions): ParseOutcome {
  try {
    return parsePost(file, options);
  } catch (error) {
    return {
      post: null,
      diagnostics: [
        {
          path: file.path,
          severity: 'error',
          code: 'PARSE_FAILED',
          message: `unexpected failure while parsing: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
}

function contentVersion(posts: readonly ParsedPost[], options: ContentOptions): string {
  const hash = createHash('sha256').update(JSON.stringify(options));
  for (const post of posts) hash.update(`\0${post.path}\0${post.contentHash}`);
  return hash.digest('hex').slice(0, 16);
}

/** Holds the snapshot being served; a request pins `current()` once and keeps it to the end. */
export class ContentStore {
  private constructor(
    readonly root: string,
    readonly options: ContentOptions,
    private readonly parseCache: Map<string, CachedParse>,
    private snapshot: ContentSnapshot,
  ) {}

  static async open(root: string, options: Partial<ContentOptions> = {}): Promise<ContentStore> {
    const resolved = { ...DEFAULT_CONTENT_OPTIONS, ...options };
    const parseCache = new Map<string, CachedParse>();
    return new ContentStore(root, resolved, parseCache, await loadSnapshot(root, resolved, parseCache));
  }

  current(): ContentSnapshot {
    return this.snapshot;
  }

  /** Reads the root again, re-parsing only changed files, then swaps the snapshot in one step. */
  async reload(): Promise<ContentSnapshot> {
    this.snapshot = await loadSnapshot(this.root, this.options, this.parseCache);
    return this.snapshot;
  }
}
