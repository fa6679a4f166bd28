/**
 * Reads the heap of another Node process through its inspector (`node --inspect`), after a full
 * collection there. The process under test runs no test code: the figure is its own heap, not
 * the test runner's, and no flag of the product is needed to force a collection.
 */
import WebSocket from 'ws';

export interface HeapProbe {
  /** Bytes of the heap in use right after two full collections. */
  usedAfterGc(): Promise<number>;
  close(): void;
}

/** The inspector's address, from the `Debugger listening on ws://...` line `node --inspect` prints. */
export function inspectorUrl(stderrLine: string): string | null {
  return /Debugger listening on (ws:\/\/\S+)/.exec(stderrLine)?.[1] ?? null;
}

export async function openHeapProbe(url: string): Promise<HeapProbe> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: unknown };
    if (message.id === undefined) return;
    pending.get(message.id)?.(message.error ? Promise.reject(new Error(JSON.stringify(message.error))) : message.result);
    pending.delete(message.id);
  });
  const call = <T>(method: string): Promise<T> => {
    const id = nextId++;
    socket.send(JSON.stringify({ id, method }));
    return new Promise<T>((resolve) => pending.set(id, resolve as (result: unknown) => void));
  };
  return {
    async usedAfterGc() {
      // A second collection frees what the first only unlinked (weak references, finalisers).
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      return (await call<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
    },
    close() {
      socket.close();
    },
  };
}
