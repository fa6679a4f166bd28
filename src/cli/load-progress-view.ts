/**
 * Shows a first load's progress while it runs: a bar redrawn in place on a terminal, otherwise
 * a line at the start and every few seconds, so a load of minutes is never silent.
 */
import { describeLoadProgress, type LoadProgress, type LoadProgressReport } from '../content/load-progress';

export const PROGRESS_LINE_INTERVAL_MS = 5000;
const BAR_REDRAW_MS = 100;
const BAR_WIDTH = 30;

export type ProgressLine = (report: LoadProgressReport, text: string) => void;

/** The stream itself when it is a terminal a bar can be drawn on, otherwise null. */
export function terminalOf(stream: NodeJS.WritableStream): NodeJS.WritableStream | null {
  return (stream as Partial<NodeJS.WriteStream>).isTTY === true ? stream : null;
}

/** Starts showing `progress`; the returned function stops and clears the bar. */
export function showLoadProgress(progress: LoadProgress, terminal: NodeJS.WritableStream | null, line: ProgressLine): () => void {
  if (terminal === null) {
    const log = () => {
      const report = progress.report();
      line(report, describeLoadProgress(report));
    };
    log();
    const timer = setInterval(log, PROGRESS_LINE_INTERVAL_MS).unref();
    return () => {
      clearInterval(timer);
    };
  }
  const draw = () => terminal.write(`\r\x1b[2K${progressBar(progress.report())}`);
  draw();
  const timer = setInterval(draw, BAR_REDRAW_MS).unref();
  return () => {
    clearInterval(timer);
    terminal.write('\r\x1b[2K');
  };
}

function progressBar(report: LoadProgressReport): string {
  const share = report.files ? Math.min(1, report.parsed / report.files) : 0;
  const filled = Math.round(share * BAR_WIDTH);
  return `loading [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${describeLoadProgress(report)}`;
}
