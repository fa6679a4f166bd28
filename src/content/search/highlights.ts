/**
 * What a hit shows: the section where the query matches best and up to three excerpts with
 * the matches marked. Worked out only for the hits of the page asked for.
 */
import type { SearchSection } from './article-document';
import { collectClauseMatches } from './clause-match';
import type { CompiledClause } from './evaluate';
import { FIELD_SEPARATOR, FIELD_WEIGHTS, fieldsOf, type Field } from './fields';
import { foldsUnitForUnit, foldWithOffsets } from './fold';
import type { StoredDocument } from './postings';
import type { SearchHit } from './results';
import { buildSnippet, type TextRange } from './snippet';

const MAX_HIGHLIGHTS = 3;

interface RatedField {
  field: Field;
  order: number;
  /** Bit i set when clause i matches in the field. */
  matched: number;
  weight: number;
  /** Where the clauses match in the folded text, kept for the excerpt. */
  foldedRanges: TextRange[];
}

export function describeHit(stored: StoredDocument, score: number, clauses: readonly CompiledClause[]): SearchHit {
  const foldedFields = stored.folded.split(FIELD_SEPARATOR);
  const rated = fieldsOf(stored.doc).map((field, order) => rateField(field, order, foldedFields[order], clauses));
  const best = bestPlace(rated);
  const inBest = (entry: RatedField) => ((entry.field.section ?? entry.field) === best ? 1 : 0);
  const shown = rated
    .filter((entry) => entry.matched !== 0)
    .sort((a, b) => inBest(b) - inBest(a) || bitCount(b.matched) - bitCount(a.matched) || b.weight - a.weight || a.order - b.order)
    .slice(0, MAX_HIGHLIGHTS);
  return {
    slug: stored.doc.slug,
    score,
    sectionAnchor: 'anchor' in best ? best.anchor : null,
    highlights: shown.map(({ field, foldedRanges }) => ({
      field: field.kind,
      sectionAnchor: field.section?.anchor ?? null,
      ...buildSnippet(field.text, matchRanges(field.text, foldedRanges)),
    })),
  };
}

function rateField(field: Field, order: number, folded: string, clauses: readonly CompiledClause[]): RatedField {
  let matched = 0;
  let weight = 0;
  const foldedRanges: TextRange[] = [];
  clauses.forEach(({ clause, weight: clauseWeight }, index) => {
    const count = collectClauseMatches(clause, folded, foldedRanges);
    if (count > 0) matched |= 1 << index;
    weight += count * clauseWeight * FIELD_WEIGHTS[field.kind];
  });
  return { field, order, matched, weight, foldedRanges };
}

/**
 * The title, the lead or a section (its heading and text together) where the query matches
 * best: most clauses first, then the most weight, then the earliest.
 */
function bestPlace(rated: readonly RatedField[]): Field | SearchSection {
  const places = new Map<Field | SearchSection, { matched: number; weight: number; order: number }>();
  for (const { field, order, matched, weight } of rated) {
    const key = field.section ?? field;
    const place = places.get(key);
    if (place === undefined) places.set(key, { matched, weight, order });
    else {
      place.matched |= matched;
      place.weight += weight;
    }
  }
  // The title is always a field, so there is always a place.
  const [[best]] = [...places].sort(
    ([, a], [, b]) => bitCount(b.matched) - bitCount(a.matched) || b.weight - a.weight || a.order - b.order,
  );
  return best;
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** Matches found in the folded text of `original`, moved to `original` and merged into sorted, disjoint ranges. */
function matchRanges(original: string, foldedRanges: readonly TextRange[]): TextRange[] {
  let ranges: TextRange[];
  if (foldsUnitForUnit(original)) ranges = [...foldedRanges];
  else {
    const { sourceStart, sourceEnd } = foldWithOffsets(original);
    ranges = foldedRanges.map(([start, end]) => [sourceStart[start], sourceEnd[end - 1]]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: TextRange[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
