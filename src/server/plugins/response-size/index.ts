/**
 * Bounds the size of one answer. The cost and page limits bound how many objects an operation
 * reaches, not how large one value is: the whole HTML of a long post, asked for under every alias,
 * made a 54 MB answer. An answer over the limit is refused whole, never cut short, so a client
 * never takes a truncated answer for a complete one.
 */
import type { ApolloServerPlugin } from '@apollo/server';

export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 2 ** 20;
export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';

export function responseSizePlugin(maxBytes: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const bytes = Buffer.byteLength(JSON.stringify(result));
          if (bytes <= maxBytes) return;
          response.body.singleResult = {
            data: null,
            errors: [
              {
                message: `Response size limit of ${maxBytes} bytes exceeded (the answer held ${bytes}); ask for fewer or shorter fields.`,
                extensions: { code: RESPONSE_TOO_LARGE },
              },
            ],
            extensions: result.extensions,
          };
        },
      };
    },
  };
}
