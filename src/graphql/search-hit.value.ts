import type { HighlightField, SearchHit } from '../content/search';

export interface HighlightRangeValue {
  start: number;
  end: number;
}

/** A highlight as served: it knows its article, so its section can be loaded. */
export interface SearchHighlightValue {
  articleSlug: string;
  field: HighlightField;
  sectionAnchor: string | null;
  text: string;
  html: string;
  ranges: HighlightRangeValue[];
}

export interface SearchHitValue {
  articleSlug: string;
  sectionAnchor: string | null;
  score: number;
  highlights: SearchHighlightValue[];
}

export function searchHitValue(hit: SearchHit): SearchHitValue {
  return {
    articleSlug: hit.slug,
    sectionAnchor: hit.sectionAnchor,
    score: hit.score,
    highlights: hit.highlights.map((highlight) => ({
      articleSlug: hit.slug,
      field: highlight.field,
      sectionAnchor: highlight.sectionAnchor,
      text: highlight.text,
      html: highlight.html,
      ranges: highlight.ranges.map(([start, end]) => ({ start, end })),
    })),
  };
}
