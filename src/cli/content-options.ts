/**
 * Content settings from the environment, shared by every command that loads content so
 * that `check` judges a folder exactly as `serve` will serve it.
 */
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
