import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Names of the fields the query selects at each `path` below the field being resolved,
 * fragments included: `selectedFields(info, ['nodes'], ['edges', 'node'])` tells what the
 * items of a connection ask for. Directives are not evaluated, so a field under `@skip` counts
 * as selected; the answer is for fetching ahead, where a field too many costs one lookup.
 */
export function selectedFields(info: GraphQLResolveInfo, ...paths: readonly (readonly string[])[]): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, path: readonly string[]): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (path.length === 0) names.add(selection.name.value);
        else if (selection.name.value === path[0]) visit(selection.selectionSet, path.slice(1));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, path);
      } else {
        const fragments: Partial<typeof info.fragments> = info.fragments;
        visit(fragments[selection.name.value]?.selectionSet, path);
      }
    }
  };
  for (const fieldNode of info.fieldNodes) for (const path of paths) visit(fieldNode.selectionSet, path);
  return names;
}
