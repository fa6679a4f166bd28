import type { Article } from '../content/model';
import type { GatewayContext } from './context';
import type { SectionOutline } from '../content/parsed-post';

/**
 * A section does not know its article; the value served for it carries the article's slug, by which
 * its HTML is read when asked for (`SectionResolver`).
 */
export type SectionValue = SectionOutline & { articleSlug: string };

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

/** The section `anchor` of an article, through the request's loader; null for no anchor or an unknown one. */
export async function loadSection({ loaders }: GatewayContext, articleSlug: string, anchor: string | null): Promise<SectionValue | null> {
  if (anchor === null) return null;
  const article = await loaders.articles.load(articleSlug);
  return article === null ? null : (sectionsOf(article).find((section) => section.anchor === anchor) ?? null);
}
