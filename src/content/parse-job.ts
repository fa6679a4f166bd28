/**
 * One unit of work of the parse pool, and the loop a worker thread runs to serve them. The pool
 * also runs jobs itself, in its own thread, when no worker thread can be started.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parsePostSafely, type ParseInput } from './parse-post';
import { encodeOutcome } from './parse-wire';
import { readMarkdownFileSync, type FoundFile } from './scan';
import type { ContentOptions } from './types';

export type ParseJob =
  | { id: number; kind: 'parse'; file: ParseInput }
  | { id: number; kind: 'read'; file: FoundFile; knownHash: string | null };

export interface ParseReply {
  id: number;
  /** Null when the file could not be read. */
  contentHash: string | null;
  /** `encodeOutcome`'s text; null when the bytes hash to the job's `knownHash`. */
  outcome: string | null;
}

export function runParseJob(job: ParseJob, options: ContentOptions): ParseReply {
  if (job.kind === 'parse') {
    return { id: job.id, contentHash: job.file.contentHash, outcome: encodeOutcome(parsePostSafely(job.file, options)) };
  }
  const read = readMarkdownFileSync(job.file, options.maxFileBytes);
  if (!read.ok) return { id: job.id, contentHash: null, outcome: encodeOutcome({ post: null, diagnostics: [read.diagnostic] }) };
  const { contentHash } = read.file;
  if (contentHash === job.knownHash) return { id: job.id, contentHash, outcome: null };
  return { id: job.id, contentHash, outcome: encodeOutcome(parsePostSafely(read.file, options)) };
}

/** The body of a worker thread: answers each job posted to it, in order, with the options it was started with. */
export function serveParseJobs(): void {
  const port = parentPort;
  if (port === null) throw new Error('serveParseJobs runs in a worker thread');
  const { options } = workerData as { options: ContentOptions };
  port.on('message', (job: ParseJob) => {
    port.postMessage(runParseJob(job, options));
  });
  port.postMessage(WORKER_READY);
}

/** Sent once the parsers are loaded: a job's time budget counts from then, not from the thread's start. */
export const WORKER_READY = 'ready';
