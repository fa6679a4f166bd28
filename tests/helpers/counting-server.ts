/** A gateway over a content folder whose snapshot counts article lookups: an answer from a cache makes none. */
import pino from 'pino';
import { ContentStore } from '../../src/content/content-store';
import type { ContentSnapshot } from '../../src/content/model';
import type { RunningServer, ServerOptions } from '../../src/server';
import { startServerUnderTest } from './server';

export interface CountingServer {
  server: RunningServer;
  store: ContentStore;
  /** Article lookups by slug so far; a plain function, so callers may take it off the object. */
  lookups: () => number;
}

export async function serveCountingLookups(root: string, options: Partial<ServerOptions> = {}): Promise<CountingServer> {
  const store = await ContentStore.open(root);
  let lookups = 0;
  const counted = (snapshot: ContentSnapshot): ContentSnapshot =>
    new Proxy(snapshot, {
      get(target, property, receiver) {
        if (property !== 'articlesBySlug') return Reflect.get(target, property, receiver);
        return (slugs: readonly string[]) => {
          lookups += 1;
          return target.articlesBySlug(slugs);
        };
      },
    });
  const server = await startServerUnderTest({
    content: { current: () => counted(store.current()) },
    port: 0,
    logger: pino({ level: 'silent' }),
    ...options,
  });
  await server.ready;
  return { server, store, lookups: () => lookups };
}
