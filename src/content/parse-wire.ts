/**
 * A parse outcome as text, for posting between threads. JSON rather than structured cloning: the values
 * arrive as objects of the receiving context (a cloned `Date` or object would belong to the main context
 * even where the receiving code runs in another, as under a test runner), and dates travel as epoch
 * milliseconds. What is derived on first read stays lazy on both sides (see `PortableBody`).
 */
import { fromPortableBody, toPortableBody, type PortableBody } from './body/portable';
import type { ParseOutcome } from './parse-post';
import type { Diagnostic, ParsedPost, PostMeta } from './parsed-post';

interface WireOutcome {
  post:
    | (Omit<ParsedPost, 'meta' | 'body'> & {
        meta: Omit<PostMeta, 'date' | 'updated'> & { date: number | null; updated: number | null };
        body: PortableBody;
      })
    | null;
  diagnostics: Diagnostic[];
}

/** Sent once the thread runs, and again once it has loaded the parsers: a job's time budget counts from then. */
export const WORKER_READY = 'ready';
/** Sent when the first job that parses starts loading the parsers (see `parsers`): its time budget waits. */
export const PARSERS_LOADING = 'loading-parsers';

export function encodeOutcome(outcome: ParseOutcome): string {
  const { post } = outcome;
  const wire: WireOutcome = {
    post:
      post === null
        ? null
        : {
            ...post,
            meta: { ...post.meta, date: post.meta.date?.getTime() ?? null, updated: post.meta.updated?.getTime() ?? null },
            body: toPortableBody(post.body),
          },
    diagnostics: outcome.diagnostics,
  };
  return JSON.stringify(wire);
}

export function decodeOutcome(text: string): ParseOutcome {
  const { post, diagnostics } = JSON.parse(text) as WireOutcome;
  if (post === null) return { post: null, diagnostics };
  const { date, updated } = post.meta;
  return {
    post: {
      ...post,
      meta: { ...post.meta, date: date === null ? null : new Date(date), updated: updated === null ? null : new Date(updated) },
      body: fromPortableBody(post.body),
    },
    diagnostics,
  };
}
