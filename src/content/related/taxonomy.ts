/**
 * What an article's taxonomy says about it: its tags, and its categories with their ancestors
 * (posts in `a/b/c` and `a/b/d` share `a` and `a/b`). Each term weighs its inverse document
 * frequency, ln(articles / articles holding it): a rare tag says much, one on every article nothing.
 */
import type { Article } from '../model';

export interface TaxonomySource {
  articleCount: number;
  /** Articles with the tag. */
  tagged(tagSlug: string): readonly string[];
  /** Articles in the category or any of its descendants. */
  inCategory(categorySlug: string): ReadonlySet<string>;
  parentOf(categorySlug: string): string | null;
}

export interface TaxonomyTerm {
  weight: number;
  /** Every article holding the term. */
  holders: Iterable<string>;
}

export interface SharedTaxonomy {
  /** In the first article's front-matter order. */
  tagSlugs: string[];
  /** The most specific categories both are filed under (their ancestors are shared too, and left out). */
  categorySlugs: string[];
}

export class Taxonomy {
  /** Terms that weigh anything, heaviest first: the order a search for holders should take. */
  readonly terms: readonly TaxonomyTerm[];
  readonly totalWeight: number;
  private readonly tagWeights: ReadonlyMap<string, number>;
  private readonly categoryWeights: ReadonlyMap<string, number>;

  constructor(
    private readonly article: Article,
    private readonly source: TaxonomySource,
  ) {
    const idf = (holders: number) => Math.log(source.articleCount / Math.max(1, holders));
    this.tagWeights = new Map(article.tagSlugs.map((slug) => [slug, idf(source.tagged(slug).length)]));
    this.categoryWeights = new Map([...this.withAncestors(article.categorySlugs)].map((slug) => [slug, idf(source.inCategory(slug).size)]));
    const terms: TaxonomyTerm[] = [
      ...[...this.tagWeights].map(([slug, weight]) => ({ weight, holders: source.tagged(slug) })),
      ...[...this.categoryWeights].map(([slug, weight]) => ({ weight, holders: source.inCategory(slug) })),
    ];
    this.terms = terms.filter((term) => term.weight > 0).sort((a, b) => b.weight - a.weight);
    this.totalWeight = this.terms.reduce((sum, term) => sum + term.weight, 0);
  }

  /** The summed weight of the terms `other` holds too; cheap, for every candidate. */
  sharedWeight(other: Article): number {
    let weight = 0;
    for (const slug of other.tagSlugs) weight += this.tagWeights.get(slug) ?? 0;
    // No set of the other's categories: its few chains are walked as they are, a shared ancestor once.
    const counted: string[] = [];
    for (const leaf of other.categorySlugs) {
      for (let slug: string | null = leaf; slug !== null && !counted.includes(slug); slug = this.source.parentOf(slug)) {
        counted.push(slug);
        weight += this.categoryWeights.get(slug) ?? 0;
      }
    }
    return weight;
  }

  /** What `other` shares with this article, by name. */
  shared(other: Article): SharedTaxonomy {
    const otherTags = new Set(other.tagSlugs);
    const otherCategories = this.withAncestors(other.categorySlugs);
    const categories = [...this.categoryWeights.keys()].filter((slug) => otherCategories.has(slug));
    const ancestorsOfShared = new Set<string>();
    for (const slug of categories) {
      for (let ancestor = this.source.parentOf(slug); ancestor !== null; ancestor = this.source.parentOf(ancestor))
        ancestorsOfShared.add(ancestor);
    }
    return {
      tagSlugs: this.article.tagSlugs.filter((slug) => otherTags.has(slug)),
      categorySlugs: categories.filter((slug) => !ancestorsOfShared.has(slug)),
    };
  }

  /** The categories and every ancestor of each, leaves first. */
  private withAncestors(categorySlugs: readonly string[]): Set<string> {
    const all = new Set<string>();
    for (const leaf of categorySlugs) {
      for (let slug: string | null = leaf; slug !== null && !all.has(slug); slug = this.source.parentOf(slug)) all.add(slug);
    }
    return all;
  }
}
