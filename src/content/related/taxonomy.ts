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
  /** Whether `other` holds it: a look through its few tags, or in the category's set of articles. */
  heldBy(other: Article): boolean;
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
  /** `weightFrom[i]`: the summed weight of `terms[i]` and every lighter one, so 0 past the last. */
  private readonly weightFrom: readonly number[];
  private readonly categoryWeights: ReadonlyMap<string, number>;

  constructor(
    private readonly article: Article,
    private readonly source: TaxonomySource,
  ) {
    const idf = (holders: number) => Math.log(source.articleCount / Math.max(1, holders));
    const tagTerms = article.tagSlugs.map((slug): TaxonomyTerm => {
      const holders = source.tagged(slug);
      return { weight: idf(holders.length), holders, heldBy: (other) => other.tagSlugs.includes(slug) };
    });
    this.categoryWeights = new Map([...this.withAncestors(article.categorySlugs)].map((slug) => [slug, idf(source.inCategory(slug).size)]));
    const categoryTerms = [...this.categoryWeights].map(([slug, weight]): TaxonomyTerm => {
      const holders = source.inCategory(slug);
      return { weight, holders, heldBy: (other) => holders.has(other.slug) };
    });
    this.terms = [...tagTerms, ...categoryTerms].filter((term) => term.weight > 0).sort((a, b) => b.weight - a.weight);
    this.totalWeight = this.terms.reduce((sum, term) => sum + term.weight, 0);
    const weightFrom = new Array<number>(this.terms.length + 1).fill(0);
    for (let index = this.terms.length - 1; index >= 0; index--) weightFrom[index] = weightFrom[index + 1] + this.terms[index].weight;
    this.weightFrom = weightFrom;
  }

  /**
   * The summed weight of the terms `other` holds too, or null once the terms left could not lift it
   * to `floor`: taken heaviest first, a candidate lacking the rarest terms is ruled out after a
   * lookup or two. Summed in that order, two articles holding the same terms weigh exactly the same,
   * so a true tie is never broken by rounding.
   */
  sharedWeight(other: Article, floor = -Infinity): number | null {
    let weight = 0;
    for (let index = 0; index < this.terms.length; index++) {
      if (weight + this.weightFrom[index] < floor) return null;
      if (this.terms[index].heldBy(other)) weight += this.terms[index].weight;
    }
    return weight < floor ? null : weight;
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
