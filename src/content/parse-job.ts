/**
 * One unit of work of the parse pool, and the loop a worker thread runs to serve them. The pool
 * also runs jobs itself, in its own thread, when no worker thread can be started.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readThroughCache, type ReadReply } from './cache/read-through';
import type { ContentOptions } from './options';
import { onParsersLoad } from './parsers';
import { PARSERS_LOADING, WORKER_READY } from './parse-wire';
import type { FoundFile } from './scan';

export interface ParseJob {
  id: number;
  file: FoundFile;
  knownHash: string | null;
  cacheDirectory: string | null;
}

export interface ParseReply extends ReadReply {
  id: number;
}

export function runParseJob(job: ParseJob, options: ContentOptions): ParseReply {
  return { id: job.id, ...readThroughCache(job.file, job.knownHash, job.cacheDirectory, options) };
}

/** The body of a worker thread: answers each job posted to it, in order, with the options it was started with. */
export function serveParseJobs(): void {
  const port = parentPort;
  if (port === null) throw new Error('serveParseJobs runs in a worker thread');
  const { options } = workerData as { options: ContentOptions };
  port.on('message', (job: ParseJob) => {
    port.postMessage(runParseJob(job, options));
  });
  onParsersLoad((stage) => {
    port.postMessage(stage === 'loading' ? PARSERS_LOADING : WORKER_READY);
  });
  port.postMessage(WORKER_READY);
}
