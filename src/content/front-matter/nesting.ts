/**
 * Whether a tree is nested deeper than `maxDepth` collections, counting the root as 1, or holds more than
 * `maxNodes` nodes, shared ones counted each time they are reached. Iterative, so a pathological input
 * cannot exhaust the stack; a cycle counts as endless nesting. `childrenOf` returns null for leaves, which
 * add no depth.
 */
export function exceedsDepth<T>(
  root: T,
  childrenOf: (node: T) => readonly T[] | null,
  maxDepth: number,
  maxNodes = Number.POSITIVE_INFINITY,
): boolean {
  const pending: Array<{ node: T; depth: number }> = [{ node: root, depth: 1 }];
  let nodes = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (++nodes > maxNodes) return true;
    const children = childrenOf(next.node);
    if (children === null) continue;
    if (next.depth > maxDepth) return true;
    for (const child of children) pending.push({ node: child, depth: next.depth + 1 });
  }
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Children of a parsed JSON/YAML value: arrays and plain objects are collections, everything else a leaf. */
export function jsChildren(value: unknown): readonly unknown[] | null {
  if (Array.isArray(value)) return value as unknown[];
  if (isPlainObject(value)) return Object.values(value);
  return null;
}
