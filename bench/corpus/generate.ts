/**
 * Writes a synthetic corpus in the shapes of the mirrored feeds: `<group>/<site>/<channel>/<title>.md`.
 * The same options give byte-identical files, so benchmark figures compare across runs.
 *
 *   node bench/dist/bench/corpus/generate.js --articles 10000 --out bench/corpus-out/10000 --seed 1
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from '../cli-args';
import { buildFeeds, feedCountFor } from './feeds';
import { renderPost, type RenderedPost } from './post';
import { createRandom, zipfSampler } from './random';

export interface CorpusOptions {
  articles: number;
  seed: number;
}

export interface GeneratedPost extends RenderedPost {
  /** Path below the corpus root, `/`-separated. */
  path: string;
}

/** What a corpus holds, written next to it as `corpus.json` so a run can reuse it and pick its queries. */
export interface CorpusManifest extends CorpusOptions {
  generator: number;
  files: number;
  bytes: number;
  unpublished: number;
  invalidDates: number;
  largePosts: number;
  feeds: number;
  samples: {
    /** A listed article of ordinary size with as many sections as any. */
    articleSlug: string;
    /** Names of `group > site` of the site with the most posts. */
    categoryPath: [string, string];
  };
}

/** Bump when the output for the same options changes, so stale corpora are regenerated. */
export const GENERATOR_VERSION = 1;
export const MANIFEST_NAME = 'corpus.json';
const MAX_STEM_BYTES = 200;
// eslint-disable-next-line no-control-regex -- control characters are among what a file name must not hold
const UNSAFE_IN_FILE_NAMES = /[/\\:*?"<>|\u0000-\u001f]/g;
const COMMAND = {
  about: 'Writes a generated corpus of posts, the same files for the same flags.',
  flags: {
    articles: { type: 'string', default: '1000', value: 'N', help: 'posts to write' },
    out: { type: 'string', value: 'DIR', help: 'where (bench/corpus-out/N); a folder holding an earlier corpus is replaced' },
    seed: { type: 'string', default: '1', value: 'N', help: 'the same seed gives byte-identical files' },
  },
} satisfies BenchCommand<BenchFlags>;

export function* generatePosts({ articles, seed }: CorpusOptions): Generator<GeneratedPost> {
  const random = createRandom(seed);
  const feeds = buildFeeds(random, feedCountFor(articles));
  const pickFeed = zipfSampler(feeds.length, 1);
  const stemsByFolder = new Map<string, Set<string>>();
  for (let i = 0; i < articles; i++) {
    const feed = feeds[pickFeed(random)];
    const post = renderPost(random, feed);
    const folder = `${feed.group}/${feed.site}/${feed.channel}`;
    let stems = stemsByFolder.get(folder);
    if (!stems) stemsByFolder.set(folder, (stems = new Set()));
    yield { ...post, path: `${folder}/${uniqueStem(fileStem(post.title), stems)}.md` };
  }
}

/** Titles become file names the way the mirror does it: unsafe characters to `_`, dots dropped. */
function fileStem(title: string): string {
  let stem = title.replace(UNSAFE_IN_FILE_NAMES, '_').replaceAll('.', '');
  // Whole code points, so no surrogate pair is cut in half; a cut emoji sequence is still a valid name.
  // eslint-disable-next-line @typescript-eslint/no-misused-spread
  while (Buffer.byteLength(stem) > MAX_STEM_BYTES) stem = [...stem].slice(0, -1).join('');
  return stem;
}

/** Case-insensitive, so the corpus also unpacks on file systems that fold case. */
function uniqueStem(stem: string, taken: Set<string>): string {
  let candidate = stem;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Writes the corpus into `outDir`. A folder holding an earlier corpus is replaced; any other
 * non-empty folder is refused, so a wrong `--out` cannot wipe unrelated files.
 */
export async function writeCorpus(options: CorpusOptions & { outDir: string }): Promise<CorpusManifest> {
  await clearOutput(options.outDir);
  const manifest: CorpusManifest = {
    generator: GENERATOR_VERSION,
    articles: options.articles,
    seed: options.seed,
    files: 0,
    bytes: 0,
    unpublished: 0,
    invalidDates: 0,
    largePosts: 0,
    feeds: feedCountFor(options.articles),
    samples: { articleSlug: '', categoryPath: ['', ''] },
  };
  let bestSections = -1;
  const postsBySite = new Map<string, number>();
  const folders = new Set<string>();
  let pending: Promise<void>[] = [];
  for (const post of generatePosts(options)) {
    const folder = path.posix.dirname(post.path);
    if (!folders.has(folder)) {
      folders.add(folder);
      await fs.mkdir(path.join(options.outDir, folder), { recursive: true });
    }
    const site = folder.slice(0, folder.lastIndexOf('/'));
    postsBySite.set(site, (postsBySite.get(site) ?? 0) + 1);
    manifest.files++;
    manifest.bytes += Buffer.byteLength(post.text);
    if (!post.listed) manifest.unpublished++;
    if (post.invalidDate) manifest.invalidDates++;
    if (post.large) manifest.largePosts++;
    if (post.listed && !post.large && post.sections > bestSections) {
      bestSections = post.sections;
      manifest.samples.articleSlug = post.path.replace(/\.md$/, '');
    }
    pending.push(fs.writeFile(path.join(options.outDir, post.path), post.text));
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  const [biggestSite] = [...postsBySite].reduce((best, entry) => (entry[1] > best[1] ? entry : best), ['/', 0]);
  manifest.samples.categoryPath = biggestSite.split('/') as [string, string];
  await fs.writeFile(path.join(options.outDir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function readManifest(dir: string): Promise<CorpusManifest | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, MANIFEST_NAME), 'utf8')) as CorpusManifest;
  } catch {
    return null;
  }
}

async function clearOutput(dir: string): Promise<void> {
  const entries: string[] = await fs.readdir(dir).catch(() => []);
  if (entries.length > 0) {
    if (!entries.includes(MANIFEST_NAME)) throw new Error(`${dir} is not empty and holds no generated corpus; refusing to overwrite it`);
    await fs.rm(dir, { recursive: true, force: true });
  }
  await fs.mkdir(dir, { recursive: true });
}

async function main(): Promise<void> {
  const values = benchArgs(COMMAND);
  const articles = wholeNumber(values.articles, 'articles');
  const seed = wholeNumber(values.seed, 'seed');
  const outDir = path.resolve(values.out ?? path.join('bench', 'corpus-out', String(articles)));
  const started = process.hrtime.bigint();
  const manifest = await writeCorpus({ articles, seed, outDir });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${manifest.files} posts (${(manifest.bytes / 2 ** 20).toFixed(1)} MiB, ${manifest.feeds} feeds) in ${outDir} ` +
      `in ${seconds.toFixed(2)} s (${Math.round(manifest.files / seconds)} posts/s)`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
