/**
 * The objects a reload touched: the added, updated and removed articles, their sections, and
 * the categories (with every ancestor, whose counts include descendants), tags and authors they
 * are filed under, before and after the change. Read from the two snapshots the reload swapped,
 * so nothing is read from disk again. Whoever caches answers about these objects (a CDN keyed
 * by them) drops exactly these.
 */
import type { Article, ContentSnapshot } from './model';

export interface SectionRef {
  articleSlug: string;
  anchor: string;
}

/** Each list sorted and without repeats. */
export interface TouchedObjects {
  articles: string[];
  sections: SectionRef[];
  categories: string[];
  tags: string[];
  authors: string[];
}

export function touchedObjects(previous: ContentSnapshot, next: ContentSnapshot, articleSlugs: readonly string[]): TouchedObjects {
  const sections = new Map<string, SectionRef>();
  const categories = new Set<string>();
  const tags = new Set<string>();
  const authors = new Set<string>();
  const collect = (snapshot: ContentSnapshot, article: Article | null) => {
    if (article === null) return;
    for (const { anchor } of article.body.sections) sections.set(`${article.slug}#${anchor}`, { articleSlug: article.slug, anchor });
    for (const slug of withAncestors(snapshot, article.categorySlugs)) categories.add(slug);
    for (const slug of article.tagSlugs) tags.add(slug);
    if (article.authorSlug !== null) authors.add(article.authorSlug);
  };
  for (const snapshot of [previous, next]) for (const article of snapshot.articlesBySlug(articleSlugs)) collect(snapshot, article);
  return {
    articles: sorted(articleSlugs),
    sections: [...sections].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, section]) => section),
    categories: sorted(categories),
    tags: sorted(tags),
    authors: sorted(authors),
  };
}

function withAncestors(snapshot: ContentSnapshot, leaves: readonly string[]): Set<string> {
  const found = new Set<string>();
  let level = [...leaves];
  while (level.length > 0) {
    for (const slug of level) found.add(slug);
    level = snapshot
      .categoriesBySlug(level)
      .flatMap((category) => (category?.parentSlug && !found.has(category.parentSlug) ? [category.parentSlug] : []));
  }
  return found;
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
