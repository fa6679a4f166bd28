/** What a search answers. */
import type { Snippet } from './snippet';

export type HighlightField = 'title' | 'lead' | 'heading' | 'section';

export interface SearchHighlight extends Snippet {
  /** `heading` and `section` are a section's heading and its text. */
  field: HighlightField;
  /** The section the excerpt comes from, null for the title and the lead. */
  sectionAnchor: string | null;
}

export interface RankedMatch {
  slug: string;
  score: number;
}

export interface SearchHit extends RankedMatch {
  /** The best-matching section; null when the match is best in the title or the lead. */
  sectionAnchor: string | null;
  /** Up to three excerpts, the best-matching part first. */
  highlights: SearchHighlight[];
}

export interface SearchResults {
  /** Matches in all, before `offset` and `limit`. */
  total: number;
  hits: SearchHit[];
}

export interface SearchOptions {
  /** Only these slugs may match (the result of other filters). */
  candidates?: ReadonlySet<string>;
  /** Hits to skip, for paging. */
  offset?: number;
  /** Hits to describe; 20 unless given. */
  limit?: number;
}
