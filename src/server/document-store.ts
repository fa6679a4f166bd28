/**
 * Apollo's store of parsed, validated documents, bounded by the memory the documents really
 * hold. Apollo's own store sizes an entry by its AST printed as JSON, which leaves out the
 * source text and the token list every parsed document keeps: a document padded with a
 * 1 MiB comment counts as a few hundred bytes there while holding a mebibyte, and one of
 * 2,000 short tokens holds three times its JSON size.
 */
import type { DocumentStore } from '@apollo/server';
import { TokenKind, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

export const DEFAULT_DOCUMENT_CACHE_BYTES = 32 * 2 ** 20;

/**
 * Heap a token costs with the AST nodes and locations made from it, and a comment token,
 * which makes none (graphql 16 on Node 20: 485 and 90 bytes measured, over documents of
 * 2,000 fields and of 32,000 comments).
 */
const TOKEN_BYTES = 500;
const COMMENT_TOKEN_BYTES = 100;
/** The key (a schema hash and a query hash) and the cache's own bookkeeping. */
const ENTRY_BYTES = 300;

/** What a parsed document keeps alive: its source, as UTF-8 bytes (V8 stores no more), and every token. */
export function documentBytes(document: DocumentNode): number {
  const location = document.loc;
  let bytes = ENTRY_BYTES + (location ? Buffer.byteLength(location.source.body) : 0);
  for (let token = location?.startToken ?? null; token; token = token.next) {
    bytes += token.kind === TokenKind.COMMENT ? COMMENT_TOKEN_BYTES : TOKEN_BYTES;
  }
  return bytes;
}

/** Least recently used documents go first once `maxBytes` is reached. */
export function documentStore(maxBytes: number): DocumentStore {
  const documents = new LRUCache<string, DocumentNode>({ maxSize: maxBytes, sizeCalculation: documentBytes });
  return {
    async get(key) {
      return documents.get(key);
    },
    async set(key, document) {
      documents.set(key, document);
    },
    async delete(key) {
      return documents.delete(key);
    },
  };
}
