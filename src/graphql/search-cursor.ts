/**
 * Cursors of relevance-ordered lists. A relevance order is only defined for one version of
 * the content (every reload can change every score), so such a cursor names a position in
 * the ranking of one content version and one query. A cursor from another version is
 * rejected with `BAD_USER_INPUT` rather than re-resolved: any position found in the new
 * ranking could skip or repeat results without the client noticing.
 */
import { createHash } from 'node:crypto';
import { badUserInput } from './errors';

const KIND = 'rank';

/** Identifies the list a cursor belongs to: the query, the filter and any nesting. */
export function rankedListKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);
}

export function encodeRankCursor(version: string, listKey: string, position: number): string {
  return Buffer.from(JSON.stringify([KIND, version, listKey, position]), 'utf8').toString('base64url');
}

/** True for a value that has the shape of a relevance cursor, whatever list it belongs to. */
export function isRankCursor(cursor: string): boolean {
  return decode(cursor) !== null;
}

/**
 * The 0-based position `cursor` names in the list `listKey` of content `version`; throws
 * `BAD_USER_INPUT` naming the argument when the cursor belongs elsewhere.
 */
export function readRankCursor(name: string, cursor: string, version: string, listKey: string): number {
  const decoded = decode(cursor);
  if (decoded === null) throw badUserInput(`\`${name}\` is not a cursor returned by this API: ${JSON.stringify(cursor)}.`);
  if (decoded.version !== version) {
    throw badUserInput(
      `\`${name}\` comes from content version ${decoded.version}, but the content has changed since (now ${version}); ` +
        'relevance order is not comparable across versions, so start again from the first page.',
    );
  }
  if (decoded.listKey !== listKey) {
    throw badUserInput(`\`${name}\` is a cursor for a different search query, filter or list; it cannot page this one.`);
  }
  return decoded.position;
}

function decode(cursor: string): { version: string; listKey: string; position: number } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [kind, version, listKey, position] = parsed as unknown[];
  if (kind !== KIND || typeof version !== 'string' || typeof listKey !== 'string') return null;
  if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) return null;
  return { version, listKey, position };
}
