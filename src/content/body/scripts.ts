/**
 * Script classes shared by the text statistics and the excerpt cutter.
 */

/** Scripts read character by character: Han and kana are written without spaces between words. */
const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Scripts without spaces between words, where a cut inside a word still leaves readable
 * text. Hangul is not among them: Korean separates words with spaces.
 */
export const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const UNKNOWN = 0;
const CJK = 1;
const NOT_CJK = 2;
/**
 * `CJK_CHARACTER`'s answer for each BMP code unit, asked on first sight: this runs over every word of
 * every body, where a match per word cost a regular expression run and an array.
 */
const BMP_CLASSES = new Uint8Array(0x10000);

function isCjkUnit(code: number): boolean {
  let found = BMP_CLASSES[code];
  if (found === UNKNOWN) {
    found = CJK_CHARACTER.test(String.fromCharCode(code)) ? CJK : NOT_CJK;
    BMP_CLASSES[code] = found;
  }
  return found === CJK;
}

/** Code points of `text` in the Han, Hiragana and Katakana scripts. */
export function countCjkCharacters(text: string): number {
  let count = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    const next = index + 1 < length ? text.charCodeAt(index + 1) : 0;
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      // Astral code points (Han extensions, mostly) are rare enough to ask the expression each time.
      if (CJK_CHARACTER.test(text.slice(index, index + 2))) count++;
      index++;
    } else if (isCjkUnit(code)) count++;
  }
  return count;
}
