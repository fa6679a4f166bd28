/**
 * Word segmentation in bounded pieces. In Node 20, `Intl.Segmenter` slows down with the length of
 * the string it is given far faster than linearly: 4,096 Han characters take about 11 ms, 65,000
 * about 1.1 s, and past 65,536 UTF-16 units a minute or more; a 315,000-character English text took
 * 170 s. Pieces of at most {@link MAX_PIECE_LENGTH} units keep it linear (300,000 Han characters in
 * about 0.25 s).
 */

import { isAscii, visitAsciiWords } from './ascii-words';
import { countCjkCharacters } from './scripts';

export interface WordSegment {
  segment: string;
  /** UTF-16 offset in the whole text. */
  index: number;
  isWordLike: boolean;
}

const MAX_PIECE_LENGTH = 1024;
/** A cut is looked for in the second half of a piece, so no piece is shorter than half. */
const MIN_PIECE_LENGTH = MAX_PIECE_LENGTH / 2;
const LINE_FEED = 0x0a;
/** Full stop, exclamation and question marks and semicolon of CJK text, which has no spaces to cut at. */
const CJK_SENTENCE_ENDS = new Set([0x3002, 0xff01, 0xff1f, 0xff1b]);
const WHITESPACE = /\s/;

/**
 * Cuts, best first: after a line break (a paragraph), after a CJK sentence end, after any
 * whitespace. Word boundaries always fall there, so the pieces segment as the whole text would.
 */
const CUTS: readonly ((text: string, index: number) => boolean)[] = [
  (text, index) => text.charCodeAt(index) === LINE_FEED,
  (text, index) => CJK_SENTENCE_ENDS.has(text.charCodeAt(index)),
  (text, index) => WHITESPACE.test(text[index]),
];

/** The word segments of `text`, as `segmenter.segment(text)` gives them, segmented piece by piece. */
export function* wordSegments(segmenter: Intl.Segmenter, text: string): Generator<WordSegment> {
  for (let start = 0; start < text.length;) {
    const end = pieceEnd(text, start);
    for (const { segment, index, isWordLike } of segmenter.segment(text.slice(start, end))) {
      yield { segment, index: start + index, isWordLike: isWordLike === true };
    }
    start = end;
  }
}

/**
 * Calls `visit` with the offset and the count of Han and kana characters of each word-like segment of
 * `text`, in order: the word-like segments of `wordSegments`, with pieces of plain ASCII segmented
 * without `Intl.Segmenter` (see `ascii-words.ts`), for counting.
 */
export function visitWords(segmenter: Intl.Segmenter, text: string, visit: (index: number, cjkCharacters: number) => void): void {
  const visitAscii = (index: number) => {
    visit(index, 0);
  };
  for (let start = 0; start < text.length;) {
    const end = pieceEnd(text, start);
    if (isAscii(text, start, end)) visitAsciiWords(text, start, end, visitAscii);
    else {
      for (const { segment, index, isWordLike } of segmenter.segment(text.slice(start, end))) {
        if (isWordLike === true) visit(start + index, countCjkCharacters(segment));
      }
    }
    start = end;
  }
}

/**
 * Where the piece from `start` ends. Text without any place to cut (one hostile run of letters) is
 * cut at the longest length, between two code points, where a word may be split in two.
 */
function pieceEnd(text: string, start: number): number {
  const limit = start + MAX_PIECE_LENGTH;
  if (limit >= text.length) return text.length;
  for (const isCut of CUTS) {
    for (let index = limit - 1; index >= start + MIN_PIECE_LENGTH; index--) {
      if (isCut(text, index)) return index + 1;
    }
  }
  const unit = text.charCodeAt(limit);
  return unit >= 0xdc00 && unit <= 0xdfff ? limit - 1 : limit;
}
