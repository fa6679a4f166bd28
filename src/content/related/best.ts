/**
 * The best `count` related articles seen so far, in rank order: most similar first, equal scores
 * newer first, then by slug. Binary insertion into a short list: the candidates of one article may
 * be thousands, the list is a page.
 */
import type { Article, RelatedArticle } from '../model';
import { articleComparator } from '../order';

const newerFirst = articleComparator('DATE_DESC');

type Ranked = Pick<RelatedArticle, 'score' | 'article'>;

export function compareRelated(a: Ranked, b: Ranked): number {
  return b.score - a.score || newerFirst(a.article, b.article);
}

export class BestRelated {
  private readonly kept: RelatedArticle[] = [];

  constructor(private readonly count: number) {}

  get isFull(): boolean {
    return this.kept.length === this.count;
  }

  /** The score a newcomer must beat once the list is full. */
  get lowestScore(): number {
    return this.kept[this.kept.length - 1]?.score ?? 0;
  }

  /** Whether an article of this score would make the list. */
  admits(score: number, article: Article): boolean {
    if (this.count === 0) return false;
    return this.kept.length < this.count || compareRelated({ score, article }, this.kept[this.count - 1]) < 0;
  }

  offer(related: RelatedArticle): void {
    if (!this.admits(related.score, related.article)) return;
    let low = 0;
    let high = this.kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareRelated(this.kept[middle], related) <= 0) low = middle + 1;
      else high = middle;
    }
    this.kept.splice(low, 0, related);
    if (this.kept.length > this.count) this.kept.pop();
  }

  list(): RelatedArticle[] {
    return this.kept.slice();
  }
}
