/**
 * SIGTERM under load. Keep-alive clients send requests without pause; the gateway gets SIGTERM
 * while requests are in flight; the clients go on until their connections are refused.
 *
 * With `--debug` the gateway logs one line per response it finished, named by the operation,
 * and every request here has an operation name of its own, so the client's view can be
 * checked against the server's: every response the server finished must have arrived whole.
 * A request may fail only by being refused: its connection refused (the port is closed), or
 * reset before any answer and absent from the server's log, because the server closed the
 * connection before reading the request (a kept-alive connection closed as idle, which HTTP/1.1
 * allows and clients retry, or a connection still waiting in the listen queue when the port
 * closed).
 */
import http from 'node:http';
import type { GatewayProcess } from './gateway-process';

export interface ShutdownSettings {
  connections: number;
  /** Load before the signal. */
  loadBeforeSignalMs: number;
  /** The gateway is killed if it has not exited this long after SIGTERM. */
  exitTimeoutMs: number;
}

export interface ShutdownFigures {
  sent: number;
  /** Complete answers, by status. */
  statuses: Record<number, number>;
  /** Sent before the signal, answered after it: the requests in flight that were let finish. */
  inFlightCompleted: number;
  /** Of those, answers that said `Connection: close`, so the client knew not to send more on the connection. */
  inFlightClosing: number;
  /** Refused connections: the port was closed. */
  refused: number;
  /** Reset before any answer on a connection the server closed before reading the request. */
  closedUnread: number;
  /** Anything else: lost answers, resets of requests the server read, broken bodies. */
  failures: string[];
  exitCode: number | null;
  exitSignal: string | null;
  /** From sending SIGTERM to the exit of the process; includes any wait for a busy event loop to take the signal. */
  exitMs: number;
  /** From the moment the gateway logged the signal to its exit: the shutdown itself. */
  exitAfterSignalLoggedMs: number | null;
  /** Whether a request after the exit was refused. */
  refusedAfterExit: boolean;
}

interface Attempt {
  name: string;
  sentAt: number;
  reusedSocket: boolean;
  answerStarted: boolean;
  closing?: boolean;
  status?: number;
  body?: string;
  error?: string;
  settledAt?: number;
}

const ANSWER_QUERY = (name: string) =>
  `query ${name} { contentStatus { version } articles(first: 20) { nodes { title sections { heading } } } }`;

export async function sigtermUnderLoad(gateway: GatewayProcess, settings: ShutdownSettings): Promise<ShutdownFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.connections });
  const attempts: Attempt[] = [];
  let signalledAt = Infinity;
  const loop = async () => {
    for (;;) {
      const attempt = await send(gateway.url, agent, `Q${attempts.length}`, attempts);
      if (attempt.error === 'ECONNREFUSED' || performance.now() - signalledAt > settings.exitTimeoutMs) return;
    }
  };
  const loops = Array.from({ length: settings.connections }, loop);
  await new Promise((resolve) => setTimeout(resolve, settings.loadBeforeSignalMs));
  signalledAt = performance.now();
  const exit = await gateway.stop(settings.exitTimeoutMs);
  await Promise.all(loops);
  const refusedAfterExit = (await send(gateway.url, agent, 'AfterExit', [])).error === 'ECONNREFUSED';
  agent.destroy();
  const signalLogged = gateway.logs.find((line) => line.signal === 'SIGTERM')?.time;
  return {
    ...classify(attempts, finishedByServer(gateway), signalledAt),
    exitCode: exit.code,
    exitSignal: exit.signal,
    exitMs: Math.round(exit.at - signalledAt),
    exitAfterSignalLoggedMs: typeof signalLogged === 'number' ? exit.epochMs - signalLogged : null,
    refusedAfterExit,
  };
}

/** Status of every response the gateway logged as finished, by operation name. */
function finishedByServer(gateway: GatewayProcess): Map<string, number> {
  const finished = new Map<string, number>();
  for (const line of gateway.logs)
    if (line.msg === 'request' && typeof line.operationName === 'string') finished.set(line.operationName, line.status as number);
  return finished;
}

function classify(
  attempts: readonly Attempt[],
  finished: Map<string, number>,
  signalledAt: number,
): Omit<ShutdownFigures, 'exitCode' | 'exitSignal' | 'exitMs' | 'exitAfterSignalLoggedMs' | 'refusedAfterExit'> {
  const figures = {
    sent: attempts.length,
    statuses: {} as Record<number, number>,
    inFlightCompleted: 0,
    inFlightClosing: 0,
    refused: 0,
    closedUnread: 0,
    failures: [] as string[],
  };
  for (const attempt of attempts) {
    const logged = finished.get(attempt.name);
    if (attempt.status !== undefined) {
      figures.statuses[attempt.status] = (figures.statuses[attempt.status] ?? 0) + 1;
      if (attempt.sentAt < signalledAt && attempt.settledAt! >= signalledAt) {
        figures.inFlightCompleted++;
        if (attempt.closing) figures.inFlightClosing++;
      }
      const problem = answerProblem(attempt, logged);
      if (problem) figures.failures.push(`${attempt.name}: ${problem}`);
    } else if (attempt.error === 'ECONNREFUSED' && logged === undefined) {
      figures.refused++;
    } else if (!attempt.answerStarted && logged === undefined && (attempt.error === 'ECONNRESET' || attempt.error === 'EPIPE')) {
      figures.closedUnread++;
    } else {
      figures.failures.push(
        `${attempt.name}: ${attempt.error} (reused connection: ${attempt.reusedSocket}, answer started: ${attempt.answerStarted}, server logged: ${logged ?? 'nothing'})`,
      );
    }
  }
  return figures;
}

function answerProblem(attempt: Attempt, logged: number | undefined): string | null {
  if (attempt.status === 503) return null;
  if (attempt.status !== 200) return `HTTP ${attempt.status}`;
  if (logged !== 200) return `answered 200, but the server logged ${logged ?? 'nothing'}`;
  try {
    const body = JSON.parse(attempt.body!);
    return body.errors === undefined && body.data?.articles?.nodes?.length > 0
      ? null
      : `answer without data: ${attempt.body!.slice(0, 200)}`;
  } catch {
    return `broken body: ${attempt.body!.slice(0, 200)}`;
  }
}

function send(url: string, agent: http.Agent, name: string, attempts: Attempt[]): Promise<Attempt> {
  const attempt: Attempt = { name, sentAt: performance.now(), reusedSocket: false, answerStarted: false };
  attempts.push(attempt);
  const body = JSON.stringify({ query: ANSWER_QUERY(name), operationName: name });
  return new Promise((resolve) => {
    const settle = (fields: Partial<Attempt>) => {
      if (attempt.settledAt !== undefined) return;
      Object.assign(attempt, fields, { settledAt: performance.now() });
      resolve(attempt);
    };
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        attempt.answerStarted = true;
        attempt.closing = response.headers.connection?.toLowerCase() === 'close';
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          settle({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', (error: NodeJS.ErrnoException) => {
          settle({ error: error.code ?? error.message });
        });
      },
    );
    request.on('socket', () => {
      attempt.reusedSocket = request.reusedSocket;
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      settle({ error: error.code ?? error.message });
    });
    request.end(body);
  });
}
