/**
 * The parsers (markdown-it, the sanitiser, the YAML readers), loaded on first use. The serving thread
 * never needs them, nor does a parse thread that finds every file unchanged in the cache, and loading
 * them costs each thread about half a second of CPU that a warm start would otherwise wait for.
 */
type Parsers = typeof import('./parse-post');

let loaded: Parsers | undefined;
let announce: ((stage: 'loading' | 'loaded') => void) | undefined;

/** Tells `listener` when the parsers start and finish loading: a parse thread keeps that out of a job's time budget. */
export function onParsersLoad(listener: (stage: 'loading' | 'loaded') => void): void {
  announce = listener;
}

export function parsers(): Parsers {
  if (loaded === undefined) {
    announce?.('loading');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load that must be synchronous; import() would go through the ESM loader
    loaded = require('./parse-post') as Parsers;
    announce?.('loaded');
  }
  return loaded;
}
