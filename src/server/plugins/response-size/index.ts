/**
 * Bounds the size of one answer. The cost and page limits bound how many objects an operation
 * reaches, not how large one value is: the whole HTML of a long post, asked for under every alias,
 * made a 54 MB answer. An answer over the limit is refused whole, never cut short, so a client
 * never takes a truncated answer for a complete one.
 *
 * The check reads the length of the text the engine already wrote (the GraphQL handler calls it),
 * rather than serialising every answer a second time to measure it.
 */
import type { CompleteAnswer } from '../../http/pipeline';
import { DO_NOT_STORE } from '../response-cache/policy';

export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 2 ** 20;
export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';

/** The answer itself when it fits in `maxBytes`, else the refusal to send instead. */
export function boundedAnswer(answer: CompleteAnswer, maxBytes: number): CompleteAnswer {
  const bytes = Buffer.byteLength(answer.body);
  if (bytes <= maxBytes) return answer;
  // Only a refusal pays for reading the answer back, to keep its extensions (the debug loader counts).
  const { extensions } = JSON.parse(answer.body) as { extensions?: unknown };
  const headers = new Map(answer.headers);
  // A refusal is not the answer its request has: no cache may keep it or revalidate it by tag.
  headers.delete('etag');
  headers.set('cache-control', DO_NOT_STORE);
  const refusal = {
    data: null,
    errors: [
      {
        message: `Response size limit of ${maxBytes} bytes exceeded (the answer held ${bytes}); ask for fewer or shorter fields.`,
        extensions: { code: RESPONSE_TOO_LARGE },
      },
    ],
    extensions,
  };
  return { status: answer.status, headers, body: `${JSON.stringify(refusal)}\n` };
}
