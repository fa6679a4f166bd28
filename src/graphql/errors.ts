import { GraphQLError } from 'graphql';

/** The code clients branch on when the request itself was wrong, as opposed to the server failing. */
export const BAD_USER_INPUT = 'BAD_USER_INPUT';

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: BAD_USER_INPUT } });
}
