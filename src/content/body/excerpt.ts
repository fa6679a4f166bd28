import { UNSPACED_SCRIPT } from './scripts';
import { wordSegments } from './segments';

const WORD_SEGMENTER = new Intl.Segmenter('en', { granularity: 'word' });
const GRAPHEME_SEGMENTER = new Intl.Segmenter('en', { granularity: 'grapheme' });
const ELLIPSIS = '…';
/**
 * Longest excerpt, whatever is asked: an excerpt is a summary, and a longer one made every alias of
 * a field cost a segmentation of the whole text. The whole text has its own field.
 */
export const MAX_EXCERPT_LENGTH = 1000;
/** Separators that look wrong right before an ellipsis. */
const TRAILING_SEPARATORS = /[\s,;:、，；：]+$/u;

/**
 * The first `length` characters (grapheme clusters) of `text` on one line. A cut falls
 * between words in spaced scripts and between characters in Han, kana, Thai and the like;
 * a single word longer than `length` is cut inside, so a non-empty text never gives an
 * empty excerpt. A cut text ends with "…".
 */
export function makeExcerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const limit = Math.max(1, Math.floor(length));
  if (flat.length <= limit) return flat;

  let kept = '';
  let keptLength = 0;
  for (const { segment } of wordSegments(WORD_SEGMENTER, flat)) {
    const graphemes = segmentGraphemes(segment);
    if (keptLength + graphemes.length <= limit) {
      kept += segment;
      keptLength += graphemes.length;
      continue;
    }
    if (kept.trim() === '' || UNSPACED_SCRIPT.test(segment)) {
      kept += graphemes.slice(0, limit - keptLength).join('');
    }
    const trimmed = kept.replace(TRAILING_SEPARATORS, '');
    return (trimmed === '' ? kept.trim() : trimmed) + ELLIPSIS;
  }
  return flat;
}

function segmentGraphemes(segment: string): string[] {
  if (segment.length === 1) return [segment];
  return Array.from(GRAPHEME_SEGMENTER.segment(segment), ({ segment: grapheme }) => grapheme);
}
