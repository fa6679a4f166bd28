/**
 * The graphql-ws protocol over `ws` sockets. graphql-ws ships this glue (`graphql-ws/use/ws`),
 * but it prints every failure to stderr with its stack; here each one goes to the structured
 * log instead, and the close reason names no internals in production.
 */
import { CloseCode, type Server } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../logger';

/** How often an idle socket is pinged; one that has not answered by the next ping is cut. */
const KEEP_ALIVE_MS = 12_000;

/** What graphql-ws hands each hook about the socket of the operation. */
export interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
}

/** WebSocket close reasons are limited to 123 bytes. */
function closeReason(reason: string, production: boolean): string {
  return !production && Buffer.byteLength(reason) < 124 ? reason : 'Internal server error';
}

/** A message's text: under its default `binaryType` ws hands each whole message over as one Buffer. */
function messageText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString();
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString();
}

/** Serves every connection of `webSocketServer` with `server`; the result closes them all. */
export function serveSockets(
  server: Server<SocketExtra>,
  webSocketServer: WebSocketServer,
  logger: Logger,
  production: boolean,
): () => Promise<void> {
  webSocketServer.on('error', (error) => {
    logger.error({ err: error }, 'WebSocket server failed');
  });
  webSocketServer.on('connection', (socket, request) => {
    // Frames over the size limit, bad framing and resets: ws has already closed the socket with
    // the matching code (1009 for a frame too large); this only records it.
    socket.once('error', (error) => {
      logger.warn({ err: error, url: request.url }, `WebSocket connection failed: ${error.message}`);
    });
    let alive = true;
    socket.on('pong', () => (alive = true));
    const keepAlive = setInterval(() => {
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) {
              resolve();
              return;
            }
            socket.send(data, (error) => {
              if (error) reject(error);
              else resolve();
            });
          }),
        close: (code, reason) => {
          socket.close(code, reason);
        },
        onMessage: (handle) => {
          const relay = async (data: RawData) => {
            try {
              await handle(messageText(data));
            } catch (error) {
              logger.error({ err: error, url: request.url }, 'WebSocket message failed');
              socket.close(CloseCode.InternalServerError, closeReason(error instanceof Error ? error.message : String(error), production));
            }
          };
          socket.on('message', (data) => {
            void relay(data);
          });
        },
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      void closed(code, String(reason));
    });
  });
  return async () => {
    for (const client of webSocketServer.clients) client.close(1001, 'Going away');
    webSocketServer.removeAllListeners();
    await new Promise<void>((resolve, reject) => {
      webSocketServer.close((error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  };
}
