/**
 * The token limit is enforced by the GraphQL parser itself (`parseOptions.maxTokens`): it
 * stops lexing one token past the limit, so an oversized document costs bounded work and
 * is answered like any other document the parser refuses. These only reword the parser's
 * message to name the limit the way the other limits do.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/** The parser's message, or the limit's own when the parser stopped at the token limit. */
export function tokenLimitMessage(maxTokens: number, query: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return stoppedAtTokenLimit(maxTokens, query, error) ? `Query token limit of ${maxTokens} exceeded.` : message;
}

/**
 * graphql-js gives its syntax errors neither a code nor a class of their own, but it reports the
 * token limit at the start of the first token past it, and no other error can stand there: the
 * parser refuses that token before it looks at it. Lexing that far again is bounded by the limit.
 */
function stoppedAtTokenLimit(maxTokens: number, query: string, error: unknown): boolean {
  const position = error instanceof GraphQLError ? error.positions?.[0] : undefined;
  if (position === undefined) return false;
  const lexer = new Lexer(new Source(query));
  try {
    for (let count = 0; count < maxTokens; count++) if (lexer.advance().kind === TokenKind.EOF) return false;
    const pastTheLimit = lexer.advance();
    return pastTheLimit.kind !== TokenKind.EOF && pastTheLimit.start === position;
  } catch {
    // A lexing error before the limit is the parser's own error, not the limit's.
    return false;
  }
}

export function tokenLimitMessagePlugin(maxTokens: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          return async (error) => {
            if (error) error.message = tokenLimitMessage(maxTokens, source, error);
          };
        },
      };
    },
  };
}
