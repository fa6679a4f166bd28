/**
 * What parsing one file yields: its metadata, its rendered body and the problems found on the way.
 * Plain data, no GraphQL, no I/O; `model.ts` holds what the index builds from it.
 */
import type { PortableHtml } from './body/portable';

export type Severity = 'error' | 'warning';

/** One problem found while loading a file. Errors skip the file; warnings do not. */
export interface Diagnostic {
  /** Path relative to the content root, with `/` separators, NFC-normalised. */
  path: string;
  severity: Severity;
  /** Stable machine-readable code, e.g. `FRONT_MATTER_ENGINE`, `DATE_INVALID`. */
  code: string;
  message: string;
  /** 1-based line in the source file, when the problem has one. */
  line?: number;
}

/** A `src`/`alt` pair for each image of a body, in document order. */
export interface ImageRef {
  src: string;
  alt: string | null;
}

/** Counts derived from a piece of text, right for CJK as well as Latin scripts. */
export interface TextStats {
  /** Word-like segments according to `Intl.Segmenter`. */
  wordCount: number;
  /** Characters that are not whitespace. */
  characterCount: number;
  /** CJK read by characters, Latin by words, mixed texts summed; at least 1 for a non-empty text. */
  readingTimeMinutes: number;
}

/** One part of a body, from an `h3` up to the next one. */
export interface SectionData {
  /** 0-based position among the article's sections. */
  index: number;
  /** The heading's plain text. */
  heading: string;
  /** GitHub-style anchor, unique within the article, CJK kept. */
  anchor: string;
  /** Well-formed, sanitised HTML of the section, the `h3` included. Its text is derived on demand. */
  html: string;
  wordCount: number;
}

/** One heading of a body, `h1` to `h6`, in document order. */
export interface HeadingData {
  /** 1 for `h1` to 6 for `h6`. */
  level: number;
  /** The heading's plain text. */
  text: string;
  /** The heading's `id` in the served HTML: GitHub-style, unique within the article, CJK kept. */
  anchor: string;
}

/** What precedes the first `h3`. Its text is derived on demand. */
export interface LeadData {
  html: string;
}

/** The rendered, sanitised and analysed body of a post. */
export interface RenderedBody {
  /** Sanitised HTML of the whole body. Plain text is derived from it on demand (`htmlToText`). */
  html: string;
  /** Null when the body starts with an `h3` or is empty. */
  lead: LeadData | null;
  sections: SectionData[];
  /** Every heading, `h1` to `h6`, in document order; a section's anchor is its heading's. */
  headings: HeadingData[];
  /** Plain text before `<!-- more -->`, when the body has the marker. */
  moreExcerpt: string | null;
  images: ImageRef[];
  stats: TextStats;
  /** Dominant language detected from the text (BCP 47 primary tag such as `zh`, `en`, `ja`, `ko`), or null. */
  language: string | null;
}

/** A hierarchy path of category names, parent first. */
export type CategoryPath = readonly string[];

/** The front matter, normalised to the fields the gateway knows about. */
export interface PostMeta {
  title: string;
  date: Date | null;
  updated: Date | null;
  /** Several hierarchies; each is a path of names from root to leaf. */
  categories: CategoryPath[];
  tags: string[];
  author: string | null;
  headImage: string | null;
  thumbnail: string | null;
  cover: string | null;
  comments: boolean;
  published: boolean;
  /** Front-matter `lang`, when given; wins over detection. */
  lang: string | null;
  /** Every other key, as data. */
  extra: Record<string, unknown>;
}

/** A file that parsed: its metadata and body, ready to index. */
export interface ParsedPost {
  /** Path below the content root without `.md`, NFC, `/`-separated. */
  slug: string;
  /** Path relative to the content root, NFC, `/`-separated. */
  path: string;
  meta: PostMeta;
  body: RenderedBody;
  /**
   * A hash of the file's bytes, so the content version changes with any edit; with the file's modification time
   * appended when `updated` falls back to it (`revisionOf`).
   */
  contentHash: string;
}

/** A section as the index keeps it: its HTML is read when a query asks for it (`BodyStore`). */
export type SectionOutline = Omit<SectionData, 'html'>;

/** What the index keeps of a rendered body: everything lookups, filters, order and cards need, no HTML. */
export interface BodyOutline extends Omit<RenderedBody, 'html' | 'lead' | 'sections'> {
  /** Whether something precedes the first `h3` (see `RenderedBody.lead`). */
  hasLead: boolean;
  sections: SectionOutline[];
}

/** The HTML of a body, read when a query asks for it: the whole, the lead's (null without one) and each section's. */
export interface BodyHtml {
  html: string;
  lead: string | null;
  sections: readonly string[];
}

/** A post as the index keeps it: its body's HTML lives in the cache's body files, else in `heldHtml`. */
export interface IndexedPost extends Omit<ParsedPost, 'body'> {
  body: BodyOutline;
  /** The HTML in the heap: without a cache, or when its body file could not be written. Null when it is on disk. */
  heldHtml: PortableHtml | null;
}

/** A parse outcome as the index keeps it (see `indexedOutcome`). */
export interface IndexedOutcome {
  post: IndexedPost | null;
  diagnostics: Diagnostic[];
}
