/**
 * Order of matches: BM25 score, raised for articles holding a CJK run exactly as typed, then
 * newer first and by slug; and the first page of that order without sorting every match.
 */
import { postingId, type PostingStore } from './postings';
import { codePointLength } from './code-points';
import { cjkKeys, scanTokens, type TokenKind } from './tokenize';

/** Factor for an article that contains a CJK run exactly as typed. */
const EXACT_RUN_BOOST = 1.5;

export interface ScoredId {
  id: number;
  score: number;
  time: number;
  slug: string;
}

/** Best score first; equal scores newer first, undated last, then by slug, so the order is total. */
export function compareMatches(a: ScoredId, b: ScoredId): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.time !== b.time) return b.time - a.time;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

export function scoredIds(store: PostingStore, ids: readonly number[], scores: Float64Array): ScoredId[] {
  return ids.map((id) => scoredId(store, id, scores));
}

function scoredId(store: PostingStore, id: number, scores: Float64Array): ScoredId {
  const stored = store.stored(id);
  return { id, score: scores[id], time: stored.time, slug: stored.doc.slug };
}

/** Applies every exact-run boost to every match. */
export function boostAll(store: PostingStore, runs: readonly string[], ids: number[], scores: Float64Array): void {
  for (const run of runs) {
    const { ids: maybe, proven } = mayContain(store, run, ids);
    for (const id of maybe) if (proven || contains(store, id, run)) scores[id] *= EXACT_RUN_BOOST;
  }
}

/**
 * Boosts the matches that can be among the first `count` and returns them. A boost only
 * raises a score, so at least `count` matches end at or above the `count`-th best score
 * known so far; a match below it even with every boost it may get cannot make the page, and
 * its text need not be read. Runs the postings prove are applied to all matches first.
 */
export function boostContenders(
  store: PostingStore,
  runs: readonly string[],
  ids: number[],
  scores: Float64Array,
  count: number,
): number[] {
  const unproven: { run: string; maybe: Uint8Array }[] = [];
  /** Per article, how many unproven runs it may still contain. */
  const open = new Uint8Array(store.idSpan);
  for (const run of runs) {
    const { ids: maybe, proven } = mayContain(store, run, ids);
    if (proven) {
      for (const id of maybe) scores[id] *= EXACT_RUN_BOOST;
      continue;
    }
    const flags = new Uint8Array(store.idSpan);
    for (const id of maybe) {
      flags[id] = 1;
      open[id]++;
    }
    unproven.push({ run, maybe: flags });
  }
  if (unproven.length === 0) return ids;
  const ceiling = (id: number) => {
    let score = scores[id];
    for (let run = 0; run < open[id]; run++) score *= EXACT_RUN_BOOST;
    return score;
  };
  const resolve = (id: number) => {
    for (const { run, maybe } of unproven) if (maybe[id] === 1 && contains(store, id, run)) scores[id] *= EXACT_RUN_BOOST;
    open[id] = 0;
  };
  let threshold = nthLargest(
    ids.map((id) => scores[id]),
    count,
  );
  let waiting = ids.filter((id) => open[id] > 0 && ceiling(id) >= threshold);
  // The highest ceilings first, in growing batches: ties cannot make this quadratic.
  for (let batch = Math.max(count, 1); waiting.length > 0; batch *= 2) {
    const ceilings = waiting.map(ceiling);
    const lowest = nthLargest(ceilings, batch);
    waiting.forEach((id, index) => {
      if (ceilings[index] >= lowest) resolve(id);
    });
    threshold = nthLargest(
      ids.map((id) => scores[id]),
      count,
    );
    waiting = waiting.filter((id) => open[id] > 0 && ceiling(id) >= threshold);
  }
  return ids.filter((id) => open[id] === 0);
}

/** The first `count` matches in rank order; a page needs no full sort of every match. */
export function firstInOrder(store: PostingStore, ids: readonly number[], scores: Float64Array, count: number): ScoredId[] {
  if (count === 0) return [];
  if (count >= ids.length / 8) return scoredIds(store, ids, scores).sort(compareMatches).slice(0, count);
  const kept: ScoredId[] = [];
  for (const id of ids) {
    // A lower score ranks after the last kept match whatever the tie-breakers say.
    if (kept.length === count && scores[id] < kept[count - 1].score) continue;
    const match = scoredId(store, id, scores);
    if (kept.length === count && compareMatches(match, kept[count - 1]) >= 0) continue;
    kept.splice(insertionPoint(kept, match), 0, match);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

function insertionPoint(sorted: readonly ScoredId[], match: ScoredId): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareMatches(sorted[middle], match) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Those of `ids` whose folded text may contain `run`, and whether being listed proves it. For
 * a CJK run the postings of its rarest pair rule out most articles without reading their text,
 * and prove a run of two characters.
 */
function mayContain(store: PostingStore, run: string, ids: number[]): { ids: number[]; proven: boolean } {
  if (!isCjkRun(run)) return { ids, proven: false };
  const pairs = cjkKeys(run);
  const rarest = pairs.reduce((a, b) => (store.postingsOf(b).length < store.postingsOf(a).length ? b : a));
  const hasPair = new Uint8Array(store.idSpan);
  const postings = store.postingsOf(rarest);
  for (let position = 0; position < postings.length; position++) hasPair[postingId(postings[position])] = 1;
  return { ids: ids.filter((id) => hasPair[id] === 1), proven: pairs.length === 1 };
}

function contains(store: PostingStore, id: number, run: string): boolean {
  return store.stored(id).folded.includes(run);
}

/** A run of two or more CJK characters and nothing else: the index holds each of its pairs. */
function isCjkRun(text: string): boolean {
  const tokens: { kind: TokenKind; token: string }[] = [];
  scanTokens(text, (kind, token) => tokens.push({ kind, token }));
  const [only] = tokens;
  return tokens.length === 1 && only.kind === 'cjk' && only.token === text && codePointLength(text) >= 2;
}

/** The `n`-th largest of `values`, -Infinity when there are fewer; Infinity for the 0th. */
function nthLargest(values: readonly number[], n: number): number {
  if (n === 0) return Infinity;
  if (n > values.length) return -Infinity;
  // Keeping the largest in order costs n per insertion: fine for a page, not for a big batch.
  if (n > 64) return Float64Array.from(values).sort()[values.length - n];
  const largest = new Float64Array(n).fill(-Infinity);
  for (const value of values) {
    if (value <= largest[n - 1]) continue;
    let position = n - 1;
    while (position > 0 && largest[position - 1] < value) {
      largest[position] = largest[position - 1];
      position--;
    }
    largest[position] = value;
  }
  return largest[n - 1];
}
