import type { Article } from '../content/model';
import type { SectionData } from '../content/types';

/** A section does not know its article; the value served for it carries the article's slug. */
export type SectionValue = SectionData & { articleSlug: string };

/** Articles never change once loaded, so their section values are made once and shared by every request. */
const sectionValues = new WeakMap<Article, readonly SectionValue[]>();

export function sectionsOf(article: Article): readonly SectionValue[] {
  let sections = sectionValues.get(article);
  if (!sections) {
    sections = article.body.sections.map((section) => ({ ...section, articleSlug: article.slug }));
    sectionValues.set(article, sections);
  }
  return sections;
}
