/**
 * Which articles match a query, and their BM25 scores: posting lists intersected, phrases
 * and long CJK words verified on the stored text, exclusions removed.
 */
import { containsClause } from './clause-match';
import { postingFrequency, postingId, type PostingStore } from './postings';
import type { ParsedQuery, QueryClause, QueryToken } from './query';
import { codePointLength } from './code-points';
import { cjkKeys } from './tokenize';

export const K1 = 1.2;
export const B = 0.75;

/** Postings of one key or, for a prefix, of all its expansions summed per article. */
export interface Group {
  /** Number of articles. */
  size: number;
  /** The packed postings of a single key, read as they are; null for a prefix. */
  postings: ArrayLike<number> | null;
  /** For a prefix: the articles and their summed frequencies. */
  ids: number[];
  frequencies: number[];
}

/** A clause, ready to run against articles. */
export interface CompiledClause {
  clause: QueryClause;
  groups: Group[];
  /** Needed when the postings alone do not prove the clause: phrases and CJK words of 3+ characters. */
  verify: ((folded: string) => boolean) | null;
  /** Sum of the clause's key weights: how much a field containing it counts. */
  weight: number;
}

export interface Evaluation {
  /** The matching article ids. */
  ids: number[];
  /** Indexed by article id. */
  scores: Float64Array;
  /** The required clauses, for highlights. */
  clauses: CompiledClause[];
}

/** The matching articles, with their scores before the exact-run boosts. */
export function evaluate(store: PostingStore, query: ParsedQuery, eligible: (id: number) => boolean): Evaluation {
  const scores = new Float64Array(store.idSpan);
  const clauses = query.required.map((clause) => compileClause(store, clause));
  let ids = intersect(
    store,
    clauses.flatMap((clause) => clause.groups),
    eligible,
    scores,
  );
  for (const { verify } of clauses) {
    if (verify !== null) ids = ids.filter((id) => verify(store.stored(id).folded));
  }
  for (const excludedClause of query.excluded) ids = withoutExcluded(store, ids, compileClause(store, excludedClause));
  return { ids, scores, clauses };
}

function withoutExcluded(store: PostingStore, ids: number[], excluded: CompiledClause): number[] {
  const isCandidate = new Uint8Array(store.idSpan);
  for (const id of ids) isCandidate[id] = 1;
  const hits = new Set(intersect(store, excluded.groups, (id) => isCandidate[id] === 1, null));
  const { verify } = excluded;
  return ids.filter((id) => !hits.has(id) || (verify !== null && !verify(store.stored(id).folded)));
}

/**
 * Articles in every group. With `scores`, adds each group's BM25 contribution; the
 * frequencies are already field-weighted, which makes this BM25 over weighted fields.
 * Walks the postings by position rather than through `forEachPosting`: this loop runs for
 * every posting of every term of every search, and a callback per posting was a third of it.
 */
function intersect(store: PostingStore, groups: Group[], eligible: (id: number) => boolean, scores: Float64Array | null): number[] {
  if (groups.length === 0) return [];
  const ordered = [...groups].sort((a, b) => a.size - b.size);
  const stage = new Int32Array(store.idSpan);
  const averageLength = store.averageLength;
  ordered.forEach((group, index) => {
    const idf = inverseFrequency(store, group);
    for (let position = 0; position < group.size; position++) {
      const id = idAt(group, position);
      if (stage[id] !== index || (index === 0 && !eligible(id))) continue;
      stage[id] = index + 1;
      if (scores === null) continue;
      const frequency = frequencyAt(group, position);
      const norm = 1 - B + (B * store.lengthOf(id)) / averageLength;
      scores[id] += (idf * frequency * (K1 + 1)) / (frequency + K1 * norm);
    }
  });
  const inAll: number[] = [];
  const [rarest] = ordered;
  for (let position = 0; position < rarest.size; position++) {
    const id = idAt(rarest, position);
    if (stage[id] === ordered.length) inAll.push(id);
  }
  return inAll;
}

function idAt({ postings, ids }: Group, position: number): number {
  return postings === null ? ids[position] : postingId(postings[position]);
}

function frequencyAt({ postings, frequencies }: Group, position: number): number {
  return postings === null ? frequencies[position] : postingFrequency(postings[position]);
}

function compileClause(store: PostingStore, clause: QueryClause): CompiledClause {
  const groups: Group[] = [];
  const seen = new Set<string>();
  for (const token of clause.tokens) {
    for (const keys of tokenKeyGroups(token, (prefix) => store.expand(prefix))) {
      const signature = keys.join(' ');
      if (seen.has(signature)) continue;
      seen.add(signature);
      groups.push(groupOf(store, keys));
    }
  }
  const weight = groups.reduce((sum, group) => sum + inverseFrequency(store, group), 0);
  return { clause, groups, verify: verifierFor(clause), weight };
}

export function inverseFrequency(store: PostingStore, group: Group): number {
  return Math.log(1 + (store.size - group.size + 0.5) / (group.size + 0.5));
}

export function groupOf(store: PostingStore, keys: string[]): Group {
  if (keys.length === 1) {
    const postings = store.postingsOf(keys[0]);
    return { size: postings.length, postings, ids: [], frequencies: [] };
  }
  const summed = new Float64Array(store.idSpan);
  const ids: number[] = [];
  for (const key of keys) {
    const postings = store.postingsOf(key);
    for (let position = 0; position < postings.length; position++) {
      const id = postingId(postings[position]);
      if (summed[id] === 0) ids.push(id);
      summed[id] += postingFrequency(postings[position]);
    }
  }
  return { size: ids.length, postings: null, ids, frequencies: ids.map((id) => summed[id]) };
}

export function forEachPosting(group: Group, visit: (id: number, frequency: number) => void): void {
  const { postings, ids, frequencies } = group;
  if (postings === null) {
    for (let position = 0; position < ids.length; position++) visit(ids[position], frequencies[position]);
    return;
  }
  for (let position = 0; position < postings.length; position++) {
    visit(postingId(postings[position]), postingFrequency(postings[position]));
  }
}

/** The index keys a token needs, as groups: all groups must match, any key of a group will do. */
function tokenKeyGroups(token: QueryToken, expand: (prefix: string) => string[]): string[][] {
  switch (token.kind) {
    case 'prefix':
      return [expand(token.text)];
    case 'cjk':
      return cjkKeys(token.text).map((key) => [key]);
    default:
      return [[token.text]];
  }
}

function verifierFor(clause: QueryClause): ((folded: string) => boolean) | null {
  if (clause.tokens.length > 1) return (folded) => containsClause(clause, folded);
  const [token] = clause.tokens;
  if (token.kind === 'cjk' && codePointLength(token.text) >= 3) return (folded) => folded.includes(token.text);
  return null;
}
