import { SearchQueryError } from '../content/search';
import { badUserInput } from './errors';

/** Runs `work`, turning a rejected search query into the client error it is. */
export function withSearchQueryErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof SearchQueryError) throw badUserInput(error.message);
    throw error;
  }
}
