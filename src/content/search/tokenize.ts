/**
 * Splits folded text into the pieces the index works with.
 *
 * - Scripts written with spaces (Latin, Cyrillic, Greek, ...): runs of letters, digits and marks.
 *   Punctuation splits words (`node.js`, `don't`, `e-mail` are two words each); a query typed
 *   that way becomes a phrase, so it still finds the original spelling.
 * - CJK (Han, kana, Hangul): whole runs. The index stores every character and every pair of
 *   adjacent characters of a run, so any substring can be found whatever a word segmenter
 *   would have made of the surrounding text. Kana and Hangul are treated like Han: Japanese
 *   mixes them inside words, and Korean attaches particles to words (`한국어를`).
 * - Thai, Lao, Khmer, Myanmar: no spaces and no bigram tradition, so `Intl.Segmenter` splits them.
 *
 * `Intl.Segmenter` is not used for the rest of the document text on purpose: in Node 20 it
 * handles about one million characters a second, twenty times slower than this scanner, which
 * would make loading a large site take tens of seconds. Queries are short, so they are split
 * with it (see `query.ts`).
 */

import { wordSegments } from '../body/segments';
import { isHighSurrogate, isLowSurrogate, unitWidth } from './code-points';

export const CJK_CLASS = '[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}\\u30fc]';
const DICTIONARY_CLASS = '[\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}]';
/** Letters of scripts written with spaces: the ones a word boundary applies to. */
export const SPACED_WORD_CLASS = `[[\\p{L}\\p{N}\\p{M}]--${CJK_CLASS}--${DICTIONARY_CLASS}]`;

const OTHER = 1;
const WORD = 2;
const CJK = 3;
const DICTIONARY = 4;
const CLASS_MASK = 7;
/** Set beside the class for letters, digits and marks of any script. */
const LETTER_FLAG = 8;
// The `v` flag (set subtraction) is built at run time because the compile target predates it.
const CLASS_PATTERNS: [number, RegExp][] = [
  [CJK, new RegExp(`^${CJK_CLASS}$`, 'v')],
  [DICTIONARY, new RegExp(`^${DICTIONARY_CLASS}$`, 'v')],
  [WORD, new RegExp(`^${SPACED_WORD_CLASS}$`, 'v')],
];
const LETTER = /^[\p{L}\p{N}\p{M}]$/u;
/** Traits of each BMP code unit, 0 until first met: a table is far faster than a regex per token. */
const bmpTraits = new Uint8Array(0x10000);
const astralTraits = new Map<number, number>();

function traitsOf(char: string): number {
  const kind = CLASS_PATTERNS.find(([, pattern]) => pattern.test(char))?.[0] ?? OTHER;
  return kind | (LETTER.test(char) ? LETTER_FLAG : 0);
}

function traitsAt(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit < 0xd800 || unit > 0xdbff) {
    return bmpTraits[unit] || (bmpTraits[unit] = traitsOf(text[index]));
  }
  const codePoint = text.codePointAt(index) ?? unit;
  let known = astralTraits.get(codePoint);
  if (known === undefined) {
    known = traitsOf(String.fromCodePoint(codePoint));
    astralTraits.set(codePoint, known);
  }
  return known;
}

function classAt(text: string, index: number): number {
  return traitsAt(text, index) & CLASS_MASK;
}

/** Whether the code point at `index` is a letter, digit or mark of a script written with spaces. */
export function isSpacedWordAt(text: string, index: number): boolean {
  return index < text.length && classAt(text, index) === WORD;
}

/** Whether the code point that ends just before `index` is a letter, digit or mark of a script written with spaces. */
export function isSpacedWordBefore(text: string, index: number): boolean {
  if (index === 0) return false;
  const start =
    index >= 2 && isLowSurrogate(text.charCodeAt(index - 1)) && isHighSurrogate(text.charCodeAt(index - 2)) ? index - 2 : index - 1;
  return classAt(text, start) === WORD;
}

/** Whether the code point at `index` is a letter, digit or mark of any script. */
export function isLetterAt(text: string, index: number): boolean {
  return (traitsAt(text, index) & LETTER_FLAG) !== 0;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export type TokenKind =
  /** A word of a script written with spaces: matched whole, with word boundaries. */
  | 'word'
  /** A run of CJK characters: matched as a substring. */
  | 'cjk'
  /** A word found by the segmenter in a script written without spaces: matched as a substring. */
  | 'segmented';

export type TokenVisitor = (kind: TokenKind, text: string, start: number) => void;

export function scanTokens(folded: string, visit: TokenVisitor): void {
  let index = 0;
  while (index < folded.length) {
    const runClass = classAt(folded, index);
    let end = index + unitWidth(folded, index);
    while (end < folded.length && classAt(folded, end) === runClass) end += unitWidth(folded, end);
    if (runClass === WORD) visit('word', folded.slice(index, end), index);
    else if (runClass === CJK) visit('cjk', folded.slice(index, end), index);
    else if (runClass === DICTIONARY) visitSegmented(folded.slice(index, end), index, visit);
    index = end;
  }
}

function visitSegmented(run: string, offset: number, visit: TokenVisitor): void {
  for (const segment of wordSegments(segmenter, run)) {
    if (segment.isWordLike) visit('segmented', segment.segment, offset + segment.index);
  }
}

/** Splits a CJK run into words with `Intl.Segmenter`; only queries do this. */
export function segmentWords(run: string): string[] {
  const words: string[] = [];
  for (const segment of segmenter.segment(run)) {
    if (segment.isWordLike) words.push(segment.segment);
  }
  return words;
}

/**
 * The keys a CJK query string is looked up by: the character itself when it is one
 * character long, otherwise all its adjacent pairs (documents index both kinds).
 */
export function cjkKeys(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const keys: string[] = [];
  for (let index = 0; index + 1 < chars.length; index++) keys.push(chars[index] + chars[index + 1]);
  return keys;
}
