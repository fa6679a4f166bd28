/**
 * The hostile soak: the usual mixed load from benign clients (`loadWhileEditing`, content left
 * alone) while hostile clients send, at the same time and each request distinct from the last,
 * documents padded just under the query-text limit, `articles` filters with a new `dateFrom`,
 * long quoted search phrases at (and sometimes over) the phrase limit, string variables of
 * about 512 KiB and automatic persisted query registrations. It runs for a fixed time and
 * reports resident memory, the benign clients' throughput, p99 and 5xx answers, and the hostile
 * answers by status and error code. No time is asserted; the only failure is a benign 5xx.
 */
import { createHash } from 'node:crypto';
import type { GatewayProcess } from './gateway-process';
import type { MixedLoadFigures } from './mixed-load';
import { loadWhileEditing, type EditedSite } from './scenario';

export interface SoakSettings {
  durationSeconds: number;
  /** Benign autocannon connections. */
  connections: number;
  /** Hostile clients, each sending one request at a time. */
  hostileClients: number;
  /** The gateway's `--max-query-bytes`; padded documents stay just under it. */
  maxQueryBytes: number;
  /** The kinds sent, in turn; all of them by default. */
  kinds?: readonly HostileKind[];
}

export type HostileKind = 'padded document' | 'dateFrom filter' | 'search phrases' | 'large variable' | 'APQ registration';

export interface SoakFigures {
  durationSeconds: number;
  hostileKinds: readonly HostileKind[];
  rssAtReadyMiB: number;
  /** Highest resident set sampled every `RSS_SAMPLE_MS` during the soak. */
  peakRssDuringSoakMiB: number;
  rssAtEndMiB: number;
  /** After `SETTLE_MS` with no load. */
  rssSettledMiB: number;
  /** Every `RSS_SAMPLE_MS`. */
  rssSamplesMiB: number[];
  benign: MixedLoadFigures & { status5xx: number };
  /** Benign answers that contradicted themselves or failed the consistency check. */
  benignInconsistent: number;
  hostile: {
    requests: number;
    requestsPerSecond: number;
    /** `"<status> <first error code or ok>"` -> count, per kind of hostile request. */
    answers: Record<HostileKind, Record<string, number>>;
  };
}

const RSS_SAMPLE_MS = 500;
const SETTLE_MS = 5000;
const LARGE_VARIABLE_BYTES = 512 * 1024;
const PHRASE_WORDS = 12;
const QUERY_WORDS = 32;
const SEARCH_ALIASES = 5;
const HOSTILE_TIMEOUT_MS = 30_000;

export const HOSTILE_KINDS: readonly HostileKind[] = [
  'padded document',
  'dateFrom filter',
  'search phrases',
  'large variable',
  'APQ registration',
];

/** A hostile request body; `n` makes it distinct from every other. */
export function hostileBody(kind: HostileKind, n: number, maxQueryBytes: number): Record<string, unknown> {
  switch (kind) {
    case 'padded document': {
      const head = `query Padded${n} { contentStatus { version } }\n#`;
      // The padding is ASCII, so characters are bytes; 64 bytes of margin below the limit.
      const padding = maxQueryBytes - Buffer.byteLength(head) - 64;
      return { query: head + `${n} `.repeat(Math.ceil(padding / `${n} `.length)).slice(0, padding) };
    }
    case 'dateFrom filter': {
      const dateFrom = new Date(Date.UTC(1990, 0, 1) + n * 61_000).toISOString();
      return {
        query: `query Since($dateFrom: DateTimeISO!) { articles(first: 10, filter: { dateFrom: $dateFrom }) { totalCount nodes { title } } }`,
        variables: { dateFrom },
      };
    }
    case 'search phrases': {
      // Every fourth request has a phrase one word over the limit: refused with BAD_USER_INPUT.
      const over = n % 4 === 3;
      const fields = Array.from({ length: SEARCH_ALIASES }, (_, alias) => {
        const words = (count: number, offset: number) =>
          Array.from({ length: count }, (_, i) => word(n * 97 + alias * 31 + offset + i)).join(' ');
        const phrases = over
          ? [words(PHRASE_WORDS + 1, 0)]
          : [words(PHRASE_WORDS, 0), words(PHRASE_WORDS, 12), words(QUERY_WORDS - 2 * PHRASE_WORDS, 24)];
        const text = phrases.map((phrase) => `"${phrase}"`).join(' ');
        return `s${alias}: search(query: ${JSON.stringify(text)}, first: 1) { totalCount }`;
      });
      return { query: `query Phrases${n} { ${fields.join(' ')} }` };
    }
    case 'large variable': {
      const slug = `${n}-`.padEnd(LARGE_VARIABLE_BYTES, 'x');
      return { query: 'query Big($slug: String!) { article(slug: $slug) { title } }', variables: { slug } };
    }
    case 'APQ registration': {
      const query = `query Registered${n} { contentStatus { version } }`;
      return { query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } };
    }
  }
}

/** Short pseudo-words, distinct for distinct `i`, so 32 of them fit the 256-character query. */
function word(i: number): string {
  return `q${(Math.imul(i + 1, 2654435761) >>> 0).toString(36).slice(0, 4)}`;
}

export async function hostileSoak(gateway: GatewayProcess, site: EditedSite, settings: SoakSettings): Promise<SoakFigures> {
  const rssAtReadyMiB = gateway.rssMiB();
  const rssSamplesMiB: number[] = [];
  const sampler = setInterval(() => rssSamplesMiB.push(gateway.rssMiB()), RSS_SAMPLE_MS);
  const kinds = settings.kinds ?? HOSTILE_KINDS;
  const answers = Object.fromEntries(kinds.map((kind) => [kind, {}])) as SoakFigures['hostile']['answers'];
  let stopped = false;
  let sent = 0;
  const hostileStarted = performance.now();
  const client = async (id: number) => {
    for (let i = id; !stopped; i += settings.hostileClients) {
      const kind = kinds[i % kinds.length];
      const outcome = await send(gateway.url, hostileBody(kind, i, settings.maxQueryBytes));
      sent++;
      answers[kind][outcome] = (answers[kind][outcome] ?? 0) + 1;
    }
  };
  const clients = Array.from({ length: settings.hostileClients }, (_, id) => client(id));
  let benign;
  try {
    benign = await loadWhileEditing(gateway, site, {
      connections: settings.connections,
      maxRequests: Number.MAX_SAFE_INTEGER,
      durationSeconds: settings.durationSeconds,
      transport: 'both',
      edit: false,
    });
  } finally {
    stopped = true;
    await Promise.all(clients);
    clearInterval(sampler);
  }
  const hostileSeconds = (performance.now() - hostileStarted) / 1000;
  const rssAtEndMiB = gateway.rssMiB();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const { load, consistency } = benign;
  return {
    durationSeconds: settings.durationSeconds,
    hostileKinds: kinds,
    rssAtReadyMiB,
    peakRssDuringSoakMiB: Math.max(rssAtReadyMiB, ...rssSamplesMiB),
    rssAtEndMiB,
    rssSettledMiB: gateway.rssMiB(),
    rssSamplesMiB: rssSamplesMiB.filter((_, i) => i % 4 === 3),
    benign: {
      ...load,
      status5xx: Object.entries(load.statusCodes).reduce((sum, [code, count]) => sum + (Number(code) >= 500 ? count : 0), 0),
    },
    benignInconsistent: consistency.failed + consistency.inconsistent,
    hostile: { requests: sent, requestsPerSecond: Math.round(sent / hostileSeconds), answers },
  };
}

/** `"<status> <code>"`, the code being the first error's `extensions.code`, `ok` without errors. */
async function send(url: string, body: Record<string, unknown>): Promise<string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(HOSTILE_TIMEOUT_MS),
    });
    const text = await response.text();
    let code = 'ok';
    try {
      const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
      if (parsed.errors?.length) code = parsed.errors[0]?.extensions?.code ?? 'no code';
    } catch {
      code = 'not JSON';
    }
    return `${response.status} ${code}`;
  } catch (error) {
    return `no answer: ${error instanceof Error ? error.name : 'error'}`;
  }
}

export function soakPassed(figures: SoakFigures): boolean {
  return figures.benign.status5xx === 0;
}

export function formatSoak(figures: SoakFigures): string {
  const { benign, hostile } = figures;
  return [
    `hostile soak, ${figures.durationSeconds} s: RSS ${figures.rssAtReadyMiB} MiB at ready, peak ${figures.peakRssDuringSoakMiB} MiB, ${figures.rssAtEndMiB} MiB at the end, ${figures.rssSettledMiB} MiB ${SETTLE_MS / 1000} s later`,
    `  RSS every 2 s (MiB): ${figures.rssSamplesMiB.join(' ')}`,
    `  benign: ${benign.requests} requests (${benign.requestsPerSecond}/s), p50 ${benign.p50Ms} ms, p99 ${benign.p99Ms} ms, max ${benign.maxMs} ms`,
    `  benign: 5xx ${benign.status5xx}, errors ${benign.errors}, status codes ${JSON.stringify(benign.statusCodes)}, inconsistent ${figures.benignInconsistent}`,
    `  hostile: ${hostile.requests} requests (${hostile.requestsPerSecond}/s)`,
    ...Object.entries(hostile.answers).map(([kind, counts]) => `    ${kind}: ${JSON.stringify(counts)}`),
  ].join('\n');
}
