/**
 * A first load serves before its search index is built (see `buildIndexInSlices`). An operation that
 * may read the index waits here, before execution, for the slices to finish it, instead of letting a
 * resolver finish the build synchronously: that would hold the event loop, and every other request,
 * for the rest of the build (seconds at 100,000 posts), and would spend the operation's own time
 * limit on work that is not its cost. Operations that cannot touch the index never wait.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, BREAK, type DocumentNode } from 'graphql';
import { performance } from 'node:perf_hooks';
import type { GatewayContext } from '../../../graphql/context';

/** Fields that read the index whatever their arguments. */
const SEARCHING_FIELDS = new Set(['search', 'related']);
/** The `ArticleFilter` field that makes any filtered list read the index. */
const SEARCH_FILTER = 'search';

export function searchIndexWaitPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ document, request, contextValue }) {
          const { snapshot, deadline } = contextValue;
          if (!mayReadSearchIndex(document, request.variables)) return;
          const startedAt = performance.now();
          await snapshot.searchIndexBuilt();
          deadline.extend(performance.now() - startedAt);
        },
      };
    },
  };
}

/**
 * Whether executing `document` could read the search index: it selects a searching field, or a
 * `search` filter is spelt in the document or in a variable. Over-approximate on purpose: a
 * needless wait only delays, a missed one still answers right (the resolver finishes the build).
 */
function mayReadSearchIndex(document: DocumentNode, variables: Record<string, unknown> | undefined): boolean {
  return spellsSearch(document) || Object.values(variables ?? {}).some(isSearchFilter);
}

function spellsSearch(document: DocumentNode): boolean {
  // Set by the visitor: a plain `let` would read as never changed.
  const found = { value: false };
  visit(document, {
    enter(node) {
      const named =
        (node.kind === Kind.FIELD && SEARCHING_FIELDS.has(node.name.value)) ||
        (node.kind === Kind.OBJECT_FIELD && node.name.value === SEARCH_FILTER);
      if (!named) return undefined;
      found.value = true;
      return BREAK;
    },
  });
  return found.value;
}

/** `ArticleFilter` is only ever an argument's whole type, so a variable holding one holds `search` at its top. */
function isSearchFilter(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, SEARCH_FILTER);
}
