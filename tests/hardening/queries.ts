/** Query documents of a known size for each limit. */

/** A selection nested exactly `depth` fields deep. */
export function queryOfDepth(depth: number): string {
  const parents = depth - 2;
  return `{ categories { ${'parent { '.repeat(parents)}name${' }'.repeat(parents)} } }`;
}

/** `count` aliased fields. */
export function queryWithAliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, index) => `a${index}: contentStatus { articles }`).join(' ')} }`;
}

/** `count` directives, on fields whose aliases do not count (`__typename`). */
export function queryWithDirectives(count: number): string {
  return `{ ${Array.from({ length: count }, (_, index) => `t${index}: __typename @include(if: true)`).join(' ')} }`;
}

/** The scalar fields of `ContentStatus`, cycled so no field is repeated often enough to trouble validation. */
const STATUS_FIELDS = [
  'version',
  'loadedAt',
  'files',
  'articles',
  'unpublished',
  'categories',
  'authors',
  'tags',
  'sections',
  'errors',
  'warnings',
];

/** Exactly `count` tokens: `{ contentStatus { version loadedAt … } }`. */
export function queryWithTokens(count: number): string {
  const fields = Array.from({ length: count - 5 }, (_, index) => STATUS_FIELDS[index % STATUS_FIELDS.length]);
  return `{ contentStatus { ${fields.join(' ')} } }`;
}

/**
 * Exactly `cost`: a page of n articles costs n + 1 (the connection and its articles; scalars
 * are free), so the query is pages of 100 and one aliased page for the rest.
 */
export function queryOfCost(cost: number): string {
  const pages = Math.floor(cost / 101);
  const rest = cost - 101 * pages;
  const remainder = rest === 0 ? '' : rest === 1 ? 'contentStatus { articles }' : `rest: articles(first: ${rest - 1}) { nodes { title } }`;
  return `{ ${'articles(first: 100) { nodes { title } } '.repeat(pages)}${remainder} }`;
}
