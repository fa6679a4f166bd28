/**
 * How far a first load has come: files found by the walk, files read and parsed so far, and the
 * rate and time left those give. The CLI draws it as a bar or logs it; `/readyz` answers with it.
 */
import { performance } from 'node:perf_hooks';

export interface LoadProgressReport {
  /** Markdown files found by the walk; null while the walk is still running. */
  files: number | null;
  /** Files read and parsed (or skipped as hidden or duplicate) so far. */
  parsed: number;
  elapsedMs: number;
  /** Null until a file is parsed. */
  filesPerSecond: number | null;
  /** Null until the total and a rate are known. */
  secondsLeft: number | null;
  done: boolean;
}

export class LoadProgress {
  private files: number | null = null;
  private parsed = 0;
  private finishedAt: number | null = null;
  private readonly startedAt = performance.now();

  /** The walk is over: `files` are to be read. */
  found(files: number): void {
    this.files = files;
  }

  /** One more file is read and parsed. */
  advance(count = 1): void {
    this.parsed += count;
  }

  finish(): void {
    this.finishedAt ??= performance.now();
  }

  report(): LoadProgressReport {
    const elapsedMs = (this.finishedAt ?? performance.now()) - this.startedAt;
    const filesPerSecond = this.parsed > 0 && elapsedMs > 0 ? (this.parsed * 1000) / elapsedMs : null;
    const secondsLeft = this.files !== null && filesPerSecond !== null ? Math.max(0, this.files - this.parsed) / filesPerSecond : null;
    return {
      files: this.files,
      parsed: this.parsed,
      elapsedMs: Math.round(elapsedMs),
      filesPerSecond: filesPerSecond === null ? null : Math.round(filesPerSecond),
      secondsLeft: secondsLeft === null ? null : Math.round(secondsLeft * 10) / 10,
      done: this.finishedAt !== null,
    };
  }
}

/** `1,200 of 5,000 files, 850 files/s, about 4 s left`: the words of the log line and the bar. */
export function describeLoadProgress({ files, parsed, filesPerSecond, secondsLeft }: LoadProgressReport): string {
  if (files === null) return 'finding files';
  const rate = filesPerSecond === null ? '' : `, ${filesPerSecond.toLocaleString('en')} files/s`;
  const left = secondsLeft === null ? '' : `, about ${Math.ceil(secondsLeft)} s left`;
  return `${parsed.toLocaleString('en')} of ${files.toLocaleString('en')} files${rate}${left}`;
}
