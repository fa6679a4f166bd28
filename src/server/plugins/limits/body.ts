/**
 * Reads JSON request bodies up to a size limit. A bigger body is refused with 413 and a
 * GraphQL-shaped error that names the limit, as soon as the limit is passed: a declared
 * Content-Length over it is refused before anything is read, and a compressed body is
 * measured after inflating, so a small gzip bomb cannot pass it (`raw-body` stops reading
 * at the limit).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import getRawBody from 'raw-body';
import type { GatewayRequest, Middleware } from '../../http/pipeline';
import { sendRequestError } from '../http-spec';

const DECODERS: Record<string, (() => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress) | undefined> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

function charsetOf(contentType: string | undefined): string {
  const parameter = (contentType ?? '')
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase())
    .find((part) => part.startsWith('charset='));
  return parameter === undefined ? 'utf-8' : parameter.slice('charset='.length).replace(/^"|"$/g, '');
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function decodedStream(raw: IncomingMessage): Readable {
  const encoding = (raw.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return raw;
  const decoder = DECODERS[encoding];
  if (!decoder)
    throw new BodyError(
      415,
      `Content-Encoding "${encoding}" is not supported; send identity, gzip, deflate or br.`,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  return raw.pipe(decoder());
}

/** The body, inflated, read with `raw-body`; every failure but a client going away becomes a `BodyError`. */
async function readBody(raw: IncomingMessage, maxBytes: number, tooLarge: () => BodyError): Promise<Buffer> {
  const stream = decodedStream(raw);
  try {
    return await getRawBody(stream, { limit: maxBytes });
  } catch (error) {
    if (stream !== raw) {
      raw.unpipe();
      stream.destroy();
    }
    if (rawBodyErrorType(error) === 'entity.too.large') throw tooLarge();
    if (stream !== raw) throw new BodyError(400, 'The request body could not be decompressed.', 'BAD_REQUEST');
    throw error;
  }
}

function rawBodyErrorType(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
}

/** The rest of a refused body is drained, not kept, and the connection then closed rather than reused. */
function sendBodyError(request: GatewayRequest, response: ServerResponse, error: BodyError): void {
  request.raw.resume();
  sendRequestError(request, response, error.status, error.message, error.code, { connection: 'close' });
}

/** Goes after the HTTP rules, which already refused a POST that is not JSON. */
export function jsonBody(maxBodyBytes: number): Middleware {
  const tooLarge = () => new BodyError(413, `Request body limit of ${maxBodyBytes} bytes exceeded.`, 'PAYLOAD_TOO_LARGE');
  return async (request, response, next) => {
    if (request.method !== 'POST') {
      next();
      return;
    }
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== 'utf-8' && charset !== 'utf8') {
      sendRequestError(request, response, 415, `Unsupported charset "${charset}"; send the body as UTF-8.`, 'UNSUPPORTED_MEDIA_TYPE');
      return;
    }
    const declared = Number(request.headers['content-length']);
    if (request.headers['content-encoding'] === undefined && declared > maxBodyBytes) {
      sendBodyError(request, response, tooLarge());
      return;
    }
    let text: string;
    try {
      text = (await readBody(request.raw, maxBodyBytes, tooLarge)).toString('utf8');
    } catch (error) {
      // A client that went away mid-body gets no answer; there is nobody to send it to.
      if (error instanceof BodyError) sendBodyError(request, response, error);
      return;
    }
    try {
      request.body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      sendRequestError(request, response, 400, 'The request body is not valid JSON.', 'BAD_REQUEST');
      return;
    }
    next();
  };
}
