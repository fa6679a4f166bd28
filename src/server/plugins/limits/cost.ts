/**
 * An operation's estimated cost: the objects it resolves. Each object costs 1 and scalars
 * are free (their number is bounded by the token limit, and repeating one resolves it once),
 * so the cost tracks what multiplies: lists. Paginated lists count as the page they ask for
 * (`first`, `last`, `ids`, or the default page size), clamped to the largest page the
 * resolvers accept, so a request for too big a page is refused by the resolver with
 * `BAD_USER_INPUT` naming the argument. Lists without page arguments count as a fixed
 * estimate, so a query costs the same whatever the content holds. Every entry of a list
 * argument (a filter's tags, `ids`) costs 1 too. A search (`search`, or a filter's `search`)
 * costs {@link SEARCH_COST} more, whatever page it returns, and so does each `Article.related`,
 * which runs a query of the article's own terms; it counts `first` of its own bounds.
 */
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  isCompositeType,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { RELATED_COUNT } from '../../../content/related';
import type { GraphQLSettings } from '../../../graphql/context';
import { LIST_SIZE_EXTENSION, type ListSizeEstimate } from '../../../graphql/list-size';

export type PageSizes = Pick<GraphQLSettings, 'defaultPageSize' | 'maxPageSize'>;

type Arguments = Record<string, unknown>;

/** Entries assumed for a list without page arguments whose field declares no `@ListSize`. */
const DEFAULT_LIST_SIZE = 10;
/**
 * A search reads posting lists and verifies phrases on the text of its candidates before it can
 * return even a page of one, so it costs as much as a page of 100 objects.
 */
export const SEARCH_COST = 100;

/** Lists whose `first` has bounds of its own rather than the configured page sizes. */
const OWN_PAGE_SIZES: Readonly<Record<string, PageSizes>> = {
  'Article.related': { defaultPageSize: RELATED_COUNT.default, maxPageSize: RELATED_COUNT.max },
};

/** Fields that search whatever their arguments. */
const SEARCHING_FIELDS = new Set(['Query.search', 'Article.related']);

function searchCost(typeName: string, field: GraphQLField<unknown, unknown>, args: Arguments): number {
  const filter = args.filter as { search?: unknown } | undefined;
  return SEARCHING_FIELDS.has(`${typeName}.${field.name}`) || filter?.search != null ? SEARCH_COST : 0;
}

/** The field's own estimate (`@ListSize`, see `graphql/list-size.ts`), else the default. */
function estimatedListSize(field: GraphQLField<unknown, unknown>, args: Arguments): number {
  const estimate =
    (field.extensions as Partial<Record<typeof LIST_SIZE_EXTENSION, ListSizeEstimate>>)[LIST_SIZE_EXTENSION] ?? DEFAULT_LIST_SIZE;
  return typeof estimate === 'function' ? estimate(args) : estimate;
}

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  pages: PageSizes,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment costs the same wherever it is spread at the same page size; remembering it
  // keeps fragments that spread each other many times from costing exponential time here.
  const fragmentCosts = new Map<string, number>();
  const fragmentsInProgress = new Set<string>();

  const selectionSetCost = (set: SelectionSetNode, type: GraphQLNamedType, pageSize: number | undefined): number =>
    set.selections.reduce((total, selection) => total + selectionCost(selection, type, pageSize), 0);

  const selectionCost = (selection: SelectionNode, type: GraphQLNamedType, pageSize: number | undefined): number => {
    if (!isIncluded(selection, variables)) return 0;
    switch (selection.kind) {
      case Kind.FIELD:
        return fieldCost(selection, type, pageSize);
      case Kind.INLINE_FRAGMENT: {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        return condition ? selectionSetCost(selection.selectionSet, condition, pageSize) : 0;
      }
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const key = `${name}\0${pageSize}`;
        const known = fragmentCosts.get(key);
        if (known !== undefined) return known;
        const fragment = fragments.get(name);
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !condition || fragmentsInProgress.has(name)) return 0;
        fragmentsInProgress.add(name);
        const cost = selectionSetCost(fragment.selectionSet, condition, pageSize);
        fragmentsInProgress.delete(name);
        fragmentCosts.set(key, cost);
        return cost;
      }
    }
  };

  const fieldCost = (node: FieldNode, parentType: GraphQLNamedType, pageSize: number | undefined): number => {
    if (node.name.value.startsWith('__')) return 0;
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) return 0;
    const fields: Partial<ReturnType<typeof parentType.getFields>> = parentType.getFields();
    const field = fields[node.name.value];
    if (!field) return 0;
    const args = argumentsOf(field, node, variables);
    const requestedPage = requestedPageSize(field, args, OWN_PAGE_SIZES[`${parentType.name}.${field.name}`] ?? pages);
    const isList = isListType(getNullableType(field.type));
    const entries = isList ? (requestedPage ?? pageSize ?? estimatedListSize(field, args)) : 1;
    // A paginated object (a connection) hands its page size to the lists directly inside it.
    const childPageSize = isList ? undefined : requestedPage;
    const namedType = getNamedType(field.type);
    const entryCost =
      (isCompositeType(namedType) ? 1 : 0) + (node.selectionSet ? selectionSetCost(node.selectionSet, namedType, childPageSize) : 0);
    return listEntries(args) + searchCost(parentType.name, field, args) + entries * entryCost;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionSetCost(operation.selectionSet, root, undefined) : 0;
}

function requestedPageSize(field: GraphQLField<unknown, unknown>, args: Arguments, pages: PageSizes): number | undefined {
  const clamp = (size: number) => Math.min(Math.max(size, 0), pages.maxPageSize);
  const has = (name: string) => field.args.some((arg) => arg.name === name);
  if (has('ids')) return Array.isArray(args.ids) ? clamp(args.ids.length) : undefined;
  if (!has('first') && !has('last')) return undefined;
  const requested = args.first ?? args.last;
  return clamp(typeof requested === 'number' ? requested : pages.defaultPageSize);
}

/** Arguments the way the resolver will see them; malformed ones fail in execution, with their own error. */
function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Arguments {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
}

function isIncluded(selection: SelectionNode, variables: Record<string, unknown>): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
  } catch {
    return true;
  }
}

function listEntries(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item: unknown) => sum + 1 + listEntries(item), 0);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.values(value).reduce((sum: number, item: unknown) => sum + listEntries(item), 0);
  }
  return 0;
}

export const DEFAULT_COST_MEMO_BYTES = 2 ** 20;

/** A memoised cost: its key (a base64 SHA-256), the number, and the cache's bookkeeping. */
const COST_ENTRY_BYTES = 200;

/**
 * Names a cost by the query text, the operation and the values of the variables it declares
 * (others change nothing), hashed: small whatever the text and the variables weigh. Null when
 * the document has no source to name it by, or the values are too deeply nested to spell,
 * which coercion then refuses.
 */
function costKey(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): string | null {
  const source = document.loc?.source.body;
  if (source === undefined) return null;
  // Absent and null differ: only an absent variable takes its default.
  const declared: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables && Object.hasOwn(variables, name)) declared[name] = variables[name];
  }
  let spelt: string;
  try {
    spelt = JSON.stringify(declared);
  } catch {
    return null;
  }
  return createHash('sha256')
    .update(source)
    .update(`\n${operation.name?.value ?? ''}\n${spelt}`)
    .digest('base64');
}

/**
 * Refuses an operation whose cost, with these variables, is over the limit; null when it may run.
 * It runs once the variables are known, before execution; the page sizes are the ones the resolvers enforce.
 */
export type CostCheck = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  pages: PageSizes,
) => GraphQLError | null;

export function costLimit(maxCost: number, memoBytes: number): CostCheck {
  // A repeated query with the same variables skips both the walk and a second coercion of
  // its variables. Page sizes, the only other input, are fixed for the life of a server.
  const knownCosts = new LRUCache<string, number>({ maxSize: memoBytes, sizeCalculation: () => COST_ENTRY_BYTES });
  return (schema, document, operation, rawVariables, pages) => {
    const key = costKey(document, operation, rawVariables);
    let cost = key === null ? undefined : knownCosts.get(key);
    if (cost === undefined) {
      const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, { maxErrors: 1 });
      // Execution refuses such variables with its own BAD_USER_INPUT error before resolving anything.
      if (variables.errors) return null;
      cost = operationCost(schema, document, operation, variables.coerced, pages);
      if (key !== null) knownCosts.set(key, cost);
    }
    if (cost <= maxCost) return null;
    return new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}.`, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
    });
  };
}
