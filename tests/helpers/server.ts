/** The real server as the suites start it, on the executor they run on. */
import { startServer, type RunningServer, type ServerOptions } from '../../src/server';
import { EXECUTORS, type ExecutorName } from '../../src/server/executor';

/**
 * `GATEWAY_EXECUTOR=jit npx jest ...` runs any suite on graphql-jit (the CLI the suites spawn
 * reads the same variable); without it, on the default.
 */
export function testExecutor(): ExecutorName | undefined {
  const name = process.env.GATEWAY_EXECUTOR;
  if (name !== undefined && !EXECUTORS.includes(name as ExecutorName)) throw new Error(`GATEWAY_EXECUTOR: unknown executor "${name}"`);
  return name as ExecutorName | undefined;
}

/** `startServer` on the executor of `testExecutor`, unless the options name one. */
export function startServerUnderTest(options: ServerOptions): Promise<RunningServer> {
  return startServer({ executor: testExecutor(), ...options });
}
