/**
 * Folding makes text and queries comparable: compatibility forms (full-width, ligatures,
 * circled digits) become plain ones, case goes, and Latin diacritics are stripped.
 *
 * Folding works one code point at a time, so the folded text can be mapped back to the
 * original for highlights; `foldText` and `foldWithOffsets` both use `foldCodePoint`, which
 * guarantees they produce the same string.
 */
import { unitWidth } from './code-points';

/** Only the generic combining diacritics: marks of other scripts (kana voicing, Indic vowel signs) carry meaning. */
const LATIN_DIACRITICS = /[\u0300-\u036f]/g;

const folded = new Map<string, string>();

function foldCodePoint(char: string): string {
  let result = folded.get(char);
  if (result === undefined) {
    // NUL separates the parts of a stored document, so it must never come from the text.
    result = char === '\0' ? ' ' : char.normalize('NFKD').toLowerCase().replace(LATIN_DIACRITICS, '').normalize('NFC');
    // Word-final sigma is a positional variant, not a different letter.
    result = result.replace(/ς/g, 'σ');
    folded.set(char, result);
  }
  return result;
}

const UNKNOWN = 0;
const UNCHANGED = 1;
/** Changed into another single unit that is not a surrogate. */
const REPLACED = 2;
const CHANGED = 3;
/** Per BMP code unit: does folding change it, and how? Filled in as characters are met. */
const bmpFoldKind = new Uint8Array(0x10000);

function foldKind(bmpUnit: number): number {
  let kind = bmpFoldKind[bmpUnit];
  if (kind === UNKNOWN) {
    const char = String.fromCharCode(bmpUnit);
    const result = foldCodePoint(char);
    kind = result === char ? UNCHANGED : result.length === 1 && !isSurrogate(result.charCodeAt(0)) ? REPLACED : CHANGED;
    bmpFoldKind[bmpUnit] = kind;
  }
  return kind;
}

function foldsToItself(bmpUnit: number): boolean {
  return foldKind(bmpUnit) === UNCHANGED;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

/**
 * Whether every UTF-16 unit of the folded text comes from the unit at the same offset of `text`
 * (true of most text: case changes keep the length). Then an offset into the folded text is
 * the same offset into `text`, and `foldWithOffsets` is not needed.
 */
export function foldsUnitForUnit(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (!isSurrogate(unit)) {
      if (foldKind(unit) === CHANGED) return false;
      continue;
    }
    const width = unitWidth(text, index);
    const char = text.slice(index, index + width);
    if (foldCodePoint(char) !== char) return false;
    index += width - 1;
  }
  return true;
}

export function foldText(text: string): string {
  let result = '';
  let unchangedFrom = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    let char: string;
    if (isSurrogate(unit)) {
      const width = unitWidth(text, index);
      char = text.slice(index, index + width);
      if (foldCodePoint(char) === char) {
        index += width - 1;
        continue;
      }
    } else {
      if (foldsToItself(unit)) continue;
      char = text[index];
    }
    result += text.slice(unchangedFrom, index) + foldCodePoint(char);
    index += char.length - 1;
    unchangedFrom = index + 1;
  }
  return unchangedFrom === 0 ? text : result + text.slice(unchangedFrom);
}

/** Folded text with, for each of its UTF-16 units, the range of the original text it came from. */
export interface FoldedWithOffsets {
  text: string;
  sourceStart: Int32Array;
  sourceEnd: Int32Array;
}

export function foldWithOffsets(original: string): FoldedWithOffsets {
  // Nearly every character folds to one unit, so the original's length is almost always enough.
  let starts = new Int32Array(original.length + 1);
  let ends = new Int32Array(original.length + 1);
  let length = 0;
  let folded = '';
  let unchangedFrom = 0;
  for (let index = 0; index < original.length;) {
    const unit = original.charCodeAt(index);
    if (!isSurrogate(unit) && foldsToItself(unit)) {
      if (length === starts.length) [starts, ends] = [grown(starts), grown(ends)];
      starts[length] = index;
      ends[length++] = index + 1;
      index++;
      continue;
    }
    const width = unitWidth(original, index);
    const char = original.slice(index, index + width);
    const result = foldCodePoint(char);
    if (result !== char) {
      folded += original.slice(unchangedFrom, index) + result;
      unchangedFrom = index + width;
    }
    if (result.length === 0 && length > 0) {
      // A stripped mark belongs to the letter before it, so a highlight never splits them.
      ends[length - 1] = index + width;
    }
    while (length + result.length > starts.length) [starts, ends] = [grown(starts), grown(ends)];
    for (let unit = 0; unit < result.length; unit++) {
      starts[length] = index;
      ends[length++] = index + width;
    }
    index += width;
  }
  const text = unchangedFrom === 0 ? original : folded + original.slice(unchangedFrom);
  return { text, sourceStart: starts.subarray(0, length), sourceEnd: ends.subarray(0, length) };
}

function grown(array: Int32Array) {
  const copy = new Int32Array(array.length * 2);
  copy.set(array);
  return copy;
}
