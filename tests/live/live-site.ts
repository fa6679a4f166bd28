/** A served content folder in a temporary directory, watched, with helpers to wait for changes. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ContentChange, ContentStore } from '../../src/content/content-store';
import { openWatchedContent, type ContentWatcher, type ReloadReport } from '../../src/content/watch';
import type { ServerOptions } from '../../src/server';
import { startTestServer, type TestServer } from '../helpers/harness';
import { makeTree } from '../helpers/temp-tree';

export interface LiveSite {
  root: string;
  server: TestServer;
  store: ContentStore;
  watcher: ContentWatcher;
  /** Every reload so far, in order. */
  reloads: ReloadReport[];
  close(): Promise<void>;
}

export async function startLiveSite(files: Record<string, string>, overrides: Partial<ServerOptions> = {}): Promise<LiveSite> {
  const tree = await makeTree(files);
  const reloads: ReloadReport[] = [];
  const { store, watcher } = await openWatchedContent(tree.root, {}, { onReload: (report) => reloads.push(report) });
  const server = await startTestServer({ content: store, debug: false, ...overrides });
  return {
    root: tree.root,
    server,
    store,
    watcher,
    reloads,
    async close() {
      await server.close();
      await watcher.close();
      await tree.remove();
    },
  };
}

/** Polls `probe` until it returns something other than null or undefined; fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | null | undefined | Promise<T | null | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined) return value;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A `contentChanged` event as the subscription sends it; `keys` when selected. */
export type ContentChangedEvent = Omit<ContentChange, 'touched'> & { keys?: string[] };

/** A graphql-ws client collecting `contentChanged` events. */
export interface ChangeFeed {
  events: ContentChangedEvent[];
  close(): Promise<void>;
}

export function subscribeToChanges(url: string, selection = 'version added updated removed'): ChangeFeed {
  const client: Client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  const events: ContentChangedEvent[] = [];
  const unsubscribe = client.subscribe<{ contentChanged: ContentChangedEvent }>(
    { query: `subscription { contentChanged { ${selection} } }` },
    {
      next: ({ data, errors }) => {
        if (errors) throw new Error(JSON.stringify(errors));
        if (data) events.push(data.contentChanged);
      },
      error: (error) => {
        throw error instanceof Error ? error : new Error(JSON.stringify(error));
      },
      complete: () => undefined,
    },
  );
  return {
    events,
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}
