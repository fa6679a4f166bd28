import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** `pretty` for people at a terminal, `json` (one object a line) for log collectors. */
export type LogFormat = 'pretty' | 'json';

export const LOG_FORMATS: readonly LogFormat[] = ['pretty', 'json'];

/** Pretty on a terminal, JSON lines otherwise, as pino users expect. */
export function defaultLogFormat(destination: NodeJS.WritableStream): LogFormat {
  return (destination as Partial<NodeJS.WriteStream>).isTTY === true ? 'pretty' : 'json';
}

/** Log lines on stdout, JSON or pretty-printed; `debug` adds one line per request. */
export function createLogger(
  debug: boolean,
  destination: NodeJS.WritableStream = process.stdout,
  format: LogFormat = defaultLogFormat(destination),
): Logger {
  const options = { name: 'content-gateway', level: debug ? 'debug' : 'info' };
  if (format === 'json') return pino(options, destination);
  // In-process and synchronous: a worker-thread transport could lose the last lines at exit.
  const colorize = (destination as Partial<NodeJS.WriteStream>).isTTY === true;
  return pino(options, pretty({ destination, sync: true, colorize, ignore: 'pid,hostname' }));
}
