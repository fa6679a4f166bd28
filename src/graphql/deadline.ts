/**
 * When a request's work must stop. JavaScript cannot interrupt a resolver that is running,
 * so the steps that fetch more data (each page of articles, each search, each loader batch)
 * check the deadline before they start: once it has passed they fail at once, execution
 * unwinds quickly, and the server answers with one clear error instead of a partial result.
 * Checking at those steps rather than at every field keeps the check off the hot path of
 * plain fields, which are most of what a query resolves.
 */
import { GraphQLError } from 'graphql';
import { performance } from 'node:perf_hooks';

export const EXECUTION_TIMEOUT = 'EXECUTION_TIMEOUT';

export class Deadline {
  private endsAt = Number.POSITIVE_INFINITY;
  private limitMs = Number.POSITIVE_INFINITY;
  private passed = false;

  /** Starts the clock: the work may run for `limitMs` from now. */
  start(limitMs: number): void {
    this.limitMs = limitMs;
    this.endsAt = performance.now() + limitMs;
  }

  /** Moves the deadline `ms` later: for time spent waiting on work shared by all requests, which is not this one's cost. */
  extend(ms: number): void {
    this.endsAt += ms;
  }

  /** Whether a check has found the deadline passed. */
  get expired(): boolean {
    return this.passed;
  }

  get message(): string {
    return `Execution time limit of ${this.limitMs} ms exceeded; the operation was stopped.`;
  }

  /** Throws the timeout error once the deadline has passed. */
  check(): void {
    if (!this.passed && performance.now() <= this.endsAt) return;
    this.passed = true;
    throw new GraphQLError(this.message, { extensions: { code: EXECUTION_TIMEOUT } });
  }
}
