/** A bare graphql-ws client over `ws`, so tests can send what a hostile client would: any frame, any header. */
import { once } from 'node:events';
import WebSocket from 'ws';
import type { Json } from '../helpers/json';

export interface OperationAnswer {
  type: 'next' | 'error';
  payload: Json;
}

export interface SocketConnection {
  socket: WebSocket;
  /** Sends a `subscribe` message and resolves with the first `next` or `error` for its id. */
  run(id: string, payload: Record<string, unknown>): Promise<OperationAnswer>;
  /** Sends a `subscribe` message without waiting for anything. */
  subscribe(id: string, payload: Record<string, unknown>): void;
  complete(id: string): void;
  /** The first answer for `id`, whenever it comes. */
  answer(id: string): Promise<OperationAnswer>;
  closed: Promise<{ code: number; reason: string }>;
}

export function socketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** Opens a connection and waits for `connection_ack`. */
export async function connect(httpUrl: string, headers: Record<string, string> = {}): Promise<SocketConnection> {
  const socket = new WebSocket(socketUrl(httpUrl), 'graphql-transport-ws', { headers });
  const answers = new Map<string, OperationAnswer>();
  const waiting = new Map<string, (answer: OperationAnswer) => void>();
  const closed = once(socket, 'close').then(([code, reason]) => ({ code: code as number, reason: String(reason) }));
  const acknowledged = new Promise<void>((resolve) => {
    socket.on('message', (data) => {
      // Text frames arrive as one Buffer: `ws`'s default binaryType is 'nodebuffer'.
      const message = JSON.parse((data as Buffer).toString('utf8'));
      if (message.type === 'connection_ack') {
        resolve();
        return;
      }
      if (message.type !== 'next' && message.type !== 'error') return;
      const answer = { type: message.type, payload: message.payload };
      const waiter = waiting.get(message.id);
      if (waiter) waiter(answer);
      else if (!answers.has(message.id)) answers.set(message.id, answer);
    });
  });
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await acknowledged;
  const answer = (id: string) =>
    answers.has(id) ? Promise.resolve(answers.get(id)!) : new Promise<OperationAnswer>((resolve) => waiting.set(id, resolve));
  const subscribe = (id: string, payload: Record<string, unknown>) => {
    socket.send(JSON.stringify({ id, type: 'subscribe', payload }));
  };
  return {
    socket,
    subscribe,
    complete: (id) => {
      socket.send(JSON.stringify({ id, type: 'complete' }));
    },
    answer,
    run(id, payload) {
      subscribe(id, payload);
      return answer(id);
    },
    closed,
  };
}

/** The HTTP status of a refused upgrade, or 101 when the socket opened. */
export async function upgradeStatus(httpUrl: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(socketUrl(httpUrl), 'graphql-transport-ws', { headers });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', reject);
  });
}
