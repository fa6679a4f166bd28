import type { Article } from '../content/model';
import type { SectionData } from '../content/types';

/** A section does not know its article; the value served for it carries the article's slug. */
export type SectionValue = SectionData & { articleSlug: string };

export function sectionsOf(article: Article): SectionValue[] {
  return article.body.sections.map((section) => ({ ...section, articleSlug: article.slug }));
}
