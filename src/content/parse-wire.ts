/**
 * A parse outcome as text, for posting between threads and for the cache's entries. JSON rather than
 * structured cloning: the values arrive as objects of the receiving context (a cloned `Date` or object
 * would belong to the main context even where the receiving code runs in another, as under a test
 * runner), and dates travel as epoch milliseconds. A body's HTML travels only when it is held in the
 * heap (`IndexedPost.heldHtml`); otherwise it is in a body file (`cache/body-file.ts`).
 */
import { splitBody, type PortableHtml } from './body/portable';
import type { ParseOutcome } from './parse-post';
import type { Diagnostic, IndexedOutcome, IndexedPost, PostMeta } from './parsed-post';

interface WireOutcome {
  post: (Omit<IndexedPost, 'meta'> & { meta: Omit<PostMeta, 'date' | 'updated'> & { date: number | null; updated: number | null } }) | null;
  diagnostics: Diagnostic[];
}

/** Sent once the thread runs, and again once it has loaded the parsers: a job's time budget counts from then. */
export const WORKER_READY = 'ready';
/** Sent when the first job that parses starts loading the parsers (see `parsers`): its time budget waits. */
export const PARSERS_LOADING = 'loading-parsers';

/** What the index keeps of a parse, its body's HTML held in the heap or not; the HTML comes back apart. */
export function indexedOutcome(outcome: ParseOutcome, holdHtml: boolean): { indexed: IndexedOutcome; html: PortableHtml | null } {
  const { post, diagnostics } = outcome;
  if (post === null) return { indexed: { post: null, diagnostics }, html: null };
  const { outline, html } = splitBody(post.body);
  return { indexed: { post: { ...post, body: outline, heldHtml: holdHtml ? html : null }, diagnostics }, html };
}

export function encodeOutcome(outcome: IndexedOutcome): string {
  const { post } = outcome;
  const wire: WireOutcome = {
    post:
      post === null
        ? null
        : { ...post, meta: { ...post.meta, date: post.meta.date?.getTime() ?? null, updated: post.meta.updated?.getTime() ?? null } },
    diagnostics: outcome.diagnostics,
  };
  return JSON.stringify(wire);
}

export function decodeOutcome(text: string): IndexedOutcome {
  const { post, diagnostics } = JSON.parse(text) as WireOutcome;
  if (post === null) return { post: null, diagnostics };
  const { date, updated } = post.meta;
  return {
    post: {
      ...post,
      meta: { ...post.meta, date: date === null ? null : new Date(date), updated: updated === null ? null : new Date(updated) },
    },
    diagnostics,
  };
}
