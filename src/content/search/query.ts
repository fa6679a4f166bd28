/**
 * The search query language: terms are ANDed, `"quoted phrases"` must occur as written,
 * `-term` and `-"phrase"` exclude, and a trailing `*` searches for a prefix.
 *
 * A piece typed without spaces keeps its shape: Latin words joined by punctuation (`e-mail`,
 * `node.js`) form a phrase. A CJK run (`哈萨克斯坦维和人员`) is split into words by
 * `Intl.Segmenter` and each word is required anywhere in the article, because Chinese is
 * typed without spaces; articles containing the run exactly as typed rank higher.
 */
import { foldText } from './fold';
import { scanTokens, segmentWords, type TokenKind } from './tokenize';

export class SearchQueryError extends Error {
  override readonly name = 'SearchQueryError';
}

export const MAX_QUERY_LENGTH = 256;
export const MAX_QUERY_CLAUSES = 16;
/**
 * Each word of a phrase is one more posting list to intersect and one more step of the walk
 * that verifies the phrase on every candidate's text: bounded so one search stays cheap.
 */
export const MAX_PHRASE_WORDS = 12;
/** Words in all the clauses of a query together, for the same reason. */
export const MAX_QUERY_WORDS = 32;
/** Shorter prefixes would expand to a large part of the vocabulary. */
export const MIN_PREFIX_LENGTH = 2;

export interface QueryToken {
  /** `prefix` is a `word` followed by `*`. */
  kind: TokenKind | 'prefix';
  /** Folded text. */
  text: string;
}

/** Tokens that must occur next to each other, in order; a single token is a plain term. */
export interface QueryClause {
  readonly tokens: readonly QueryToken[];
}

export interface ParsedQuery {
  /** Every clause must match somewhere in the article (title, lead or any section). */
  readonly required: readonly QueryClause[];
  /** An article matching any of these is left out. */
  readonly excluded: readonly QueryClause[];
  /** Folded CJK runs that were split into words: an article containing one as typed ranks higher. */
  readonly boosts: readonly string[];
}

const QUOTE = /["“”]/;
const SPACE = /\s/;

interface Piece {
  text: string;
  negated: boolean;
  quoted: boolean;
}

export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new SearchQueryError(`The query is longer than ${MAX_QUERY_LENGTH} characters.`);
  }
  const required = new Map<string, QueryClause>();
  const excluded = new Map<string, QueryClause>();
  const boosts = new Set<string>();
  for (const piece of splitPieces(foldText(input))) {
    const tokens = pieceTokens(piece);
    if (tokens.length === 0) continue;
    if (piece.negated) addClause(excluded, tokens);
    else if (piece.quoted) addClause(required, tokens);
    else addLooseClauses(tokens, required, boosts);
  }
  if (required.size === 0) {
    throw new SearchQueryError(
      excluded.size > 0
        ? 'The query only excludes (-term); add at least one term to search for.'
        : 'The query has nothing to search for: it is empty or only punctuation.',
    );
  }
  if (required.size + excluded.size > MAX_QUERY_CLAUSES) {
    throw new SearchQueryError(`The query has more than ${MAX_QUERY_CLAUSES} terms and phrases.`);
  }
  checkWordCounts([...required.values(), ...excluded.values()]);
  return { required: [...required.values()], excluded: [...excluded.values()], boosts: [...boosts] };
}

function checkWordCounts(clauses: readonly QueryClause[]): void {
  let words = 0;
  for (const { tokens } of clauses) {
    if (tokens.length > MAX_PHRASE_WORDS) {
      throw new SearchQueryError(`A phrase of the query has ${tokens.length} words; at most ${MAX_PHRASE_WORDS} are searched for.`);
    }
    words += tokens.length;
  }
  if (words > MAX_QUERY_WORDS) {
    throw new SearchQueryError(`The query has ${words} words in its terms and phrases; at most ${MAX_QUERY_WORDS} are searched for.`);
  }
}

function splitPieces(query: string): Piece[] {
  const pieces: Piece[] = [];
  let index = 0;
  while (index < query.length) {
    if (SPACE.test(query[index])) {
      index++;
      continue;
    }
    const negated = query[index] === '-' && index + 1 < query.length && !SPACE.test(query[index + 1]);
    if (negated) index++;
    if (QUOTE.test(query[index])) {
      // An unclosed quote runs to the end: the user plainly meant a phrase.
      const close = query.slice(index + 1).search(QUOTE);
      const end = close < 0 ? query.length : index + 1 + close;
      pieces.push({ text: query.slice(index + 1, end), negated, quoted: true });
      index = end + 1;
    } else {
      let end = index;
      while (end < query.length && !SPACE.test(query[end]) && !QUOTE.test(query[end])) end++;
      pieces.push({ text: query.slice(index, end), negated, quoted: false });
      index = end;
    }
  }
  return pieces;
}

function pieceTokens(piece: Piece): QueryToken[] {
  const tokens: QueryToken[] = [];
  let lastEnd = 0;
  scanTokens(piece.text, (kind, text, start) => {
    tokens.push({ kind, text });
    lastEnd = start + text.length;
  });
  const last = tokens.at(-1);
  const isPrefix = !piece.quoted && piece.text.endsWith('*') && lastEnd === piece.text.length - 1;
  if (last !== undefined && isPrefix && last.kind === 'word') {
    if (last.text.length < MIN_PREFIX_LENGTH) {
      throw new SearchQueryError(
        `The prefix "${last.text}*" is too short: a prefix search needs at least ${MIN_PREFIX_LENGTH} characters.`,
      );
    }
    last.kind = 'prefix';
  }
  return tokens;
}

/** Spaced words joined by punctuation stay a phrase; CJK runs become separate words. */
function addLooseClauses(tokens: QueryToken[], required: Map<string, QueryClause>, boosts: Set<string>): void {
  let phrase: QueryToken[] = [];
  const flushPhrase = () => {
    if (phrase.length > 0) addClause(required, phrase);
    phrase = [];
  };
  for (const token of tokens) {
    if (token.kind === 'word' || token.kind === 'prefix') {
      phrase.push(token);
      continue;
    }
    flushPhrase();
    const words = token.kind === 'cjk' ? segmentWords(token.text) : [token.text];
    for (const word of words) addClause(required, [{ kind: token.kind, text: word }]);
    if (words.length > 1) boosts.add(token.text);
  }
  flushPhrase();
}

function addClause(clauses: Map<string, QueryClause>, tokens: QueryToken[]): void {
  const key = tokens.map((token) => `${token.kind}:${token.text}`).join(' ');
  if (!clauses.has(key)) clauses.set(key, { tokens });
}
