import { decodeHTML, DecodingMode } from 'entities';
import { Info } from 'luxon';
import type { PostMeta } from '../parsed-post';
import { UPDATED_OPTIONS, type UpdatedOption } from '../options';
import { describeKind, quote, warning, type FileDiagnostic } from './diagnostics';
import { readDate } from './dates';
import { toJsonSafe } from './json-safe';
import { isPlainObject } from './nesting';
import { nameOf, readCategories, readTags } from './taxonomy';

export interface MetaContext {
  /** File name without directory and `.md`; the title when the front matter has none. */
  fileStem: string;
  /** IANA zone for dates written without an offset. */
  timeZone: string;
  /** What `updated` falls back to, as Hexo's `updated_option`. */
  updatedOption: UpdatedOption;
  /** The file's modification time: `updated` under `updatedOption: 'mtime'`. */
  modifiedAt: Date;
}

const SAFE_URL_SCHEMES = new Set(['http', 'https']);
const FIXED_KEYS = ['title', 'date', 'updated', 'author', 'headimg', 'thumbnail', 'cover', 'comments', 'published', 'draft', 'lang'];

/**
 * Normalises parsed front matter to {@link PostMeta}. Never throws for content; every value that cannot be used
 * as written is replaced by its default and reported as a warning. Decisions worth knowing:
 * - `updated`, when absent or not a date, falls back as Hexo's `updated_option` says: to `date`, to the file's
 *   modification time or to nothing.
 * - `category`/`tag` are Hexo's aliases, used only when `categories`/`tags` are absent (otherwise they stay in
 *   `extra`, as Hexo keeps them as plain data).
 * - `draft: true` also unpublishes. Hexo itself decides drafts by folder, but a post marked as a draft
 *   must not go public because it was moved.
 * - an `author` object contributes its `name` only.
 * - `title` keeps the line breaks inside it, as Hexo does, and loses the blanks around it.
 *
 * @throws RangeError when `context.timeZone` is not a time zone: that is configuration, not content.
 */
export function normaliseMeta(data: Record<string, unknown>, context: MetaContext): { meta: PostMeta; diagnostics: FileDiagnostic[] } {
  if (!isKnownZone(context.timeZone)) throw new RangeError(`unknown time zone "${context.timeZone}"`);
  const diagnostics: FileDiagnostic[] = [];

  const date = readDateField(data, 'date', context, diagnostics);
  const updated = readDateField(data, 'updated', context, diagnostics) ?? updatedFallback(context, date);

  const categoriesKey = data['categories'] != null || data['category'] == null ? 'categories' : 'category';
  const categories = readCategories(data[categoriesKey]);
  reportDropped(categories.dropped, categoriesKey, 'CATEGORIES_INVALID', diagnostics);
  const tagsKey = data['tags'] != null || data['tag'] == null ? 'tags' : 'tag';
  const tags = readTags(data[tagsKey]);
  reportDropped(tags.dropped, tagsKey, 'TAGS_INVALID', diagnostics);

  const published =
    readBoolean('published', data['published'], true, diagnostics) && !readBoolean('draft', data['draft'], false, diagnostics);
  const consumed = new Set([...FIXED_KEYS, categoriesKey, tagsKey]);
  const extra = Object.fromEntries(
    Object.entries(data)
      .filter(([key, value]) => !consumed.has(key) && value !== undefined)
      .map(([key, value]) => [key, toJsonSafe(value)]),
  );

  const meta: PostMeta = {
    title: readTitle(data['title'], context.fileStem, diagnostics),
    date,
    updated,
    categories: categories.value,
    tags: tags.value,
    author: readAuthor(data['author'], diagnostics),
    headImage: readUrl('headimg', data['headimg'], diagnostics),
    thumbnail: readUrl('thumbnail', data['thumbnail'], diagnostics),
    cover: readUrl('cover', data['cover'], diagnostics),
    comments: readBoolean('comments', data['comments'], true, diagnostics),
    published,
    lang: readLang(data['lang'], diagnostics),
    extra,
  };
  return { meta, diagnostics };
}

/** Zones already found valid; a server reads every post in the same one. */
const knownZones = new Set<string>();

function isKnownZone(timeZone: string): boolean {
  if (knownZones.has(timeZone)) return true;
  if (!Info.normalizeZone(timeZone).isValid) return false;
  knownZones.add(timeZone);
  return true;
}

function readTitle(value: unknown, fileStem: string, diagnostics: FileDiagnostic[]): string {
  const name = nameOf(value);
  // Line breaks inside stay, as Hexo keeps them: a quoted title's blank line is one, by YAML's folding.
  const title = name === undefined ? '' : decodeHTML(name, DecodingMode.Strict).replace(/\r\n?/g, '\n').trim();
  if (title !== '') return title;
  const why = value === null || value === undefined ? 'no title' : `title is ${name === undefined ? describeKind(value) : 'empty'}`;
  diagnostics.push(warning('TITLE_MISSING', `${why}; using the file name ${JSON.stringify(fileStem)}`));
  return fileStem;
}

function updatedFallback({ updatedOption, modifiedAt }: MetaContext, date: Date | null): Date | null {
  if (updatedOption === 'date') return date;
  return updatedOption === 'mtime' ? modifiedAt : null;
}

function readDateField(
  data: Record<string, unknown>,
  field: 'date' | 'updated',
  { timeZone, updatedOption }: MetaContext,
  diagnostics: FileDiagnostic[],
): Date | null {
  const value = data[field];
  const date = readDate(value, timeZone);
  if (date !== undefined) return date;
  const fallback = field === 'updated' && updatedOption !== 'empty' ? `${UPDATED_OPTIONS[updatedOption]} is used instead` : 'left empty';
  diagnostics.push(
    warning('DATE_INVALID', `${field}: ${quote(value)} is not a date (expected ISO 8601, RFC 1123 or YYYY-MM-DD HH:mm:ss); ${fallback}`),
  );
  return null;
}

function reportDropped(dropped: string[], key: string, code: 'CATEGORIES_INVALID' | 'TAGS_INVALID', diagnostics: FileDiagnostic[]): void {
  if (dropped.length === 0) return;
  diagnostics.push(warning(code, `${key}: dropped ${dropped.length} item(s) that are not names (${dropped.join(', ')})`));
}

function readAuthor(value: unknown, diagnostics: FileDiagnostic[]): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() || null;
  const name = nameOf(isPlainObject(value) ? value['name'] : value);
  if (name) return name;
  diagnostics.push(warning('AUTHOR_INVALID', `author: expected a name or an object with a name, got ${quote(value)}`));
  return null;
}

/** Relative and protocol-relative URLs are kept; an absolute URL must be http(s). */
function readUrl(key: string, value: unknown, diagnostics: FileDiagnostic[]): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    diagnostics.push(warning('URL_REJECTED', `${key}: expected a URL, got ${describeKind(value)}`));
    return null;
  }
  const url = value.trim();
  if (url === '') return null;
  // Browsers drop control characters and spaces before finding the scheme, so `java\tscript:` is javascript.
  // eslint-disable-next-line no-control-regex -- those control characters are what this pattern removes
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f]/g, ''))?.[1]?.toLowerCase();
  if (scheme === undefined || SAFE_URL_SCHEMES.has(scheme)) return url;
  diagnostics.push(warning('URL_REJECTED', `${key}: ${quote(url)} uses the "${scheme}:" scheme; only http(s) and relative URLs are kept`));
  return null;
}

function readBoolean(key: string, value: unknown, fallback: boolean, diagnostics: FileDiagnostic[]): boolean {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  diagnostics.push(warning('BOOLEAN_INVALID', `${key}: expected true or false, got ${quote(value)}; using ${fallback}`));
  return fallback;
}

function readLang(value: unknown, diagnostics: FileDiagnostic[]): string | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value === 'string') {
    try {
      return Intl.getCanonicalLocales(value.trim())[0] ?? null;
    } catch {
      // Reported below, like any other value that is not a language tag.
    }
  }
  diagnostics.push(warning('LANG_INVALID', `lang: ${quote(value)} is not a language tag such as "en" or "zh-CN"`));
  return null;
}
