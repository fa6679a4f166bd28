/**
 * Worker threads that run a function exported by one of this package's modules, found the way the
 * caller found it: compiled, a `.js` file; run from the TypeScript sources (tests, ts-node), a `.ts`
 * file, which the worker loads through ts-node.
 */
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Starts a thread calling `exportName` of `modulePath` (from `require.resolve`). */
export function moduleWorker(modulePath: string, exportName: string, options: Omit<WorkerOptions, 'eval' | 'execArgv'> = {}): Worker {
  const source = `require(${JSON.stringify(modulePath)})[${JSON.stringify(exportName)}]();`;
  const execArgv = path.extname(modulePath) === '.ts' ? ['--require', 'ts-node/register/transpile-only'] : [];
  return new Worker(source, { ...options, eval: true, execArgv });
}
