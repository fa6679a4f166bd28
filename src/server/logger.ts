import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON lines on stdout; `debug` adds one line per request. */
export function createLogger(debug: boolean, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino({ name: 'content-gateway', level: debug ? 'debug' : 'info' }, destination);
}
