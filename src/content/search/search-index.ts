/**
 * An in-memory full-text index over articles, updated one article at a time.
 *
 * Postings are per article, not per section: a query's terms may match in different
 * sections and the article still matches. Which section matches best is worked out only
 * for the hits a caller asks details for, by scanning that article's stored folded text.
 *
 * Memory: one posting (a number) per distinct key per article, the folded text of each
 * article (about the size of its plain text; it verifies phrases and CJK runs, and lets a
 * removal find the article's keys again), and the caller's `SearchDocument` (its original
 * text, for highlights).
 *
 * Versions: `withChanges` returns a new index and leaves this one answering exactly as
 * before, so a reader holding an index never sees a reload. The new index shares every
 * posting list it does not touch; a touched list is copied once, on its first change. The
 * cost of a change is the length of the touched lists plus a shallow copy of the key map.
 */
import { foldsUnitForUnit, foldText, foldWithOffsets } from './fold';
import { clausePattern, parseQuery, type ParsedQuery, type QueryClause, type QueryToken } from './query';
import { buildSnippet, type Snippet, type TextRange } from './snippet';
import { CjkKeyCounter } from './terms';
import { cjkKeys, codePointLength, scanTokens } from './tokenize';

export interface SearchSection {
  anchor: string;
  heading: string;
  /** The section's plain text, without its heading. */
  text: string;
}

/** One article, its text already plain. */
export interface SearchDocument {
  slug: string;
  title: string;
  date: Date | null;
  /** Plain text before the first section, or null. */
  lead: string | null;
  sections: readonly SearchSection[];
}

export type HighlightField = 'title' | 'lead' | 'heading' | 'section';

export interface SearchHighlight extends Snippet {
  /** `heading` and `section` are a section's heading and its text. */
  field: HighlightField;
  /** The section the excerpt comes from, null for the title and the lead. */
  sectionAnchor: string | null;
}

export interface RankedMatch {
  slug: string;
  score: number;
}

export interface SearchHit extends RankedMatch {
  /** The best-matching section; null when the match is best in the title or the lead. */
  sectionAnchor: string | null;
  /** Up to three excerpts, the best-matching part first. */
  highlights: SearchHighlight[];
}

export interface SearchResults {
  /** Matches in all, before `offset` and `limit`. */
  total: number;
  hits: SearchHit[];
}

export interface SearchOptions {
  /** Only these slugs may match (the result of other filters). */
  candidates?: ReadonlySet<string>;
  /** Hits to skip, for paging. */
  offset?: number;
  /** Hits to describe; 20 unless given. */
  limit?: number;
}

const FIELD_WEIGHTS: Record<HighlightField, number> = { title: 3, heading: 2, lead: 1, section: 1 };
const K1 = 1.2;
const B = 0.75;
/** Factor for an article that contains a CJK run exactly as typed. */
const EXACT_RUN_BOOST = 1.5;
const DEFAULT_LIMIT = 20;
const MAX_HIGHLIGHTS = 3;
/** A posting packs the article id and the weighted frequency into one small integer. */
const FREQUENCY_SPAN = 4096;
/** Between the fields of a stored folded text; folding never produces it. */
const FIELD_SEPARATOR = '\0';

interface StoredDocument {
  doc: SearchDocument;
  /** The folded fields, in `fieldsOf` order, joined by `FIELD_SEPARATOR`. */
  folded: string;
  /** Weighted number of words (CJK: characters). */
  length: number;
  /** The date as a number, undated last. */
  time: number;
}

interface Field {
  kind: HighlightField;
  section: SearchSection | null;
  text: string;
}

function fieldsOf(doc: SearchDocument): Field[] {
  const fields: Field[] = [{ kind: 'title', section: null, text: doc.title }];
  if (doc.lead !== null) fields.push({ kind: 'lead', section: null, text: doc.lead });
  for (const section of doc.sections) {
    fields.push({ kind: 'heading', section, text: section.heading }, { kind: 'section', section, text: section.text });
  }
  return fields;
}

interface ScoredId {
  id: number;
  score: number;
  time: number;
  slug: string;
}

/** Postings of one key or, for a prefix, of all its expansions summed per article. */
interface Group {
  /** Number of articles. */
  size: number;
  /** The packed postings of a single key, read as they are; null for a prefix. */
  postings: ArrayLike<number> | null;
  /** For a prefix: the articles and their summed frequencies. */
  ids: number[];
  frequencies: number[];
}

/** A required clause, ready to run against articles. */
interface CompiledClause {
  groups: Group[];
  /** Needed when the postings alone do not prove the clause: phrases and CJK words of 3+ characters. */
  verify: ((folded: string) => boolean) | null;
  pattern: RegExp;
  /** Sum of the clause's key weights: how much a field containing it counts. */
  weight: number;
}

/** One counter serves every index: an article is counted and posted in one synchronous step. */
const cjkKeyCounter = new CjkKeyCounter();

export class SearchIndex {
  /** Arrays while they are being built, typed arrays of their exact length once `compact` has run. */
  private postings = new Map<string, number[] | Int32Array>();
  private docs: (StoredDocument | undefined)[] = [];
  /** `docs[id].length`, kept apart because scoring reads it for every posting. */
  private lengths: number[] = [];
  private idsBySlug = new Map<string, number>();
  private freeIds: number[] = [];
  private totalLength = 0;
  /** Keys of spaced words, sorted, for prefix search; may hold keys that are gone. Replaced, never changed in place. */
  private vocabulary: string[] = [];
  private unsortedVocabulary: string[] = [];
  /** Keys whose posting list this index alone holds and may change in place; null for every key. */
  private ownedKeys: Set<string> | null = null;

  get size(): number {
    return this.idsBySlug.size;
  }

  /**
   * A new index with `upserts` added (replacing articles with the same slug) and
   * `removedSlugs` removed; this index is left as it was.
   */
  withChanges(upserts: Iterable<SearchDocument>, removedSlugs: Iterable<string>): SearchIndex {
    const next = new SearchIndex();
    next.postings = new Map(this.postings);
    next.docs = this.docs.slice();
    next.lengths = this.lengths.slice();
    next.idsBySlug = new Map(this.idsBySlug);
    next.freeIds = this.freeIds.slice();
    next.totalLength = this.totalLength;
    next.vocabulary = this.vocabulary;
    next.unsortedVocabulary = this.unsortedVocabulary.slice();
    next.ownedKeys = new Set();
    // From now on both indexes share the lists: neither may change one in place.
    this.ownedKeys = new Set();
    for (const slug of removedSlugs) next.remove(slug);
    for (const doc of upserts) next.add(doc);
    return next;
  }

  /** Adds an article, replacing the one with the same slug. */
  add(doc: SearchDocument): void {
    this.remove(doc.slug);
    const id = this.freeIds.pop() ?? this.docs.length;
    const foldedFields: string[] = [];
    let length = 0;
    for (const field of fieldsOf(doc)) {
      const folded = foldText(field.text);
      const weight = FIELD_WEIGHTS[field.kind];
      foldedFields.push(folded);
      scanTokens(folded, (kind, text) => {
        if (kind === 'cjk') {
          const counted = cjkKeyCounter.addRun(text, weight);
          length += weight * (counted >= 0 ? counted : visitCjkKeys(text, (key) => this.count(key, id, weight, false)));
        } else {
          this.count(text, id, weight, kind === 'word');
          length += weight;
        }
      });
    }
    cjkKeyCounter.drain((key, weight) => this.count(key, id, weight, false));
    this.docs[id] = { doc, folded: foldedFields.join(FIELD_SEPARATOR), length, time: timeOf(doc) };
    this.lengths[id] = length;
    this.idsBySlug.set(doc.slug, id);
    this.totalLength += length;
  }

  /**
   * Adds `weight` to the frequency of `key` in article `id`. While an article is added its
   * postings are the last of their lists, so no per-article map of frequencies is needed.
   */
  private count(key: string, id: number, weight: number, isWord: boolean): void {
    const base = id * FREQUENCY_SPAN;
    const list = this.writableList(key);
    if (list === undefined) {
      this.postings.set(key, [base + Math.min(weight, FREQUENCY_SPAN - 1)]);
      this.ownedKeys?.add(key);
      if (isWord) this.unsortedVocabulary.push(key);
      return;
    }
    const last = list.length - 1;
    const frequency = list[last]! - base;
    if (frequency < 0 || frequency >= FREQUENCY_SPAN) list.push(base + Math.min(weight, FREQUENCY_SPAN - 1));
    else list[last] = base + Math.min(frequency + weight, FREQUENCY_SPAN - 1);
  }

  remove(slug: string): void {
    const id = this.idsBySlug.get(slug);
    if (id === undefined) return;
    const stored = this.docs[id]!;
    const keys = new Set<string>();
    scanTokens(stored.folded, (kind, text) => {
      if (kind === 'cjk') visitCjkKeys(text, (key) => keys.add(key));
      else keys.add(text);
    });
    for (const key of keys) {
      const list = this.writableList(key)!;
      const position = list.findIndex((posting) => postingId(posting) === id);
      list[position] = list[list.length - 1]!;
      list.pop();
      if (list.length === 0) this.postings.delete(key);
    }
    this.docs[id] = undefined;
    this.freeIds.push(id);
    this.idsBySlug.delete(slug);
    this.totalLength -= stored.length;
  }

  /** The posting list of `key`, copied first when another index shares it or it is compacted. */
  private writableList(key: string): number[] | undefined {
    const list = this.postings.get(key);
    if (list === undefined) return undefined;
    if (Array.isArray(list) && (this.ownedKeys === null || this.ownedKeys.has(key))) return list;
    const copy = Array.from(list);
    this.postings.set(key, copy);
    this.ownedKeys?.add(key);
    return copy;
  }

  /**
   * Stores every posting list in a typed array of its exact length: a third of the memory of a
   * grown array of numbers. A later change copies the list it touches back into an array.
   */
  compact(): void {
    for (const [key, list] of this.postings) if (Array.isArray(list)) this.postings.set(key, Int32Array.from(list));
  }

  /** Every match, best first, without details: for filtering and ordering by other keys. */
  match(query: ParsedQuery | string, candidates?: ReadonlySet<string>): RankedMatch[] {
    const parsed = toParsed(query);
    const { ids, scores } = this.evaluate(parsed, candidates);
    this.boost(parsed.boosts, ids, scores);
    return this.scored(ids, scores)
      .sort(compareMatches)
      .map(({ slug, score }) => ({ slug, score }));
  }

  /** A page of matches, best first, with the best section and excerpts of each. */
  search(query: ParsedQuery | string, options: SearchOptions = {}): SearchResults {
    const parsed = toParsed(query);
    const { ids, scores, clauses } = this.evaluate(parsed, options.candidates);
    const offset = options.offset ?? 0;
    const count = offset + (options.limit ?? DEFAULT_LIMIT);
    const contenders = this.boostContenders(parsed.boosts, ids, scores, count);
    const page = this.firstInOrder(contenders, scores, count).slice(offset);
    return { total: ids.length, hits: page.map(({ id, score }) => this.describe(this.docs[id]!, score, clauses)) };
  }

  /** The matching articles, with their scores before the exact-run boosts. */
  private evaluate(query: ParsedQuery, candidates: ReadonlySet<string> | undefined) {
    const eligible = this.eligibility(candidates);
    const scores = new Float64Array(this.docs.length);
    const clauses = query.required.map((clause) => this.compile(clause));
    let ids = this.intersect(clauses.flatMap((clause) => clause.groups), eligible, scores);
    for (const clause of clauses) {
      if (clause.verify !== null) ids = ids.filter((id) => clause.verify!(this.docs[id]!.folded));
    }
    for (const excludedClause of query.excluded) {
      const excluded = this.compile(excludedClause);
      const isCandidate = new Uint8Array(this.docs.length);
      for (const id of ids) isCandidate[id] = 1;
      const hits = new Set(this.intersect(excluded.groups, (id) => isCandidate[id] === 1, null));
      ids = ids.filter((id) => !hits.has(id) || (excluded.verify !== null && !excluded.verify(this.docs[id]!.folded)));
    }
    return { ids, scores, clauses };
  }

  private boost(runs: readonly string[], ids: number[], scores: Float64Array): void {
    for (const run of runs) {
      const { ids: maybe, proven } = this.mayContain(run, ids);
      for (const id of maybe) if (proven || this.contains(id, run)) scores[id]! *= EXACT_RUN_BOOST;
    }
  }

  /**
   * Boosts the matches that can be among the first `count` and returns them. A boost only
   * raises a score, so at least `count` matches end at or above the `count`-th best score
   * known so far; a match below it even with every boost it may get cannot make the page, and
   * its text need not be read. Runs the postings prove are applied to all matches first.
   */
  private boostContenders(runs: readonly string[], ids: number[], scores: Float64Array, count: number): number[] {
    const unproven: { run: string; maybe: Uint8Array }[] = [];
    /** Per article, how many unproven runs it may still contain. */
    const open = new Uint8Array(this.docs.length);
    for (const run of runs) {
      const { ids: maybe, proven } = this.mayContain(run, ids);
      if (proven) {
        for (const id of maybe) scores[id]! *= EXACT_RUN_BOOST;
        continue;
      }
      const flags = new Uint8Array(this.docs.length);
      for (const id of maybe) {
        flags[id] = 1;
        open[id]!++;
      }
      unproven.push({ run, maybe: flags });
    }
    if (unproven.length === 0) return ids;
    const ceiling = (id: number) => {
      let score = scores[id]!;
      for (let run = 0; run < open[id]!; run++) score *= EXACT_RUN_BOOST;
      return score;
    };
    const resolve = (id: number) => {
      for (const { run, maybe } of unproven) if (maybe[id] === 1 && this.contains(id, run)) scores[id]! *= EXACT_RUN_BOOST;
      open[id] = 0;
    };
    let threshold = nthLargest(ids.map((id) => scores[id]!), count);
    let waiting = ids.filter((id) => open[id]! > 0 && ceiling(id) >= threshold);
    // The highest ceilings first, in growing batches: ties cannot make this quadratic.
    for (let batch = Math.max(count, 1); waiting.length > 0; batch *= 2) {
      const ceilings = waiting.map(ceiling);
      const lowest = nthLargest(ceilings, batch);
      waiting.forEach((id, index) => {
        if (ceilings[index]! >= lowest) resolve(id);
      });
      threshold = nthLargest(ids.map((id) => scores[id]!), count);
      waiting = waiting.filter((id) => open[id]! > 0 && ceiling(id) >= threshold);
    }
    return ids.filter((id) => open[id] === 0);
  }

  private scored(ids: readonly number[], scores: Float64Array): ScoredId[] {
    return ids.map((id) => this.scoredId(id, scores));
  }

  private scoredId(id: number, scores: Float64Array): ScoredId {
    const stored = this.docs[id]!;
    return { id, score: scores[id]!, time: stored.time, slug: stored.doc.slug };
  }

  /** The first `count` matches in rank order; a page needs no full sort of every match. */
  private firstInOrder(ids: readonly number[], scores: Float64Array, count: number): ScoredId[] {
    if (count === 0) return [];
    if (count >= ids.length / 8) return this.scored(ids, scores).sort(compareMatches).slice(0, count);
    const kept: ScoredId[] = [];
    for (const id of ids) {
      // A lower score ranks after the last kept match whatever the tie-breakers say.
      if (kept.length === count && scores[id]! < kept[count - 1]!.score) continue;
      const match = this.scoredId(id, scores);
      if (kept.length === count && compareMatches(match, kept[count - 1]!) >= 0) continue;
      let low = 0;
      let high = kept.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compareMatches(kept[middle]!, match) <= 0) low = middle + 1;
        else high = middle;
      }
      kept.splice(low, 0, match);
      if (kept.length > count) kept.pop();
    }
    return kept;
  }

  /**
   * Those of `ids` whose folded text may contain `run`, and whether being listed proves it. For
   * a CJK run the postings of its rarest pair rule out most articles without reading their text,
   * and prove a run of two characters.
   */
  private mayContain(run: string, ids: number[]): { ids: number[]; proven: boolean } {
    if (!isCjkRun(run)) return { ids, proven: false };
    const pairs = cjkKeys(run);
    const postingsOf = (key: string) => this.postings.get(key) ?? [];
    const rarest = pairs.reduce((a, b) => (postingsOf(b).length < postingsOf(a).length ? b : a));
    const hasPair = new Uint8Array(this.docs.length);
    for (const posting of postingsOf(rarest)) hasPair[postingId(posting)] = 1;
    return { ids: ids.filter((id) => hasPair[id] === 1), proven: pairs.length === 1 };
  }

  private contains(id: number, run: string): boolean {
    return this.docs[id]!.folded.includes(run);
  }

  private eligibility(candidates: ReadonlySet<string> | undefined): (id: number) => boolean {
    if (candidates === undefined) return () => true;
    const allowed = new Uint8Array(this.docs.length);
    for (const slug of candidates) {
      const id = this.idsBySlug.get(slug);
      if (id !== undefined) allowed[id] = 1;
    }
    return (id) => allowed[id] === 1;
  }

  /**
   * Articles in every group. With `scores`, adds each group's BM25 contribution; the
   * frequencies are already field-weighted, which makes this BM25 over weighted fields.
   */
  private intersect(groups: Group[], eligible: (id: number) => boolean, scores: Float64Array | null): number[] {
    if (groups.length === 0) return [];
    const ordered = [...groups].sort((a, b) => a.size - b.size);
    const stage = new Int32Array(this.docs.length);
    const averageLength = this.totalLength / Math.max(1, this.size);
    ordered.forEach((group, index) => {
      const idf = this.idf(group);
      forEachPosting(group, (id, frequency) => {
        if (stage[id] !== index || (index === 0 && !eligible(id))) return;
        stage[id] = index + 1;
        if (scores === null) return;
        const norm = 1 - B + (B * this.lengths[id]!) / averageLength;
        scores[id]! += (idf * frequency * (K1 + 1)) / (frequency + K1 * norm);
      });
    });
    const inAll: number[] = [];
    forEachPosting(ordered[0]!, (id) => {
      if (stage[id] === ordered.length) inAll.push(id);
    });
    return inAll;
  }

  private compile(clause: QueryClause): CompiledClause {
    const groups: Group[] = [];
    const seen = new Set<string>();
    for (const token of clause.tokens) {
      for (const keys of tokenKeyGroups(token, (prefix) => this.expand(prefix))) {
        const signature = keys.join(' ');
        if (seen.has(signature)) continue;
        seen.add(signature);
        groups.push(this.group(keys));
      }
    }
    const pattern = new RegExp(clausePattern(clause), 'gv');
    const weight = groups.reduce((sum, group) => sum + this.idf(group), 0);
    return { groups, verify: verifierFor(clause, pattern), pattern, weight };
  }

  private idf(group: Group): number {
    return Math.log(1 + (this.size - group.size + 0.5) / (group.size + 0.5));
  }

  private group(keys: string[]): Group {
    if (keys.length === 1) {
      const postings = this.postings.get(keys[0]!) ?? [];
      return { size: postings.length, postings, ids: [], frequencies: [] };
    }
    const summed = new Float64Array(this.docs.length);
    const ids: number[] = [];
    for (const key of keys) {
      for (const posting of this.postings.get(key) ?? []) {
        const id = postingId(posting);
        if (summed[id] === 0) ids.push(id);
        summed[id]! += postingFrequency(posting);
      }
    }
    return { size: ids.length, postings: null, ids, frequencies: ids.map((id) => summed[id]!) };
  }

  /** Indexed spaced words starting with `prefix`. */
  private expand(prefix: string): string[] {
    if (this.unsortedVocabulary.length > 0) this.mergeVocabulary();
    const words: string[] = [];
    for (let index = lowerBound(this.vocabulary, prefix); index < this.vocabulary.length; index++) {
      const word = this.vocabulary[index]!;
      if (!word.startsWith(prefix)) break;
      if (this.postings.has(word)) words.push(word);
    }
    return words;
  }

  /** Sorting only the new words keeps a live update from re-sorting the whole vocabulary. */
  private mergeVocabulary(): void {
    const added = this.unsortedVocabulary.sort();
    this.unsortedVocabulary = [];
    const merged: string[] = [];
    let left = 0;
    let right = 0;
    while (left < this.vocabulary.length || right < added.length) {
      const takeLeft =
        right >= added.length || (left < this.vocabulary.length && this.vocabulary[left]! <= added[right]!);
      const word = takeLeft ? this.vocabulary[left++]! : added[right++]!;
      if (merged[merged.length - 1] !== word && this.postings.has(word)) merged.push(word);
    }
    this.vocabulary = merged;
  }

  private describe(stored: StoredDocument, score: number, clauses: CompiledClause[]): SearchHit {
    const foldedFields = stored.folded.split(FIELD_SEPARATOR);
    const rated = fieldsOf(stored.doc).map((field, order) => rateField(field, order, foldedFields[order]!, clauses));
    const best = bestPlace(rated);
    const inBest = (entry: RatedField) => (entry.field.section ?? entry.field) === best ? 1 : 0;
    const shown = rated
      .filter((entry) => entry.matched !== 0)
      .sort(
        (a, b) =>
          inBest(b) - inBest(a) ||
          bitCount(b.matched) - bitCount(a.matched) ||
          b.weight - a.weight ||
          a.order - b.order,
      )
      .slice(0, MAX_HIGHLIGHTS);
    return {
      slug: stored.doc.slug,
      score,
      sectionAnchor: 'anchor' in best ? best.anchor : null,
      highlights: shown.map(({ field, foldedRanges }) => ({
        field: field.kind,
        sectionAnchor: field.section?.anchor ?? null,
        ...buildSnippet(field.text, matchRanges(field.text, foldedRanges)),
      })),
    };
  }

  /**
   * "More like this" for article `slug`: its keys of highest tf-idf (frequency weighted by field,
   * as indexed), at most `limits.keys` of them, that another article holds too and at most half
   * the articles hold, taken while their posting lists fit in `limits.postings` in all, run as one
   * OR query scored by BM25. Each other article holding a chosen key, with its score divided by the
   * article's own: 1 is as alike as the article is to itself. Empty for an unknown slug. Costs one
   * scan of the article's folded text and at most `limits.postings` postings, whatever the site's size.
   */
  textNeighbours(slug: string, limits: { keys: number; postings: number }): Map<string, number> {
    const neighbours = new Map<string, number>();
    const id = this.idsBySlug.get(slug);
    if (id === undefined) return neighbours;
    const stored = this.docs[id]!;
    const foldedFields = stored.folded.split(FIELD_SEPARATOR);
    const frequencies = new Map<string, number>();
    fieldsOf(stored.doc).forEach((field, order) => {
      const count = (key: string) => frequencies.set(key, (frequencies.get(key) ?? 0) + FIELD_WEIGHTS[field.kind]);
      scanTokens(foldedFields[order]!, (kind, text) => (kind === 'cjk' ? visitCjkKeys(text, count) : count(text)));
    });
    const ranked = [...frequencies]
      .map(([key, frequency]) => ({ key, group: this.group([key]), frequency }))
      .filter(({ group }) => group.size > 1 && group.size * 2 <= this.size)
      .map((entry) => ({ ...entry, weight: entry.frequency * this.idf(entry.group) }))
      .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1));
    const chosen: Group[] = [];
    let budget = limits.postings;
    for (const { group } of ranked) {
      if (chosen.length === limits.keys) break;
      if (group.size > budget) continue;
      chosen.push(group);
      budget -= group.size;
    }
    const averageLength = this.totalLength / Math.max(1, this.size);
    const scores = new Map<number, number>();
    for (const group of chosen) {
      const idf = this.idf(group);
      forEachPosting(group, (other, frequency) => {
        const norm = 1 - B + (B * this.lengths[other]!) / averageLength;
        scores.set(other, (scores.get(other) ?? 0) + (idf * frequency * (K1 + 1)) / (frequency + K1 * norm));
      });
    }
    const own = scores.get(id) ?? 0;
    for (const [other, score] of scores) if (other !== id) neighbours.set(this.docs[other]!.doc.slug, score / own);
    return neighbours;
  }
}

interface RatedField {
  field: Field;
  order: number;
  /** Bit i set when clause i matches in the field. */
  matched: number;
  weight: number;
  /** Where the clauses match in the folded text, kept for the excerpt. */
  foldedRanges: TextRange[];
}

function rateField(field: Field, order: number, folded: string, clauses: CompiledClause[]): RatedField {
  let matched = 0;
  let weight = 0;
  const foldedRanges: TextRange[] = [];
  clauses.forEach((clause, index) => {
    const count = collectMatches(clause.pattern, folded, foldedRanges);
    if (count > 0) matched |= 1 << index;
    weight += count * clause.weight * FIELD_WEIGHTS[field.kind];
  });
  return { field, order, matched, weight, foldedRanges };
}

/**
 * The title, the lead or a section (its heading and text together) where the query matches
 * best: most clauses first, then the most weight, then the earliest.
 */
function bestPlace(rated: RatedField[]): Field | SearchSection {
  const places = new Map<Field | SearchSection, { matched: number; weight: number; order: number }>();
  for (const { field, order, matched, weight } of rated) {
    const key = field.section ?? field;
    const place = places.get(key);
    if (place === undefined) places.set(key, { matched, weight, order });
    else {
      place.matched |= matched;
      place.weight += weight;
    }
  }
  const [best] = [...places].sort(
    ([, a], [, b]) => bitCount(b.matched) - bitCount(a.matched) || b.weight - a.weight || a.order - b.order,
  );
  return best![0];
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** Best score first; equal scores newer first, undated last, then by slug, so the order is total. */
function compareMatches(a: ScoredId, b: ScoredId): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.time !== b.time) return b.time - a.time;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** The `n`-th largest of `values`, -Infinity when there are fewer; Infinity for the 0th. */
function nthLargest(values: readonly number[], n: number): number {
  if (n === 0) return Infinity;
  if (n > values.length) return -Infinity;
  // Keeping the largest in order costs n per insertion: fine for a page, not for a big batch.
  if (n > 64) return Float64Array.from(values).sort()[values.length - n]!;
  const largest = new Float64Array(n).fill(-Infinity);
  for (const value of values) {
    if (value <= largest[n - 1]!) continue;
    let position = n - 1;
    while (position > 0 && largest[position - 1]! < value) {
      largest[position] = largest[position - 1]!;
      position--;
    }
    largest[position] = value;
  }
  return largest[n - 1]!;
}

function timeOf(doc: SearchDocument): number {
  const time = doc.date?.getTime() ?? Number.NaN;
  return Number.isNaN(time) ? -Infinity : time;
}

function toParsed(query: ParsedQuery | string): ParsedQuery {
  return typeof query === 'string' ? parseQuery(query) : query;
}

function postingId(posting: number): number {
  return Math.floor(posting / FREQUENCY_SPAN);
}

function postingFrequency(posting: number): number {
  return posting % FREQUENCY_SPAN;
}

function forEachPosting(group: Group, visit: (id: number, frequency: number) => void): void {
  const { postings, ids, frequencies } = group;
  if (postings === null) {
    for (let position = 0; position < ids.length; position++) visit(ids[position]!, frequencies[position]!);
    return;
  }
  for (let position = 0; position < postings.length; position++) {
    visit(postingId(postings[position]!), postingFrequency(postings[position]!));
  }
}

/** Visits every character and every adjacent pair of a CJK run; returns the run's length in characters. */
function visitCjkKeys(run: string, visit: (key: string) => void): number {
  const chars = run.length === codePointLength(run) ? run : Array.from(run);
  for (let index = 0; index < chars.length; index++) {
    visit(chars[index]!);
    if (index + 1 < chars.length) visit(chars[index]! + chars[index + 1]!);
  }
  return chars.length;
}

/** A run of two or more CJK characters and nothing else: the index holds each of its pairs. */
function isCjkRun(text: string): boolean {
  let tokens = 0;
  let whole = false;
  scanTokens(text, (kind, token) => {
    tokens++;
    whole = kind === 'cjk' && token === text;
  });
  return tokens === 1 && whole && codePointLength(text) >= 2;
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

function verifierFor(clause: QueryClause, pattern: RegExp): ((folded: string) => boolean) | null {
  if (clause.tokens.length > 1) {
    const single = new RegExp(pattern.source, 'v');
    return (folded) => single.test(folded);
  }
  const token = clause.tokens[0]!;
  if (token.kind === 'cjk' && codePointLength(token.text) >= 3) return (folded) => folded.includes(token.text);
  return null;
}

/** Appends where `pattern` matches in `text` to `ranges`; returns how many matches there were. */
function collectMatches(pattern: RegExp, text: string, ranges: TextRange[]): number {
  pattern.lastIndex = 0;
  let count = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    ranges.push([match.index, match.index + match[0].length]);
    count++;
  }
  return count;
}

/** Matches found in the folded text of `original`, moved to `original` and merged into sorted, disjoint ranges. */
function matchRanges(original: string, foldedRanges: readonly TextRange[]): TextRange[] {
  let ranges: TextRange[];
  if (foldsUnitForUnit(original)) ranges = [...foldedRanges];
  else {
    const { sourceStart, sourceEnd } = foldWithOffsets(original);
    ranges = foldedRanges.map(([start, end]) => [sourceStart[start]!, sourceEnd[end - 1]!]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: TextRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
