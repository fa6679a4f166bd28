/**
 * What the search index reads of a post: its plain text, field by field.
 */
import { htmlToText } from '../body';
import type { BodyHtml, IndexedPost } from '../parsed-post';

export interface SearchSection {
  anchor: string;
  heading: string;
  /** The section's plain text, without its heading. */
  text: string;
}

/** One article, its text already plain. */
export interface SearchDocument {
  slug: string;
  title: string;
  date: Date | null;
  /** Plain text before the first section, or null. */
  lead: string | null;
  sections: readonly SearchSection[];
}

export function searchDocumentOf(post: IndexedPost, html: BodyHtml): SearchDocument {
  return {
    slug: post.slug,
    title: post.meta.title,
    date: post.meta.date,
    lead: html.lead === null ? null : htmlToText(html.lead),
    sections: post.body.sections.map((section) => ({
      anchor: section.anchor,
      heading: section.heading,
      text: withoutHeading(htmlToText(html.sections[section.index]), section.heading),
    })),
  };
}

/** A section's HTML starts with its `h3`; the heading is indexed as a field of its own. */
function withoutHeading(text: string, heading: string): string {
  return text.startsWith(heading) ? text.slice(heading.length).trimStart() : text;
}
