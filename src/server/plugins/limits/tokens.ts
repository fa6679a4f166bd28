/**
 * The token limit is enforced by the GraphQL parser itself (`parseOptions.maxTokens`): it
 * stops lexing one token past the limit, so an oversized document costs bounded work and
 * is answered like any other document the parser refuses. These only reword the parser's
 * message to name the limit the way the other limits do.
 */
import type { ApolloServerPlugin } from '@apollo/server';

const PARSER_TOKEN_MESSAGE = /^Syntax Error: Document contains more tha[nt] \d+ tokens/;

/** The parser's message, or the limit's own when the parser stopped at the token limit. */
export function tokenLimitMessage(maxTokens: number, message: string): string {
  return PARSER_TOKEN_MESSAGE.test(message) ? `Query token limit of ${maxTokens} exceeded.` : message;
}

export function tokenLimitMessagePlugin(maxTokens: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return async (error) => {
            if (error) error.message = tokenLimitMessage(maxTokens, error.message);
          };
        },
      };
    },
  };
}
