/**
 * What a parse result depends on besides the file's bytes. Any change to it makes every cache
 * entry stale, so the cache keys its directory on it (see `ContentCache.open`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codeDigest } from '../code-digest';
import type { ContentOptions } from '../options';

/**
 * Options that change how much work runs at once or what is kept in memory, never what a file parses
 * to. Every other option is in the fingerprint, so an option added later invalidates by default.
 */
const OPTIONS_OUTSIDE_PARSING = [
  'readConcurrency',
  'parseTimeoutMs',
  'filterMemoBytes',
  'drafts',
] as const satisfies readonly (keyof ContentOptions)[];

/** `src/content/` or `dist/content/`: the code that turns files into posts, as it runs. */
const CONTENT_CODE = path.resolve(__dirname, '..');
const PACKAGE_JSON = path.resolve(__dirname, '../../../package.json');

let codeHash: string | undefined;

/** Hex digest of the parse settings, the code and its dependencies, the runtime and the content root. */
export function parseFingerprint(options: ContentOptions, realRoot: string): string {
  const outside: readonly string[] = OPTIONS_OUTSIDE_PARSING;
  const parseOptions = Object.entries(options).filter(([key]) => !outside.includes(key));
  return createHash('sha256')
    .update(JSON.stringify([parseOptions, realRoot, process.versions.node, process.versions.icu, process.versions.unicode]))
    .update((codeHash ??= hashCode()))
    .digest('hex');
}

/**
 * The package's version and exact dependencies (markdown-it, the sanitiser, the YAML parser...) and
 * every file of the content code: a rebuilt parser invalidates the cache even without a version bump.
 */
function hashCode(): string {
  const hash = createHash('sha256');
  const { version, dependencies } = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string; dependencies: unknown };
  hash.update(JSON.stringify([version, dependencies]));
  hash.update(codeDigest(CONTENT_CODE));
  return hash.digest('hex');
}
