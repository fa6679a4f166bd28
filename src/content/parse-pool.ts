/**
 * Parses posts on worker threads, so a load uses every core. Each worker reads, hashes and parses
 * whole files; the results come back as text (`encodeOutcome`) and are made whole again here.
 * Idle workers do not keep the process alive.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runParseJob, type ParseJob, type ParseReply } from './parse-job';
import type { ParseInput, ParseOutcome } from './parse-post';
import { decodeOutcome } from './parse-wire';
import type { FoundFile } from './scan';
import type { ContentOptions, Diagnostic } from './types';

/** A file that was read and parsed, or found unchanged. */
export interface PooledParse {
  /** Null when the file could not be read; `outcome` then holds the reason. */
  contentHash: string | null;
  /** Null when the bytes hash to the `knownHash` given: nothing was parsed. */
  outcome: ParseOutcome | null;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, { job: ParseJob; resolve: (result: PooledParse) => void }>;
  /** Whether the thread has answered a job; one that dies before is not started again, which could loop. */
  proven: boolean;
}

/**
 * The worker runs `serveParseJobs` from the job module, found the way this module was: compiled, a `.js`
 * file; run from the TypeScript sources (tests, ts-node), a `.ts` file, which a worker loads through ts-node.
 */
const JOB_MODULE = require.resolve('./parse-job');
const WORKER_SOURCE = `require(${JSON.stringify(JOB_MODULE)}).serveParseJobs();`;
const WORKER_EXEC_ARGV = path.extname(JOB_MODULE) === '.ts' ? ['--require', 'ts-node/register/transpile-only'] : [];

export class ParsePool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private closed = false;

  /** `size` worker threads, one per core by default. */
  constructor(
    private readonly options: ContentOptions,
    readonly size: number = os.availableParallelism(),
  ) {
    for (let index = 0; index < Math.max(1, size); index++) this.workers.push(this.spawn());
  }

  /** Parses a file that was read already. */
  async parse(file: ParseInput): Promise<ParseOutcome> {
    const { path: relative, text, contentHash } = file;
    const { outcome } = await this.submit({ id: this.nextId++, kind: 'parse', file: { path: relative, text, contentHash } });
    return outcome as ParseOutcome;
  }

  /**
   * Reads, hashes and parses a file, with the checks of `readMarkdownFile`. When its bytes hash to `knownHash`,
   * it is not parsed again and the outcome is null.
   */
  readAndParse(file: FoundFile, knownHash: string | null = null): Promise<PooledParse> {
    const { path: relative, rawPath, absolutePath, hidden } = file;
    return this.submit({ id: this.nextId++, kind: 'read', file: { path: relative, rawPath, absolutePath, hidden }, knownHash });
  }

  /** Stops the worker threads; jobs still running on them end as parse failures. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private submit(job: ParseJob): Promise<PooledParse> {
    if (this.closed) return Promise.resolve(failed(job, 'the parse pool is closed'));
    // Without any thread to run on, parsing slowly here beats not serving the content.
    if (this.workers.length === 0) return Promise.resolve(received(runParseJob(job, this.options)));
    const target = this.workers.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
    return new Promise((resolve) => {
      if (target.pending.size === 0) target.worker.ref();
      target.pending.set(job.id, { job, resolve });
      target.worker.postMessage(job);
    });
  }

  private spawn(): PoolWorker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { options: this.options }, execArgv: WORKER_EXEC_ARGV });
    const entry: PoolWorker = { worker, pending: new Map(), proven: false };
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      const pending = entry.pending.get(reply.id);
      if (pending === undefined) return;
      entry.proven = true;
      entry.pending.delete(reply.id);
      if (entry.pending.size === 0) worker.unref();
      pending.resolve(received(reply));
    });
    // A thread that dies (out of memory, a crash in native code) costs the files it held, not the load.
    const retire = (reason: string) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      if (this.closed || !entry.proven) this.workers.splice(index, 1);
      else this.workers[index] = this.spawn();
      for (const { job, resolve } of entry.pending.values()) resolve(failed(job, reason));
      entry.pending.clear();
    };
    worker.on('error', (error) => retire(`the parsing thread failed: ${error.message}`));
    worker.on('exit', (code) => retire(`the parsing thread stopped (exit code ${code})`));
    return entry;
  }
}

function received(reply: ParseReply): PooledParse {
  return { contentHash: reply.contentHash, outcome: reply.outcome === null ? null : decodeOutcome(reply.outcome) };
}

function failed(job: ParseJob, reason: string): PooledParse {
  const diagnostic: Diagnostic = { path: job.file.path, severity: 'error', code: 'PARSE_FAILED', message: `unexpected failure while parsing: ${reason}` };
  return { contentHash: job.kind === 'parse' ? job.file.contentHash : null, outcome: { post: null, diagnostics: [diagnostic] } };
}
