/**
 * Relay global ids: base64 of `Type:key`. Keys are slugs (and `slug#anchor` for sections),
 * so an id stays the same for as long as the file keeps its path.
 */
export type NodeTypeName = 'Article' | 'Section' | 'Category' | 'Author' | 'Tag';

export const NODE_TYPE_NAMES: readonly NodeTypeName[] = ['Article', 'Section', 'Category', 'Author', 'Tag'];

export interface GlobalId {
  type: NodeTypeName;
  key: string;
}

export function toGlobalId(type: NodeTypeName, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64');
}

/** Null for anything that is not an id this server hands out: unknown ids are not errors. */
export function fromGlobalId(id: string): GlobalId | null {
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  // Base64 decoding skips junk silently; only a canonical encoding names a node.
  if (Buffer.from(decoded, 'utf8').toString('base64') !== id) return null;
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const type = decoded.slice(0, colon) as NodeTypeName;
  const key = decoded.slice(colon + 1);
  if (!NODE_TYPE_NAMES.includes(type) || key === '') return null;
  return { type, key };
}

/** Section keys join the article slug and the anchor; anchors never contain `#`, slugs might. */
export function sectionKey(articleSlug: string, anchor: string): string {
  return `${articleSlug}#${anchor}`;
}

export function splitSectionKey(key: string): { articleSlug: string; anchor: string } | null {
  const hash = key.lastIndexOf('#');
  if (hash <= 0) return null;
  return { articleSlug: key.slice(0, hash), anchor: key.slice(hash + 1) };
}
