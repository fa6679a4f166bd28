/**
 * An in-memory full-text index over articles, updated one article at a time: a small facade
 * over the posting store (`postings.ts`), the BM25 evaluation (`evaluate.ts`), the ranking
 * (`ranking.ts`) and the highlights (`highlights.ts`).
 *
 * Postings are per article, not per section: a query's terms may match in different
 * sections and the article still matches. Which section matches best is worked out only
 * for the hits a caller asks details for, by scanning that article's stored folded text.
 *
 * Versions: `withChanges` returns a new index and leaves this one answering exactly as
 * before, so a reader holding an index never sees a reload.
 */
import type { SearchDocument } from './article-document';
import { evaluate } from './evaluate';
import { describeHit } from './highlights';
import { PostingStore } from './postings';
import { parseQuery, type ParsedQuery } from './query';
import { boostAll, boostContenders, compareMatches, firstInOrder, scoredIds } from './ranking';
import type { RankedMatch, SearchOptions, SearchResults } from './results';
import { textNeighbours, type NeighbourLimits } from './text-neighbours';

const DEFAULT_LIMIT = 20;

export class SearchIndex {
  constructor(private readonly store = new PostingStore()) {}

  get size(): number {
    return this.store.size;
  }

  /**
   * A new index with `upserts` added (replacing articles with the same slug) and
   * `removedSlugs` removed; this index is left as it was.
   */
  withChanges(upserts: Iterable<SearchDocument>, removedSlugs: Iterable<string>): SearchIndex {
    return new SearchIndex(this.store.withChanges(upserts, removedSlugs));
  }

  /** Adds an article, replacing the one with the same slug. */
  add(doc: SearchDocument): void {
    this.store.add(doc);
  }

  remove(slug: string): void {
    this.store.remove(slug);
  }

  /** Stores the posting lists compactly; a later change copies back what it touches. */
  compact(): void {
    this.store.compact();
  }

  /** Every match, best first, without details: for filtering and ordering by other keys. */
  match(query: ParsedQuery | string, candidates?: ReadonlySet<string>): RankedMatch[] {
    const parsed = toParsed(query);
    const { ids, scores } = evaluate(this.store, parsed, this.eligibility(candidates));
    boostAll(this.store, parsed.boosts, ids, scores);
    return scoredIds(this.store, ids, scores)
      .sort(compareMatches)
      .map(({ slug, score }) => ({ slug, score }));
  }

  /** A page of matches, best first, with the best section and excerpts of each. */
  search(query: ParsedQuery | string, options: SearchOptions = {}): SearchResults {
    const parsed = toParsed(query);
    const { ids, scores, clauses } = evaluate(this.store, parsed, this.eligibility(options.candidates));
    const offset = options.offset ?? 0;
    const count = offset + (options.limit ?? DEFAULT_LIMIT);
    const contenders = boostContenders(this.store, parsed.boosts, ids, scores, count);
    const page = firstInOrder(this.store, contenders, scores, count).slice(offset);
    return { total: ids.length, hits: page.map(({ id, score }) => describeHit(this.store.stored(id), score, clauses)) };
  }

  /** Other articles' text similarity to `slug` (see `text-neighbours.ts`). */
  textNeighbours(slug: string, limits: NeighbourLimits): Map<string, number> {
    return textNeighbours(this.store, slug, limits);
  }

  private eligibility(candidates: ReadonlySet<string> | undefined): (id: number) => boolean {
    if (candidates === undefined) return () => true;
    const allowed = new Uint8Array(this.store.idSpan);
    for (const slug of candidates) {
      const id = this.store.idOf(slug);
      if (id !== undefined) allowed[id] = 1;
    }
    return (id) => allowed[id] === 1;
  }
}

function toParsed(query: ParsedQuery | string): ParsedQuery {
  return typeof query === 'string' ? parseQuery(query) : query;
}
