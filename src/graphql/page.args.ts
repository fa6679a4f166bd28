import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_GRAPHQL_SETTINGS } from './context';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin takes any constructor
type Constructor<T = object> = new (...args: any[]) => T;

/**
 * Adds the Relay page arguments after the arguments of `Base`: type-graphql lists inherited
 * arguments first, and the schema has always listed what narrows a list before its page.
 */
export function withPageArgs<TBase extends Constructor>(Base: TBase) {
  @ArgsType()
  class Paged extends Base {
    @Field(() => Int, {
      nullable: true,
      description: `Articles from the start of the list (after \`after\`); ${DEFAULT_GRAPHQL_SETTINGS.defaultPageSize} when neither \`first\` nor \`last\` is given; at most ${DEFAULT_GRAPHQL_SETTINGS.maxPageSize} unless configured.`,
    })
    first?: number | null;

    @Field(() => String, { nullable: true, description: 'Cursor of the edge the page starts after.' })
    after?: string | null;

    @Field(() => Int, {
      nullable: true,
      description: `Articles from the end of the list (before \`before\`); at most ${DEFAULT_GRAPHQL_SETTINGS.maxPageSize} unless configured.`,
    })
    last?: number | null;

    @Field(() => String, { nullable: true, description: 'Cursor of the edge the page ends before.' })
    before?: string | null;
  }
  return Paged;
}

/** Where a page of a list starts and how long it is: the Relay arguments of every article connection, alone. */
@ArgsType()
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- the mixin needs a base class, and PageArgs adds nothing to it
export class PageArgs extends withPageArgs(class {}) {}
