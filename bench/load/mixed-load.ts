/**
 * Mixed load over loopback with autocannon: every connection sends the operations in turn, as
 * POSTs (executed every time) or GETs (which the response cache may answer), and every answer
 * goes through the consistency check. The run is bounded by a request count and a duration.
 */
import autocannon from 'autocannon';
import type { ConsistencyCheck } from './consistency';
import type { LoadOperation } from './operations';

export type Transport = 'post' | 'get' | 'both';

export interface MixedLoadSettings {
  connections: number;
  maxRequests: number;
  durationSeconds: number;
  transport: Transport;
}

export interface MixedLoadFigures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** The parts of autocannon's API used here beyond those `bench/autocannon.d.ts` declares. */
interface CannonRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  onResponse(status: number, body: string): void;
}

interface CannonOptions extends autocannon.Options {
  /** Sent in turn by every connection, over and over. */
  requests: CannonRequest[];
  /** Ends the run after this many requests, or at `duration`, whichever comes first. */
  maxOverallRequests: number;
}

interface CannonResult extends autocannon.Result {
  /** Seconds. */
  duration: number;
  latency: autocannon.Histogram & { max: number };
  statusCodeStats: Record<string, { count: number }>;
}

const cannon = autocannon as unknown as (options: CannonOptions) => Promise<CannonResult>;

export async function runMixedLoad(
  url: string,
  operations: readonly LoadOperation[],
  settings: MixedLoadSettings,
  check: ConsistencyCheck,
): Promise<MixedLoadFigures> {
  const endpoint = new URL(url);
  const requests = operations.flatMap((operation) => {
    const onResponse = (status: number, body: string) => {
      check.record(operation, status, body);
    };
    const post: CannonRequest = {
      method: 'POST',
      path: endpoint.pathname,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      onResponse,
    };
    const search = new URLSearchParams({ query: operation.query, variables: JSON.stringify(operation.variables) });
    // The header is one of those that let a GET past the CSRF check.
    const get: CannonRequest = {
      method: 'GET',
      path: `${endpoint.pathname}?${search.toString()}`,
      headers: { 'apollo-require-preflight': 'true' },
      onResponse,
    };
    return settings.transport === 'post' ? [post] : settings.transport === 'get' ? [get] : [post, get];
  });
  const result = await cannon({
    url: endpoint.origin,
    connections: settings.connections,
    maxOverallRequests: settings.maxRequests,
    duration: settings.durationSeconds,
    requests,
  });
  const requestsDone = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
  return {
    requests: requestsDone,
    seconds: result.duration,
    requestsPerSecond: Math.round(requestsDone / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
  };
}
