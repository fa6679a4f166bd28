/**
 * The articles whose text is most like one article's: its most telling keys (tf-idf over the
 * index's keys, so CJK characters and pairs count like words) run as one BM25 query. Keys of
 * digits alone (years, amounts, counts) are left out: rare enough to look telling, they are
 * shared by chance and say nothing of what two texts are about.
 */
import { B, forEachPosting, groupOf, inverseFrequency, K1, type Group } from './evaluate';
import { FIELD_SEPARATOR, FIELD_WEIGHTS, fieldsOf } from './fields';
import { visitCjkKeys, type PostingStore } from './postings';
import { scanTokens } from './tokenize';

export interface NeighbourLimits {
  /** Keys of the article to query with, the most telling first. */
  keys: number;
  /** Postings the query may read in all; a key too common to fit is skipped for a rarer one. */
  postings: number;
}

/** Other articles' scores against the article's own score (1 would be as alike as itself). */
export function textNeighbours(store: PostingStore, slug: string, limits: NeighbourLimits): Map<string, number> {
  const neighbours = new Map<string, number>();
  const id = store.idOf(slug);
  if (id === undefined) return neighbours;
  const scores = bm25Scores(store, chosenGroups(store, keyFrequencies(store, id), limits));
  const own = scores.get(id) ?? 0;
  for (const [other, score] of scores) if (other !== id) neighbours.set(store.stored(other).doc.slug, score / own);
  return neighbours;
}

/** The article's keys with their field-weighted frequencies. */
function keyFrequencies(store: PostingStore, id: number): Map<string, number> {
  const stored = store.stored(id);
  const foldedFields = stored.folded.split(FIELD_SEPARATOR);
  const frequencies = new Map<string, number>();
  fieldsOf(stored.doc).forEach((field, order) => {
    const count = (key: string) => frequencies.set(key, (frequencies.get(key) ?? 0) + FIELD_WEIGHTS[field.kind]);
    scanTokens(foldedFields[order], (kind, text) => {
      if (kind === 'cjk') visitCjkKeys(text, count);
      else count(text);
    });
  });
  return frequencies;
}

const DIGITS_ONLY = /^\p{Nd}+$/u;

/** The most telling keys that fit the budget; keys of one article only, or of more than half, tell nothing. */
function chosenGroups(store: PostingStore, frequencies: Map<string, number>, limits: NeighbourLimits): Group[] {
  const ranked = [...frequencies]
    .filter(([key]) => !DIGITS_ONLY.test(key))
    .map(([key, frequency]) => ({ key, group: groupOf(store, [key]), frequency }))
    .filter(({ group }) => group.size > 1 && group.size * 2 <= store.size)
    .map((entry) => ({ ...entry, weight: entry.frequency * inverseFrequency(store, entry.group) }))
    .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1));
  const chosen: Group[] = [];
  let budget = limits.postings;
  for (const { group } of ranked) {
    if (chosen.length === limits.keys) break;
    if (group.size > budget) continue;
    chosen.push(group);
    budget -= group.size;
  }
  return chosen;
}

function bm25Scores(store: PostingStore, groups: readonly Group[]): Map<number, number> {
  const averageLength = store.averageLength;
  const scores = new Map<number, number>();
  for (const group of groups) {
    const idf = inverseFrequency(store, group);
    forEachPosting(group, (other, frequency) => {
      const norm = 1 - B + (B * store.lengthOf(other)) / averageLength;
      scores.set(other, (scores.get(other) ?? 0) + (idf * frequency * (K1 + 1)) / (frequency + K1 * norm));
    });
  }
  return scores;
}
