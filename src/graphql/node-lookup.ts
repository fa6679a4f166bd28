/** Objects by global id, for `node`, `nodes` and the subgraph's `_entities`. */
import type { GatewayContext } from './context';
import { fromGlobalId, splitSectionKey } from './global-id';
import { asNode, type TypedNode } from './node.interface';
import { sectionsOf } from './section.value';

/** The object a global id names, batched through the request's loaders; null for an unknown id. */
export async function loadNode({ loaders }: GatewayContext, id: string): Promise<TypedNode<object> | null> {
  const globalId = fromGlobalId(id);
  if (!globalId) return null;
  const { type, key } = globalId;
  const typed = <T extends object>(value: T | null) => (value === null ? null : asNode(type, value));
  switch (type) {
    case 'Article':
      return typed(await loaders.articles.load(key));
    case 'Category':
      return typed(await loaders.categories.load(key));
    case 'Author':
      return typed(await loaders.authors.load(key));
    case 'Tag':
      return typed(await loaders.tags.load(key));
    case 'Section': {
      const parts = splitSectionKey(key);
      const article = parts && (await loaders.articles.load(parts.articleSlug));
      return typed((article && sectionsOf(article).find((section) => section.anchor === parts.anchor)) ?? null);
    }
  }
}
