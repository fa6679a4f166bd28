/**
 * Posting storage: per key, the articles holding it and how often (field-weighted), plus what
 * the index keeps of each article.
 *
 * Memory: one posting (a number) per distinct key per article, the folded text of each
 * article (about the size of its plain text; it verifies phrases and CJK runs, and lets a
 * removal find the article's keys again), and the caller's `SearchDocument` (its original
 * text, for highlights).
 *
 * Versions: `withChanges` returns a new store and leaves this one answering exactly as
 * before. The new store shares every posting list it does not touch; a touched list is
 * copied once, on its first change. The cost of a change is the length of the touched lists
 * plus a shallow copy of the key map.
 */
import type { SearchDocument } from './article-document';
import { FIELD_SEPARATOR, FIELD_WEIGHTS, fieldsOf } from './fields';
import { foldText } from './fold';
import { CjkKeyCounter } from './terms';
import { codePointLength } from './code-points';
import { scanTokens } from './tokenize';

/** A posting packs the article id and the weighted frequency into one small integer. */
const FREQUENCY_SPAN = 4096;

export interface StoredDocument {
  doc: SearchDocument;
  /** The folded fields, in `fieldsOf` order, joined by `FIELD_SEPARATOR`. */
  folded: string;
  /** Weighted number of words (CJK: characters). */
  length: number;
  /** The date as a number, undated last. */
  time: number;
}

/** One counter serves every store: an article is counted and posted in one synchronous step. */
const cjkKeyCounter = new CjkKeyCounter();

export class PostingStore {
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
  /** Keys whose posting list this store alone holds and may change in place; null for every key. */
  private ownedKeys: Set<string> | null = null;

  /** Number of articles. */
  get size(): number {
    return this.idsBySlug.size;
  }

  /** One more than the largest article id: the length of arrays indexed by id. */
  get idSpan(): number {
    return this.docs.length;
  }

  get averageLength(): number {
    return this.totalLength / Math.max(1, this.size);
  }

  /** The packed postings of `key`, empty when no article holds it. */
  postingsOf(key: string): ArrayLike<number> {
    return this.postings.get(key) ?? [];
  }

  /** The article stored under `id`, which must be one a posting or `idOf` gave. */
  stored(id: number): StoredDocument {
    const stored = this.docs[id];
    if (stored === undefined) throw new Error(`No article is stored under id ${id}.`);
    return stored;
  }

  lengthOf(id: number): number {
    return this.lengths[id];
  }

  idOf(slug: string): number | undefined {
    return this.idsBySlug.get(slug);
  }

  /** A new store with the changes applied; this one is left as it was. */
  withChanges(upserts: Iterable<SearchDocument>, removedSlugs: Iterable<string>): PostingStore {
    const next = new PostingStore();
    next.postings = new Map(this.postings);
    next.docs = this.docs.slice();
    next.lengths = this.lengths.slice();
    next.idsBySlug = new Map(this.idsBySlug);
    next.freeIds = this.freeIds.slice();
    next.totalLength = this.totalLength;
    next.vocabulary = this.vocabulary;
    next.unsortedVocabulary = this.unsortedVocabulary.slice();
    next.ownedKeys = new Set();
    // From now on both stores share the lists: neither may change one in place.
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
          length +=
            weight *
            (counted >= 0
              ? counted
              : visitCjkKeys(text, (key) => {
                  this.count(key, id, weight, false);
                }));
        } else {
          this.count(text, id, weight, kind === 'word');
          length += weight;
        }
      });
    }
    cjkKeyCounter.drain((key, weight) => {
      this.count(key, id, weight, false);
    });
    this.docs[id] = { doc, folded: foldedFields.join(FIELD_SEPARATOR), length, time: timeOf(doc) };
    this.lengths[id] = length;
    this.idsBySlug.set(doc.slug, id);
    this.totalLength += length;
  }

  remove(slug: string): void {
    const id = this.idsBySlug.get(slug);
    if (id === undefined) return;
    const stored = this.stored(id);
    const keys = new Set<string>();
    scanTokens(stored.folded, (kind, text) => {
      if (kind === 'cjk') visitCjkKeys(text, (key) => keys.add(key));
      else keys.add(text);
    });
    for (const key of keys) this.removePosting(key, id);
    this.docs[id] = undefined;
    this.freeIds.push(id);
    this.idsBySlug.delete(slug);
    this.totalLength -= stored.length;
  }

  /**
   * Stores every posting list in a typed array of its exact length: a third of the memory of a
   * grown array of numbers. A later change copies the list it touches back into an array.
   */
  compact(): void {
    for (const [key, list] of this.postings) if (Array.isArray(list)) this.postings.set(key, Int32Array.from(list));
  }

  /** Indexed spaced words starting with `prefix`. */
  expand(prefix: string): string[] {
    if (this.unsortedVocabulary.length > 0) this.mergeVocabulary();
    const words: string[] = [];
    for (let index = lowerBound(this.vocabulary, prefix); index < this.vocabulary.length; index++) {
      const word = this.vocabulary[index];
      if (!word.startsWith(prefix)) break;
      if (this.postings.has(word)) words.push(word);
    }
    return words;
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
    const frequency = list[last] - base;
    if (frequency < 0 || frequency >= FREQUENCY_SPAN) list.push(base + Math.min(weight, FREQUENCY_SPAN - 1));
    else list[last] = base + Math.min(frequency + weight, FREQUENCY_SPAN - 1);
  }

  private removePosting(key: string, id: number): void {
    const list = this.writableList(key);
    if (list === undefined) return;
    const position = list.findIndex((posting) => postingId(posting) === id);
    list[position] = list[list.length - 1];
    list.pop();
    if (list.length === 0) this.postings.delete(key);
  }

  /** The posting list of `key`, copied first when another store shares it or it is compacted. */
  private writableList(key: string): number[] | undefined {
    const list = this.postings.get(key);
    if (list === undefined) return undefined;
    if (Array.isArray(list) && (this.ownedKeys === null || this.ownedKeys.has(key))) return list;
    const copy = Array.from(list);
    this.postings.set(key, copy);
    this.ownedKeys?.add(key);
    return copy;
  }

  /** Sorting only the new words keeps a live update from re-sorting the whole vocabulary. */
  private mergeVocabulary(): void {
    const added = this.unsortedVocabulary.sort();
    this.unsortedVocabulary = [];
    const merged: string[] = [];
    let left = 0;
    let right = 0;
    while (left < this.vocabulary.length || right < added.length) {
      const takeLeft = right >= added.length || (left < this.vocabulary.length && this.vocabulary[left] <= added[right]);
      const word = takeLeft ? this.vocabulary[left++] : added[right++];
      if (merged[merged.length - 1] !== word && this.postings.has(word)) merged.push(word);
    }
    this.vocabulary = merged;
  }
}

export function postingId(posting: number): number {
  return Math.floor(posting / FREQUENCY_SPAN);
}

export function postingFrequency(posting: number): number {
  return posting % FREQUENCY_SPAN;
}

/** Visits every character and every adjacent pair of a CJK run; returns the run's length in characters. */
export function visitCjkKeys(run: string, visit: (key: string) => void): number {
  const chars = run.length === codePointLength(run) ? run : Array.from(run);
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index];
    visit(char);
    if (index + 1 < chars.length) visit(char + chars[index + 1]);
  }
  return chars.length;
}

function timeOf(doc: SearchDocument): number {
  const time = doc.date?.getTime() ?? Number.NaN;
  return Number.isNaN(time) ? -Infinity : time;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
