/**
 * Script classes shared by the text statistics and the excerpt cutter.
 */

/** Scripts read character by character: Han and kana are written without spaces between words. */
const CJK_CHARACTERS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/**
 * Scripts without spaces between words, where a cut inside a word still leaves readable
 * text. Hangul is not among them: Korean separates words with spaces.
 */
export const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

export function countCjkCharacters(text: string): number {
  return text.match(CJK_CHARACTERS)?.length ?? 0;
}
