import type { CategoryPath } from '../parsed-post';
import { describeKind } from './diagnostics';

export interface TaxonomyReading<T> {
  value: T;
  /** Items that are not text, described for a warning. */
  dropped: string[];
}

/**
 * Hexo's `Post.setCategories`: if no item of the list is itself a list, the whole list is ONE hierarchy
 * (`[A, B, C]` is A > B > C); if any item is a list, every item is its own hierarchy, a plain item being a
 * hierarchy of one (`[A, [B, C], D]` is [A], [B, C], [D]). A single value is a hierarchy of one. Like Hexo,
 * empty names are removed from within a hierarchy; names are trimmed, and identical hierarchies kept once.
 * Lists nested inside a hierarchy have no meaning in Hexo (it would stringify them) and are dropped.
 */
export function readCategories(value: unknown): TaxonomyReading<CategoryPath[]> {
  const dropped: string[] = [];
  const hierarchyOf = (items: readonly unknown[]): string[] =>
    items.flatMap((item) => {
      const name = nameOf(item);
      if (name === undefined) dropped.push(describeKind(item));
      return name ? [name] : [];
    });

  let hierarchies: string[][];
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    hierarchies = items.some(Array.isArray) ? items.map((item) => hierarchyOf(Array.isArray(item) ? item : [item])) : [hierarchyOf(items)];
  } else {
    hierarchies = value === null || value === undefined ? [] : [hierarchyOf([value])];
  }
  return {
    value: uniqueBy(
      hierarchies.filter((path) => path.length > 0),
      (path) => JSON.stringify(path),
    ),
    dropped,
  };
}

/** Tags are flat: a single value or a list, nested lists flattened; trimmed, empty ones removed, kept once. */
export function readTags(value: unknown): TaxonomyReading<string[]> {
  const dropped: string[] = [];
  const items = Array.isArray(value) ? (value.flat(Infinity) as unknown[]) : value === null || value === undefined ? [] : [value];
  const names = items.flatMap((item) => {
    const name = nameOf(item);
    if (name === undefined) dropped.push(describeKind(item));
    return name ? [name] : [];
  });
  return { value: uniqueBy(names, (name) => name), dropped };
}

/** A trimmed name for a scalar ('' when empty), or undefined for a list or mapping. */
export function nameOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return undefined;
}

function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
