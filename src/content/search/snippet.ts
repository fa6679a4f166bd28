/**
 * Short excerpts around matches, in two forms a client can render safely: plain text with
 * match offsets, and HTML in which everything but the `<mark>` tags is escaped.
 */
import { escapeUTF8 } from 'entities';

/** A half-open range `[start, end)` of UTF-16 offsets. */
export type TextRange = [start: number, end: number];

export interface Snippet {
  /** The excerpt, whitespace collapsed, `…` where it was cut. */
  text: string;
  /** `text`, HTML-escaped, with each match in `<mark>`. */
  html: string;
  /** Where the matches are in `text`. */
  ranges: TextRange[];
}

export const SNIPPET_LENGTH = 80;
/** How much text before the first match an excerpt shows. */
const CONTEXT_BEFORE = 20;
/** How far a cut may move to land on a space instead of inside a word. */
const WORD_SLACK = 12;
const ELLIPSIS = '…';

const SPACE = /\s/;
const MARK = /^\p{M}/u;

const UNKNOWN = 0;
const NOT_SPACE = 1;
const IS_SPACE = 2;
/**
 * Per UTF-16 unit, whether `SPACE` matches it, filled in as units are met: a regular expression
 * per character, on a one-character string made for it, was most of what an excerpt cost.
 */
const spaceKinds = new Uint8Array(0x10000);

function isSpaceAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  let kind = spaceKinds[unit];
  if (kind === UNKNOWN) spaceKinds[unit] = kind = SPACE.test(text[index]) ? IS_SPACE : NOT_SPACE;
  return kind === IS_SPACE;
}

/** `ranges` are sorted, non-overlapping offsets into `original`, at least one. */
export function buildSnippet(original: string, ranges: readonly TextRange[]): Snippet {
  const [start, end] = snippetBounds(original, ranges);
  const { text, positions } = collapseWhitespace(original, start, end);
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < original.length ? ELLIPSIS : '';
  const shown: TextRange[] = [];
  for (const [rangeStart, rangeEnd] of ranges) {
    if (rangeEnd <= start || rangeStart >= end) continue;
    const from = positions[Math.max(rangeStart, start) - start];
    const to = Math.min(positions[Math.min(rangeEnd, end) - start], text.length);
    if (to > from) shown.push([from + prefix.length, to + prefix.length]);
  }
  const full = prefix + text + suffix;
  return { text: full, html: markedHtml(full, shown), ranges: shown };
}

function snippetBounds(original: string, ranges: readonly TextRange[]): TextRange {
  if (original.length <= SNIPPET_LENGTH) return [0, original.length];
  const [firstStart, firstEnd] = ranges[0];
  let start = Math.max(0, firstStart - CONTEXT_BEFORE);
  let end = Math.min(original.length, Math.max(start + SNIPPET_LENGTH, firstEnd));
  start = Math.max(0, Math.min(start, end - SNIPPET_LENGTH));
  if (start > 0) {
    const space = findSpace(original, start, Math.min(start + WORD_SLACK, firstStart), 1);
    if (space >= 0) start = space + 1;
    while (start > 0 && isContinuation(original, start)) start--;
  }
  if (end < original.length) {
    const space = findSpace(original, end, Math.max(end - WORD_SLACK, firstEnd), -1);
    if (space >= 0) end = space;
    while (end < original.length && isContinuation(original, end)) end++;
  }
  return [start, end];
}

/** The first whitespace from `from` towards `limit` (exclusive), or -1. */
function findSpace(text: string, from: number, limit: number, step: 1 | -1): number {
  for (let index = from; step > 0 ? index < limit : index > limit; index += step) {
    if (isSpaceAt(text, index)) return index;
  }
  return -1;
}

/** A cut here would split a surrogate pair or separate a mark from its letter. */
function isContinuation(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  return (unit >= 0xdc00 && unit <= 0xdfff) || MARK.test(text.slice(index, index + 2));
}

/**
 * The text of `[start, end)` with whitespace runs collapsed, and where each original offset went.
 * The text between spaces is copied a run at a time, not a character at a time.
 */
function collapseWhitespace(original: string, start: number, end: number) {
  const positions = new Int32Array(end - start + 1);
  const parts: string[] = [];
  let length = 0;
  let runStart = start;
  let endsWithSpace = false;
  for (let index = start; index < end; index++) {
    positions[index - start] = length;
    if (!isSpaceAt(original, index)) {
      length++;
      endsWithSpace = false;
      continue;
    }
    if (runStart < index) parts.push(original.slice(runStart, index));
    runStart = index + 1;
    if (length > 0 && !endsWithSpace) {
      parts.push(' ');
      length++;
      endsWithSpace = true;
    }
  }
  if (runStart < end) parts.push(original.slice(runStart, end));
  positions[end - start] = length;
  return { text: parts.join('').trimEnd(), positions };
}

function markedHtml(text: string, ranges: readonly TextRange[]): string {
  let html = '';
  let cursor = 0;
  for (const [start, end] of ranges) {
    html += `${escapeUTF8(text.slice(cursor, start))}<mark>${escapeUTF8(text.slice(start, end))}</mark>`;
    cursor = end;
  }
  return html + escapeUTF8(text.slice(cursor));
}
