import type { TextStats } from '../parsed-post';
import { visitWords } from './segments';

/**
 * A fixed locale keeps counts independent of the host's default locale. ICU segments Han,
 * kana and Thai with its dictionaries whatever the locale, so nothing is lost for CJK.
 */
const WORD_SEGMENTER = new Intl.Segmenter('en', { granularity: 'word' });
const CJK_CHARACTERS_PER_MINUTE = 300;
const WORDS_PER_MINUTE = 220;
const WHITESPACE = /\s+/g;
const SURROGATE_PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * Counts for a text. Words are `Intl.Segmenter` word-like segments; characters are code
 * points that are not whitespace. Reading time reads Han and kana by the character and
 * everything else (Hangul included, whose words are spaced) by the word.
 */
export function textStats(text: string): TextStats {
  return textStatsWithSpans(text, []).stats;
}

/**
 * {@link textStats}, and the word count of each span of `text` from one of `spanStarts` (ascending
 * UTF-16 offsets) to the next or the end, from the same segmentation: segmenting each span again
 * doubled the cost of a body with sections. A span that starts at a line break, as each section does
 * (its heading is a block), counts what `textStats` counts of it alone, since a word never runs across
 * a line break.
 */
export function textStatsWithSpans(text: string, spanStarts: readonly number[]): { stats: TextStats; spanWordCounts: number[] } {
  const spanWordCounts = spanStarts.map(() => 0);
  let span = -1;
  let wordCount = 0;
  let cjkCharacters = 0;
  let otherWords = 0;
  visitWords(WORD_SEGMENTER, text, (index, cjk) => {
    while (span + 1 < spanStarts.length && spanStarts[span + 1] <= index) span++;
    if (span >= 0) spanWordCounts[span]++;
    wordCount++;
    if (cjk > 0) cjkCharacters += cjk;
    else otherWords++;
  });
  const characterCount = countNonWhitespace(text);
  const minutes = cjkCharacters / CJK_CHARACTERS_PER_MINUTE + otherWords / WORDS_PER_MINUTE;
  return {
    stats: { wordCount, characterCount, readingTimeMinutes: characterCount === 0 ? 0 : Math.max(1, Math.ceil(minutes)) },
    spanWordCounts,
  };
}

function countNonWhitespace(text: string): number {
  const compact = text.replace(WHITESPACE, '');
  return compact.length - (compact.match(SURROGATE_PAIRS)?.length ?? 0);
}
