import { isPlainObject } from './nesting';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A copy that survives JSON unchanged: Dates become ISO strings, non-finite numbers and anything that is not
 * plain data become null, and a value that contains itself (a YAML alias cycle) is cut at the repeat.
 */
export function toJsonSafe(value: unknown, ancestors: ReadonlySet<object> = new Set()): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object' || ancestors.has(value)) return null;
  const inside = new Set(ancestors).add(value);
  if (Array.isArray(value)) return value.map((item: unknown) => toJsonSafe(item, inside));
  if (!isPlainObject(value)) return null;
  // Object.fromEntries defines own properties, so a `__proto__` key stays data.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, toJsonSafe(item, inside)]),
  );
}
