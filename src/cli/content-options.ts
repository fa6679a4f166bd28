/**
 * Content settings from the command line and the environment, shared by every command that loads
 * content so that `check` judges a folder exactly as `serve` will serve it.
 */
import { DEFAULT_CACHE_LOCATION, defaultCacheDirectory } from '../content/cache';
import { DEFAULT_CONTENT_OPTIONS, UPDATED_CHOICES, UPDATED_OPTIONS, type ContentOptions, type UpdatedOption } from '../content/options';

export class UsageError extends Error {}

/** The content flags, in `parseArgs` form; a command spreads them into its own. */
export const CONTENT_FLAGS = {
  'updated-option': { type: 'string' },
  'markdown-typographer': { type: 'boolean' },
  'no-markdown-typographer': { type: 'boolean' },
} as const;

export interface ContentFlagValues {
  'updated-option'?: string;
  'markdown-typographer'?: boolean;
  'no-markdown-typographer'?: boolean;
}

const onOff = (on: boolean) => (on ? 'on' : 'off');

export const CONTENT_FLAGS_USAGE = `  --updated-option ${UPDATED_CHOICES.join('|')}
                      Article.updated when the front matter has none, as Hexo's updated_option:
${UPDATED_CHOICES.map((choice) => `${' '.repeat(22)}${choice}: ${UPDATED_OPTIONS[choice]}`).join('\n')}
                      (env UPDATED_OPTION, default ${DEFAULT_CONTENT_OPTIONS.updatedOption})
  --markdown-typographer, --no-markdown-typographer
                      curly quotes, dashes and ellipses in markdown bodies, as Hexo's default
                      renderer makes them (env MARKDOWN_TYPOGRAPHER=1 or 0, default ${onOff(DEFAULT_CONTENT_OPTIONS.markdownTypographer)})`;

/** The content settings given by flags (which win) and by the environment; absent ones are left to the defaults. */
export function contentOptionsFrom(flags: ContentFlagValues, env: NodeJS.ProcessEnv = process.env): Partial<ContentOptions> {
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
  const updatedOption = updatedOptionSetting(flags['updated-option'], env.UPDATED_OPTION);
  if (updatedOption !== undefined) options.updatedOption = updatedOption;
  const typographer = onOffSetting('markdown-typographer', 'MARKDOWN_TYPOGRAPHER', {
    on: flags['markdown-typographer'],
    off: flags['no-markdown-typographer'],
    env: env.MARKDOWN_TYPOGRAPHER,
  });
  if (typographer !== undefined) options.markdownTypographer = typographer;
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

function updatedOptionSetting(flag: string | undefined, env: string | undefined): UpdatedOption | undefined {
  const value = flag ?? env;
  if (value === undefined) return undefined;
  if (!(UPDATED_CHOICES as string[]).includes(value)) {
    const name = flag === undefined ? 'UPDATED_OPTION' : '--updated-option';
    throw new UsageError(`${name}: expected ${UPDATED_CHOICES.join(', ')} (as Hexo's updated_option), got "${value}"`);
  }
  return value as UpdatedOption;
}

/**
 * A `--NAME`/`--no-NAME` pair and its environment switch (`1` or `0`): a flag wins over the
 * environment; undefined when neither says.
 */
export function onOffSetting(
  name: string,
  envName: string,
  given: { on: boolean | undefined; off: boolean | undefined; env: string | undefined },
): boolean | undefined {
  const { on, off, env } = given;
  if (on && off) throw new UsageError(`--${name} and --no-${name} contradict each other`);
  if (on || off) return Boolean(on);
  return envSwitch(envName, env);
}

/** An environment switch: `1` on, `0` off, undefined when unset; anything else is a usage error. */
export function envSwitch(envName: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== '1' && value !== '0') throw new UsageError(`${envName}: expected 1 or 0, got "${value}"`);
  return value === '1';
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
