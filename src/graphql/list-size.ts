/**
 * How many entries the cost limit assumes a list field without page arguments holds: generous
 * for a post, a level of the category tree or a site, so that a query costs the same whatever
 * the content holds. It lives on the field (`extensions.listSize`), where the cost limit reads it.
 */
import { Extensions } from 'type-graphql';

export type ListSizeEstimate = number | ((args: Record<string, unknown>) => number);

/** The extension's key on a field. */
export const LIST_SIZE_EXTENSION = 'listSize';

export function ListSize(estimate: ListSizeEstimate): MethodDecorator & PropertyDecorator {
  return Extensions({ [LIST_SIZE_EXTENSION]: estimate });
}
