import type { TextStats } from '../parsed-post';
import { countCjkCharacters } from './scripts';
import { wordSegments } from './segments';

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
  let wordCount = 0;
  let cjkCharacters = 0;
  let otherWords = 0;
  for (const { segment, isWordLike } of wordSegments(WORD_SEGMENTER, text)) {
    if (!isWordLike) continue;
    wordCount++;
    const cjk = countCjkCharacters(segment);
    if (cjk > 0) cjkCharacters += cjk;
    else otherWords++;
  }
  const characterCount = countNonWhitespace(text);
  const minutes = cjkCharacters / CJK_CHARACTERS_PER_MINUTE + otherWords / WORDS_PER_MINUTE;
  return {
    wordCount,
    characterCount,
    readingTimeMinutes: characterCount === 0 ? 0 : Math.max(1, Math.ceil(minutes)),
  };
}

function countNonWhitespace(text: string): number {
  const compact = text.replace(WHITESPACE, '');
  return compact.length - (compact.match(SURROGATE_PAIRS)?.length ?? 0);
}
