/** The settings of reading, parsing and indexing a content folder, with their defaults. */

/** Hexo's folder of drafts, below the content root. */
export const DRAFTS_FOLDER = '_drafts/';

/**
 * Hexo's `updated_option`: what `updated` is when the front matter gives none (or one that is not
 * a date), each choice with what it falls back to.
 */
export const UPDATED_OPTIONS = {
  date: 'the publication date',
  mtime: "the file's modification time",
  empty: 'null',
} as const;

export type UpdatedOption = keyof typeof UPDATED_OPTIONS;

export const UPDATED_CHOICES = Object.keys(UPDATED_OPTIONS) as UpdatedOption[];

export interface ContentOptions {
  /** IANA time zone for dates without an offset (`YYYY-MM-DD HH:mm:ss`). */
  timeZone: string;
  /** Hosts whose `<iframe>`s survive sanitising; empty removes every iframe. */
  iframeHosts: string[];
  /** Files larger than this are reported and skipped. */
  maxFileBytes: number;
  /** Front matter larger than this is an error. */
  maxFrontMatterBytes: number;
  /** Deepest nesting allowed in front matter. */
  maxFrontMatterDepth: number;
  /** Characters of text in an automatic excerpt. */
  excerptLength: number;
  /** Files read at once. */
  readConcurrency: number;
  /** A file whose parsing takes longer is reported (`PARSE_TIMEOUT`) and skipped. */
  parseTimeoutMs: number;
  /** Bytes of filtered article lists a snapshot keeps for filters asked again. */
  filterMemoBytes: number;
  /** Also serve Hexo's drafts (`_drafts/`, `published: false`), marked `draft`, for preview. */
  drafts: boolean;
  /** What `updated` falls back to, as Hexo's `updated_option`. */
  updatedOption: UpdatedOption;
  /** Curly quotes, dashes and ellipses in the markdown of bodies, as Hexo's default renderer (smartypants) makes them. */
  markdownTypographer: boolean;
}

export const DEFAULT_CONTENT_OPTIONS: ContentOptions = {
  timeZone: 'UTC',
  iframeHosts: [],
  maxFileBytes: 5 * 1024 * 1024,
  maxFrontMatterBytes: 64 * 1024,
  maxFrontMatterDepth: 32,
  excerptLength: 160,
  readConcurrency: 32,
  parseTimeoutMs: 10_000,
  filterMemoBytes: 64 * 2 ** 20,
  drafts: false,
  updatedOption: 'date',
  // hexo-renderer-marked 7.0.1, Hexo's default renderer, turns `smartypants` on unless configured.
  markdownTypographer: true,
};
