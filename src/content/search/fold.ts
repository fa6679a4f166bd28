/**
 * Folding makes text and queries comparable: compatibility forms (full-width, ligatures,
 * circled digits) become plain ones, case goes, and Latin diacritics are stripped.
 *
 * Folding works one code point at a time, so the folded text can be mapped back to the
 * original for highlights; `foldText` and `foldWithOffsets` both use `foldCodePoint`, which
 * guarantees they produce the same string.
 */

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
const CHANGED = 2;
/** Per BMP code unit: does folding change it? Filled in as characters are met. */
const bmpFoldKind = new Uint8Array(0x10000);

function foldsToItself(bmpUnit: number): boolean {
  let kind = bmpFoldKind[bmpUnit]!;
  if (kind === UNKNOWN) {
    const char = String.fromCharCode(bmpUnit);
    kind = bmpFoldKind[bmpUnit] = foldCodePoint(char) === char ? UNCHANGED : CHANGED;
  }
  return kind === UNCHANGED;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

export function foldText(text: string): string {
  let result = '';
  let unchangedFrom = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    let char: string;
    if (isSurrogate(unit)) {
      const width = text.codePointAt(index)! > 0xffff ? 2 : 1;
      char = text.slice(index, index + width);
      if (foldCodePoint(char) === char) {
        index += width - 1;
        continue;
      }
    } else {
      if (foldsToItself(unit)) continue;
      char = text[index]!;
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
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let index = 0; index < original.length; ) {
    const unit = original.charCodeAt(index);
    const width = original.codePointAt(index)! > 0xffff ? 2 : 1;
    const char = original.slice(index, index + width);
    const result = !isSurrogate(unit) && foldsToItself(unit) ? char : foldCodePoint(char);
    if (result.length === 0 && ends.length > 0) {
      // A stripped mark belongs to the letter before it, so a highlight never splits them.
      ends[ends.length - 1] = index + width;
    }
    for (let unit = 0; unit < result.length; unit++) {
      starts.push(index);
      ends.push(index + width);
    }
    parts.push(result);
    index += width;
  }
  return { text: parts.join(''), sourceStart: Int32Array.from(starts), sourceEnd: Int32Array.from(ends) };
}
