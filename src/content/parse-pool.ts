/**
 * Parses posts on worker threads, so a load uses every core. Each worker reads, hashes and parses
 * whole files; the results come back as text (`encodeOutcome`) and are made whole again here.
 * Workers start with the first job and stop after a while without one, since each holds the
 * parsers' memory (some 60 MiB); idle ones never keep the process alive.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { moduleWorker } from './module-worker';
import { readStampedEntry, type CacheUse } from './cache/read-through';
import type { Pack } from './cache/pack-file';
import { runParseJob, type ParseJob, type ParseReply } from './parse-job';
import { decodeOutcome, PARSERS_LOADING, WORKER_READY } from './parse-wire';
import type { FoundFile } from './scan';
import type { Diagnostic, IndexedOutcome } from './parsed-post';
import type { ContentOptions } from './options';

/** A file that was read and parsed, or found unchanged. */
export interface PooledParse {
  /** The file's `revisionOf`; null when the file could not be read, and `outcome` then holds the reason. */
  contentHash: string | null;
  /** Null when the revision is the `knownHash` given: nothing was parsed. */
  outcome: IndexedOutcome | null;
  /** How the cache served the read, when it went through one. */
  cache?: CacheUse;
}

interface PendingJob {
  job: ParseJob;
  resolve: (result: PooledParse) => void;
}

interface PoolWorker {
  worker: Worker;
  /** In the order sent; a thread runs its jobs one after another, so the first is the one running. */
  pending: Map<number, PendingJob>;
  /** Fires when the running job has taken longer than the parse time budget. */
  deadline: NodeJS.Timeout | null;
  /** Whether the thread is running and not loading the parsers; deadlines run only then. */
  ready: boolean;
  /** Whether the thread has answered a job; one that dies before is not started again, which could loop. */
  proven: boolean;
}

/** The module whose `serveParseJobs` each worker runs. */
const JOB_MODULE = require.resolve('./parse-job');

/**
 * Reads on the serving thread resolve at once, so a load of cached files would hold the event loop
 * until its end; every so many the load waits a turn, and `/healthz` and `/readyz` still answer.
 */
const READS_BETWEEN_YIELDS = 200;

/** How long workers stay up without a job: long enough to carry one load's bursts of files over. */
const DEFAULT_IDLE_MS = 5_000;

const sharedPools = new Map<string, ParsePool>();

export class ParsePool {
  /**
   * One pool per set of options for the whole process: stores that parse alike share their
   * threads instead of each starting its own.
   */
  static shared(options: ContentOptions): ParsePool {
    const key = JSON.stringify(options);
    let pool = sharedPools.get(key);
    if (pool === undefined) sharedPools.set(key, (pool = new ParsePool(options)));
    return pool;
  }

  private workers: PoolWorker[] = [];
  private nextId = 0;
  private closed = false;
  /** Set once a worker died before answering anything: starting more would only fail again. */
  private cannotStart = false;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Files read on this thread (see `readAndParse`), to let other work in between every so many. */
  private readHere = 0;

  /** Up to `size` worker threads, one per core by default, stopped after `idleMs` without a job. */
  constructor(
    private readonly options: ContentOptions,
    readonly size: number = os.availableParallelism(),
    private readonly idleMs: number = DEFAULT_IDLE_MS,
  ) {}

  /** Worker threads up at the moment: none before the first job and after a while without one. */
  get runningThreads(): number {
    return this.workers.length;
  }

  /**
   * Reads, hashes and parses a file, with the checks of `readMarkdownFileSync`. When its revision (`revisionOf`: the
   * bytes' hash, and the modification time when `updated` falls back to it) is `knownHash`, it is not parsed again
   * and the outcome is null. With a `cacheDirectory`, the file's entry there is used when it matches and written
   * when it does not (see `readThroughCache`); a `pack` of the directory's entries is looked at first.
   */
  async readAndParse(
    file: FoundFile,
    knownHash: string | null = null,
    cacheDirectory: string | null = null,
    pack: Pack | null = null,
  ): Promise<PooledParse> {
    // A file its cache entry's stamp vouches for is read here: posting it to a thread costs more than reading it.
    const stamped = cacheDirectory === null ? null : readStampedEntry(file, knownHash, cacheDirectory, pack);
    if (stamped !== null) {
      if (++this.readHere % READS_BETWEEN_YIELDS === 0) await new Promise(setImmediate);
      return received({ id: -1, ...stamped });
    }
    const { path: relative, rawPath, absolutePath, hidden } = file;
    return this.submit({
      id: this.nextId++,
      file: { path: relative, rawPath, absolutePath, hidden },
      knownHash,
      cacheDirectory,
    });
  }

  /**
   * Stops the threads now if none has a job. After a whole load no more work is likely soon, and
   * every thread holds its parsers' memory and the garbage of the files it parsed.
   */
  async releaseIdleThreads(): Promise<void> {
    if (this.workers.every((candidate) => candidate.pending.size === 0)) await this.stopWorkers();
  }

  /** Stops the worker threads; jobs still running on them end as parse failures. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopWorkers();
  }

  private async stopWorkers(): Promise<void> {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const stopping = this.workers;
    // Out of the list first, so their exit is not taken for a crash.
    this.workers = [];
    for (const { pending } of stopping) {
      for (const { job, resolve } of pending.values()) resolve(failed(job, 'the parse pool is closed'));
      pending.clear();
    }
    await Promise.all(stopping.map(({ worker }) => worker.terminate()));
  }

  private submit(job: ParseJob): Promise<PooledParse> {
    if (this.closed) return Promise.resolve(failed(job, 'the parse pool is closed'));
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.cannotStart) while (this.workers.length < Math.max(1, this.size)) this.workers.push(this.spawn());
    // Without any thread to run on, parsing slowly here beats not serving the content.
    if (this.workers.length === 0) return Promise.resolve(received(runParseJob(job, this.options)));
    const target = this.workers.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
    return new Promise((resolve) => {
      if (target.pending.size === 0) target.worker.ref();
      target.pending.set(job.id, { job, resolve });
      target.worker.postMessage(job);
      this.armDeadline(target);
    });
  }

  private spawn(): PoolWorker {
    const worker = moduleWorker(JOB_MODULE, 'serveParseJobs', { workerData: { options: this.options } });
    const entry: PoolWorker = { worker, pending: new Map(), deadline: null, ready: false, proven: false };
    worker.unref();
    worker.on('message', (reply: ParseReply | typeof WORKER_READY | typeof PARSERS_LOADING) => {
      if (reply === PARSERS_LOADING) {
        entry.ready = false;
        this.clearDeadline(entry);
        return;
      }
      if (reply === WORKER_READY) {
        entry.ready = true;
        this.armDeadline(entry);
        return;
      }
      const pending = entry.pending.get(reply.id);
      if (pending === undefined) return;
      entry.proven = true;
      entry.pending.delete(reply.id);
      this.clearDeadline(entry);
      this.armDeadline(entry);
      if (entry.pending.size === 0) worker.unref();
      pending.resolve(received(reply));
      if (this.workers.every((candidate) => candidate.pending.size === 0)) this.stopWhenIdle();
    });
    // A thread that dies (out of memory, a crash in native code) costs the files it held, not the load.
    const retire = (reason: string) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      if (!entry.proven) this.cannotStart = true;
      if (this.cannotStart) this.workers.splice(index, 1);
      else this.workers[index] = this.spawn();
      this.clearDeadline(entry);
      for (const { job, resolve } of entry.pending.values()) resolve(failed(job, reason));
      entry.pending.clear();
    };
    worker.on('error', (error) => {
      retire(`the parsing thread failed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      retire(`the parsing thread stopped (exit code ${code})`);
    });
    return entry;
  }

  private armDeadline(entry: PoolWorker): void {
    if (!entry.ready || entry.deadline !== null || entry.pending.size === 0) return;
    entry.deadline = setTimeout(() => {
      this.abandonRunningJob(entry);
    }, this.options.parseTimeoutMs);
    entry.deadline.unref();
  }

  private clearDeadline(entry: PoolWorker): void {
    if (entry.deadline !== null) clearTimeout(entry.deadline);
    entry.deadline = null;
  }

  /**
   * Some inputs make the HTML and markdown parsers superlinear; a thread cannot be interrupted
   * mid-parse, so it is stopped: the running file is reported, the jobs queued behind it move
   * to a fresh thread.
   */
  private abandonRunningJob(entry: PoolWorker): void {
    entry.deadline = null;
    const index = this.workers.indexOf(entry);
    if (index === -1) return;
    this.workers.splice(index, 1);
    const queued = [...entry.pending.values()];
    entry.pending.clear();
    void entry.worker.terminate();
    // The first job is the running one (the deadline is armed only while there is one).
    const running = queued.shift();
    if (running) {
      const seconds = this.options.parseTimeoutMs / 1000;
      running.resolve(failed(running.job, `parsing took longer than ${seconds} s and was stopped`, 'PARSE_TIMEOUT'));
    }
    for (const { job, resolve } of queued) void this.submit(job).then(resolve);
  }

  private stopWhenIdle(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.stopWorkers(), this.idleMs);
    this.idleTimer.unref();
  }
}

function received({ contentHash, outcome, cache }: ParseReply): PooledParse {
  return { contentHash, outcome: outcome === null ? null : decodeOutcome(outcome), ...(cache && { cache }) };
}

function failed(job: ParseJob, reason: string, code: 'PARSE_FAILED' | 'PARSE_TIMEOUT' = 'PARSE_FAILED'): PooledParse {
  const message = code === 'PARSE_TIMEOUT' ? reason : `unexpected failure while parsing: ${reason}`;
  const diagnostic: Diagnostic = { path: job.file.path, severity: 'error', code, message };
  return { contentHash: null, outcome: { post: null, diagnostics: [diagnostic] } };
}
