/**
 * Content settings from the environment, shared by every command that loads content so
 * that `check` judges a folder exactly as `serve` will serve it.
 */
import { DEFAULT_CACHE_LOCATION, defaultCacheDirectory } from '../content/cache';
import type { ContentOptions } from '../content/types';

export class UsageError extends Error {}

export function contentOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ContentOptions> {
  const options: Partial<ContentOptions> = {};
  if (env.CONTENT_TIME_ZONE) {
    if (!isTimeZone(env.CONTENT_TIME_ZONE)) throw new UsageError(`CONTENT_TIME_ZONE: unknown time zone "${env.CONTENT_TIME_ZONE}"`);
    options.timeZone = env.CONTENT_TIME_ZONE;
  }
  if (env.CONTENT_IFRAME_HOSTS !== undefined) {
    options.iframeHosts = env.CONTENT_IFRAME_HOSTS.split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean);
  }
  if (env.CONTENT_MAX_FILE_BYTES !== undefined)
    options.maxFileBytes = positiveInteger('CONTENT_MAX_FILE_BYTES', env.CONTENT_MAX_FILE_BYTES);
  if (env.CONTENT_EXCERPT_LENGTH !== undefined)
    options.excerptLength = positiveInteger('CONTENT_EXCERPT_LENGTH', env.CONTENT_EXCERPT_LENGTH);
  return options;
}

/** The flags of the parse cache, for `parseArgs`; `serve` and `check` take the same. */
export const CACHE_FLAG_OPTIONS = {
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

export const CACHE_FLAGS_USAGE = `  --cache-dir DIR     keep parse results here between starts (env CONTENT_CACHE_DIR,
                      default ${DEFAULT_CACHE_LOCATION})
  --no-cache          parse every file on every start`;

/** The cache directory the flags and the environment ask for; null for no cache. */
export function cacheDirectorySetting(
  values: { 'cache-dir'?: string; 'no-cache'?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (values['no-cache'] && values['cache-dir'] !== undefined) throw new UsageError('--cache-dir and --no-cache contradict each other');
  if (values['no-cache']) return null;
  return values['cache-dir'] || env.CONTENT_CACHE_DIR || defaultCacheDirectory(env);
}

export function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0) throw new UsageError(`${name}: expected a positive integer, got "${value}"`);
  return number;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
