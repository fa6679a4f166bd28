/**
 * Surrogate keys: the names of what an answer is made of, sent in `Surrogate-Key` so that a
 * CDN can drop exactly the answers a reload made stale (`contentChanged.keys`, `--purge-url`).
 *
 * - `Article:<id>`, `Section:<id>`, `Category:<id>`, `Tag:<id>`, `Author:<id>` name one object
 *   by the global id the API hands out.
 * - `list:<Type>` names an answer that depends on which objects of a type exist or how they
 *   are ordered: connections, search, the archive, neighbours, the root lists, and a lookup
 *   that found nothing (it finds something once the object is added).
 * - `<Type>` alone stands for every object of the type in an answer that holds too many to
 *   name (as WPGraphQL Smart Cache collapses them), and `ContentStatus` for an answer showing
 *   the content's status, which changes on every reload.
 */
import type { TouchedObjects } from '../content/touched';
import { sectionKey, toGlobalId, type NodeTypeName } from './global-id';

/**
 * Bytes of the whole header: half of Fastly's 16 KB limit on a header (Cloudflare's Cache-Tag
 * takes as much), leaving room for the other headers of the answer.
 */
export const SURROGATE_KEY_HEADER_BYTES = 8 * 1024;
/** Bytes of one key: Fastly and Cloudflare ignore keys longer than 1,024. */
export const SURROGATE_KEY_MAX_BYTES = 1024;

export const CONTENT_STATUS_KEY = 'ContentStatus';

export function listKey(type: NodeTypeName): string {
  return `list:${type}`;
}

function objectKey(type: NodeTypeName, key: string): string {
  return `${type}:${toGlobalId(type, key)}`;
}

/** What one answer holds, collected while it is made; ids are encoded only when the header is written. */
export class SurrogateKeys {
  private readonly objects = new Map<NodeTypeName, Set<string>>();
  private readonly others = new Set<string>();

  /** `key` as global ids hold it: the slug, or `slug#anchor` for a section. */
  addObject(type: NodeTypeName, key: string): void {
    let keys = this.objects.get(type);
    if (keys === undefined) this.objects.set(type, (keys = new Set()));
    keys.add(key);
  }

  add(key: string): void {
    this.others.add(key);
  }

  /**
   * Space-separated, at most `SURROGATE_KEY_HEADER_BYTES`: a type with a key too long for a CDN,
   * then the types that take the most room, are named by their type key instead.
   */
  header(): string {
    const named = [...this.objects].map(([type, keys]) => {
      const list = [...keys].map((key) => objectKey(type, key));
      return { type, list, bytes: list.reduce((sum, key) => sum + key.length + 1, 0) };
    });
    let bytes = [...this.others].reduce((sum, key) => sum + key.length + 1, 0) + named.reduce((sum, type) => sum + type.bytes, 0);
    const collapse = (type: (typeof named)[number]) => {
      bytes += type.type.length + 1 - type.bytes;
      type.list = [type.type];
      type.bytes = type.type.length + 1;
    };
    for (const type of named) if (type.list.some((key) => key.length > SURROGATE_KEY_MAX_BYTES)) collapse(type);
    for (const type of [...named].sort((a, b) => b.bytes - a.bytes)) if (bytes > SURROGATE_KEY_HEADER_BYTES) collapse(type);
    return [...this.others, ...named.flatMap((type) => type.list)].join(' ');
  }
}

/** One reload's keys, shared by the purge and every `contentChanged` subscriber that receives it. */
const keysOfReload = new WeakMap<TouchedObjects, readonly string[]>();

/**
 * Every key an answer made before a reload may carry and the reload made stale: each touched
 * object, its type key and its type's list key, and the content status. Worked out once per
 * reload, however many subscribers ask.
 */
export function changedKeys(touched: TouchedObjects): readonly string[] {
  let keys = keysOfReload.get(touched);
  if (keys === undefined) {
    keys = keysOf(touched);
    keysOfReload.set(touched, keys);
  }
  return keys;
}

function keysOf(touched: TouchedObjects): string[] {
  const keys = [CONTENT_STATUS_KEY];
  const add = (type: NodeTypeName, locals: readonly string[]) => {
    if (locals.length > 0) keys.push(type, listKey(type), ...locals.map((key) => objectKey(type, key)));
  };
  add('Article', touched.articles);
  add(
    'Section',
    touched.sections.map(({ articleSlug, anchor }) => sectionKey(articleSlug, anchor)),
  );
  add('Category', touched.categories);
  add('Tag', touched.tags);
  add('Author', touched.authors);
  return keys;
}
