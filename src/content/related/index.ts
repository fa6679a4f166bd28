/**
 * The articles most like one article: by the taxonomy they share (see `taxonomy.ts`) and by their
 * text, through the search index's term statistics ("more like this" over its keys, which are
 * words and CJK characters and pairs, so Chinese needs no segmenter). The score is
 * `TAXONOMY_SHARE` times the share of the article's taxonomy weight the other holds plus
 * `TEXT_SHARE` times their text similarity (1 at most), so it runs from 0 to 1.
 *
 * Cost: the postings of the article's text keys, then the holders of its taxonomy terms, rarest
 * first, only while an article not seen yet could still make the list: such an article holds no
 * text key, so it scores at most the share of the terms not walked yet. Common categories are
 * then rarely walked at all, and never past `RELATED_TERM_WALK` holders. A candidate's taxonomy
 * weight is summed rarest term first and given up once the terms left could not lift it past the
 * list's last entry, so most of the thousands of candidates cost a lookup or two; the list is the
 * one scoring every candidate whole would give. Each snapshot keeps the lists it computed, so a
 * reload starts over and every later request for the same article costs a lookup.
 */
import { LRUCache } from 'lru-cache';
import type { Article, RelatedArticle } from '../model';
import { BestRelated } from './best';
import { RELATED_COUNT, RELATED_MEMO_ENTRIES, RELATED_TERM_WALK, RELATED_TEXT_QUERY, TAXONOMY_SHARE, TEXT_SHARE } from './settings';
import { Taxonomy, type TaxonomySource } from './taxonomy';

export { RELATED_COUNT } from './settings';

export interface RelatedSource extends TaxonomySource {
  article(slug: string): Article | undefined;
  /** Other articles whose text is like this one's, by similarity from 0 to about 1 (see `SearchIndex.textNeighbours`). */
  textNeighbours(slug: string, limits: typeof RELATED_TEXT_QUERY): ReadonlyMap<string, number>;
}

/** Floating-point slack when comparing a bound to scores summed in another order. */
const BOUND_SLACK = 1e-9;

/** For each slug, its best `RELATED_COUNT.max` related articles in rank order; null for an unknown slug. */
export type RelatedLookup = (slugs: readonly string[]) => (readonly RelatedArticle[] | null)[];

export function relatedLookup(source: RelatedSource): RelatedLookup {
  const memo = new LRUCache<string, readonly RelatedArticle[]>({ max: RELATED_MEMO_ENTRIES });
  return (slugs) =>
    slugs.map((slug) => {
      const article = source.article(slug);
      if (article === undefined) return null;
      let related = memo.get(slug);
      if (related === undefined) memo.set(slug, (related = relatedTo(article, source)));
      return related;
    });
}

function relatedTo(article: Article, source: RelatedSource): RelatedArticle[] {
  const taxonomy = new Taxonomy(article, source);
  const text = source.textNeighbours(article.slug, RELATED_TEXT_QUERY);
  const best = new BestRelated(RELATED_COUNT.max);
  const seen = new Set([article.slug]);
  const consider = (slug: string) => {
    if (seen.has(slug)) return;
    seen.add(slug);
    // The index and the holders lists come from the same snapshot as `source`.
    const other = source.article(slug);
    if (other === undefined) return;
    const textScore = TEXT_SHARE * Math.min(1, text.get(slug) ?? 0);
    // Once the list is full, the taxonomy weight that could still beat its last entry: most
    // candidates lack the rarest terms and are ruled out before the rest are looked at.
    const floor = best.isFull ? ((best.lowestScore - textScore - BOUND_SLACK) * taxonomy.totalWeight) / TAXONOMY_SHARE : -Infinity;
    const sharedWeight = taxonomy.sharedWeight(other, floor);
    if (sharedWeight === null) return;
    const score = TAXONOMY_SHARE * (taxonomy.totalWeight === 0 ? 0 : sharedWeight / taxonomy.totalWeight) + textScore;
    // Most candidates fall short of the list: only those that make it are described.
    if (score === 0 || !best.admits(score, other)) return;
    const { tagSlugs, categorySlugs } = taxonomy.shared(other);
    best.offer({ article: other, score, sharedTagSlugs: tagSlugs, sharedCategorySlugs: categorySlugs });
  };
  for (const slug of text.keys()) consider(slug);
  let unwalked = taxonomy.totalWeight;
  for (const term of taxonomy.terms) {
    const bound = (TAXONOMY_SHARE * unwalked) / taxonomy.totalWeight;
    if (best.isFull && best.lowestScore > bound + BOUND_SLACK) break;
    let walked = 0;
    for (const slug of term.holders) {
      if (walked++ === RELATED_TERM_WALK) break;
      consider(slug);
    }
    unwalked -= term.weight;
  }
  return best.list();
}
