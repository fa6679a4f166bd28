import type { ApolloServerPlugin } from '@apollo/server';

/** The end of graphql-js messages that name fields, arguments, types or enum values the client did not ask for. */
const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * Without introspection, "Did you mean" hints would still reveal the schema one guess at
 * a time; they are cut from every error, validation and variable errors alike.
 */
export function hideSuggestions(errors: readonly { message: string }[]): void {
  for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
}

export function hideSuggestionsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          hideSuggestions(errors);
        },
      };
    },
  };
}
