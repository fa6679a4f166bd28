/**
 * Finds a clause (a term or a phrase) in folded text by walking it, without building a
 * regular expression per query.
 *
 * A query's regular expression had to be compiled for every distinct query, and the
 * Unicode classes a word boundary needs made each phrase word cost about a millisecond to
 * compile (a 32-word query: 33 ms before reading any text). This walk costs nothing up
 * front and reads the text once per occurrence of the clause's first word.
 *
 * What matches:
 * - a `word` token: the same letters, not inside a longer word of a script written with spaces;
 * - a `prefix` token: a word starting with those letters (the match runs to the word's end);
 * - a `cjk` or `segmented` token: the same characters anywhere, as those scripts have no spaces;
 * - between the tokens of a phrase: anything but letters, digits, marks and the separator of
 *   stored fields, so `node.js` matches `node js` and `Node.JS` but never across two fields.
 */
import { FIELD_SEPARATOR } from './fields';
import type { QueryClause, QueryToken } from './query';
import type { TextRange } from './snippet';
import { unitWidth } from './code-points';
import { isLetterAt, isSpacedWordAt, isSpacedWordBefore } from './tokenize';

/** Whether `clause` occurs in `text`. */
export function containsClause(clause: QueryClause, text: string): boolean {
  return nextClauseMatch(clause, text, 0) !== null;
}

/**
 * Appends every occurrence of `clause` in `text` to `ranges`, leftmost first and never
 * overlapping (a search resumes where a match ends); returns how many there were.
 */
export function collectClauseMatches(clause: QueryClause, text: string, ranges: TextRange[]): number {
  let count = 0;
  for (let match = nextClauseMatch(clause, text, 0); match !== null; match = nextClauseMatch(clause, text, match[1])) {
    ranges.push(match);
    count++;
  }
  return count;
}

/** The leftmost occurrence of `clause` at or after `from`. */
function nextClauseMatch(clause: QueryClause, text: string, from: number): TextRange | null {
  const [first] = clause.tokens;
  for (let start = text.indexOf(first.text, from); start >= 0; start = text.indexOf(first.text, start + 1)) {
    const end = clauseEndAt(clause.tokens, text, start, true);
    if (end >= 0) return [start, end];
  }
  return null;
}

/**
 * Where the tokens, matched in order from `start`, end; -1 when they do not match there.
 * `firstFound`: the first token's text is known to be at `start`.
 */
function clauseEndAt(tokens: readonly QueryToken[], text: string, start: number, firstFound: boolean): number {
  let position = tokenEndAt(tokens[0], text, start, firstFound);
  for (let index = 1; index < tokens.length && position >= 0; index++) {
    position = tokenEndAt(tokens[index], text, skipGap(text, position), false);
  }
  return position;
}

function tokenEndAt(token: QueryToken, text: string, start: number, found: boolean): number {
  if (!found && !text.startsWith(token.text, start)) return -1;
  const end = start + token.text.length;
  switch (token.kind) {
    case 'word':
      return isSpacedWordBefore(text, start) || isSpacedWordAt(text, end) ? -1 : end;
    case 'prefix':
      return isSpacedWordBefore(text, start) ? -1 : skipWordRest(text, end);
    default:
      return end;
  }
}

function skipWordRest(text: string, start: number): number {
  let position = start;
  while (isSpacedWordAt(text, position)) position += unitWidth(text, position);
  return position;
}

/** Past the characters that may stand between the words of a phrase. */
function skipGap(text: string, start: number): number {
  let position = start;
  while (position < text.length && text[position] !== FIELD_SEPARATOR && !isLetterAt(text, position)) {
    position += unitWidth(text, position);
  }
  return position;
}
