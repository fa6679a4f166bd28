/**
 * Persisted documents by hash, and trusted-documents mode.
 *
 * A request names a document by `documentId` (`sha256:<hex>`, the GraphQL over HTTP
 * persisted-documents convention) or by `extensions.persistedQuery.sha256Hash` (Apollo's
 * automatic persisted queries). With a manifest (hash -> document, as codegen writes it) the
 * gateway runs only the documents in it: unknown ids and any other operation text are refused
 * before parsing. Without one, ids resolve through Apollo's APQ cache, so clients register
 * documents as they go.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { queryParameters, type GatewayRequest, type Middleware } from '../../http/pipeline';
import { sendRequestError } from '../http-spec';

/** Document text by the lowercase hex SHA-256 of that text. */
export type TrustedDocuments = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `sha256:<hex>` or a bare hex hash; `null` for anything else. */
function hashOfDocumentId(documentId: string): string | null {
  const hash = documentId.startsWith('sha256:') ? documentId.slice('sha256:'.length) : documentId;
  return SHA256_HEX.test(hash.toLowerCase()) ? hash.toLowerCase() : null;
}

/** Reads a manifest and checks that each document hashes to its key, so a stale entry fails now rather than per request. */
export async function loadTrustedDocuments(file: string): Promise<TrustedDocuments> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`trusted documents ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new Error(`trusted documents ${file}: expected a JSON object of hash -> document`);
  }
  const documents = new Map<string, string>();
  for (const [key, document] of Object.entries(manifest)) {
    const hash = hashOfDocumentId(key);
    if (hash === null || typeof document !== 'string')
      throw new Error(`trusted documents ${file}: "${key}" is not a sha256 hash of a document string`);
    if (sha256(document) !== hash) throw new Error(`trusted documents ${file}: the document under "${key}" does not hash to it`);
    documents.set(hash, document);
  }
  if (documents.size === 0) throw new Error(`trusted documents ${file}: no documents`);
  return documents;
}

/** The request's parameters as sent, from the JSON body or the URL. */
interface OperationParameters {
  query: unknown;
  documentId: unknown;
  extensions: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parametersOf(request: GatewayRequest): OperationParameters | null {
  if (request.method === 'POST') {
    const body: unknown = request.body;
    return isRecord(body) ? { query: body.query, documentId: body.documentId, extensions: body.extensions } : null;
  }
  if (request.method !== 'GET') return null;
  const parameters = queryParameters(request);
  const extensions = parameters.get('extensions');
  let parsedExtensions: unknown = extensions;
  if (typeof extensions === 'string') {
    try {
      parsedExtensions = JSON.parse(extensions);
    } catch {
      // Apollo answers malformed `extensions` itself.
      return null;
    }
  }
  return { query: parameters.get('query'), documentId: parameters.get('documentId'), extensions: parsedExtensions };
}

export function persistedQueryHash(extensions: unknown): string | undefined {
  if (!isRecord(extensions) || !isRecord(extensions.persistedQuery)) return undefined;
  const hash = extensions.persistedQuery.sha256Hash;
  return typeof hash === 'string' ? hash.toLowerCase() : undefined;
}

/** Hands Apollo the document and the hash as if the client had sent them itself. */
function rewrite(request: GatewayRequest, parameters: OperationParameters, hash: string, query: string | undefined): void {
  const extensions = {
    ...(isRecord(parameters.extensions) ? parameters.extensions : {}),
    persistedQuery: { version: 1, sha256Hash: hash },
  };
  if (request.method === 'POST') {
    request.body = { ...(request.body as object), extensions, ...(query === undefined ? {} : { query }) };
    return;
  }
  const url = new URL(request.url, 'http://gateway.invalid');
  url.searchParams.set('extensions', JSON.stringify(extensions));
  if (query !== undefined) url.searchParams.set('query', query);
  request.url = `${url.pathname}${url.search}`;
}

/** Why trusted-documents mode refuses an operation, as every transport reports it. */
export interface TrustRefusal {
  message: string;
  code: 'PERSISTED_QUERY_NOT_IN_LIST' | 'OPERATION_NOT_TRUSTED';
}

/**
 * The trusted document named by `hash`, or else `query` when it is itself a trusted document;
 * `document` is undefined when there is no text to check (the engine then answers its absence).
 */
export function trustedDocument(
  trusted: TrustedDocuments,
  hash: string | undefined,
  query: unknown,
): { document?: string } | { refusal: TrustRefusal } {
  if (hash !== undefined) {
    const document = trusted.get(hash);
    if (document !== undefined) return { document };
    return { refusal: { message: `No trusted document has the id sha256:${hash}.`, code: 'PERSISTED_QUERY_NOT_IN_LIST' } };
  }
  if (typeof query !== 'string') return {};
  if (trusted.has(sha256(query))) return { document: query };
  return {
    refusal: {
      message:
        'This gateway only runs its trusted documents, and this operation is not one of them. Send the id of a trusted document as `documentId`.',
      code: 'OPERATION_NOT_TRUSTED',
    },
  };
}

/** Goes after the body parser, before Apollo. */
export function persistedDocuments(trusted?: TrustedDocuments): Middleware {
  return (request, response, next) => {
    const parameters = parametersOf(request);
    if (!parameters) {
      // Whatever else may read batches one day, none gets past this check unread.
      if (trusted && Array.isArray(request.body)) {
        sendRequestError(request, response, 400, 'This gateway runs one operation per request.', 'BAD_REQUEST');
        return;
      }
      next();
      return;
    }
    const { query, documentId } = parameters;

    let hash = persistedQueryHash(parameters.extensions);
    const namedById = documentId !== undefined && documentId !== null;
    if (namedById) {
      if (query !== undefined && query !== null) {
        sendRequestError(request, response, 400, 'Send either `query` or `documentId`, not both.', 'BAD_REQUEST');
        return;
      }
      const fromId = typeof documentId === 'string' ? hashOfDocumentId(documentId) : null;
      if (fromId === null) {
        sendRequestError(request, response, 400, '`documentId` must be "sha256:" followed by 64 hex digits.', 'BAD_REQUEST');
        return;
      }
      hash = fromId;
    }

    if (!trusted) {
      if (namedById && hash !== undefined) rewrite(request, parameters, hash, undefined);
      next();
      return;
    }
    const found = trustedDocument(trusted, hash, query);
    if ('refusal' in found) {
      sendRequestError(request, response, 400, found.refusal.message, found.refusal.code);
      return;
    }
    // Text sent along with a hash is left for Apollo to check against the hash.
    if (hash !== undefined) rewrite(request, parameters, hash, query === undefined || query === null ? found.document : undefined);
    next();
  };
}
