import type { Diagnostic } from '../parsed-post';

/**
 * Codes this module reports. Errors mean the file cannot be used; warnings mean it was read with a stated repair.
 *
 * Errors (from `splitFrontMatter`):
 * - `FRONT_MATTER_ENGINE` — the opening delimiter names a language other than YAML or JSON (`---js`,
 *   `---javascript`, `---coffee`, …). Such front matter is never executed.
 * - `FRONT_MATTER_UNCLOSED` — an opening delimiter without a closing one.
 * - `FRONT_MATTER_TOO_LARGE` — the front matter is larger than `maxFrontMatterBytes`.
 * - `FRONT_MATTER_BLANK_RUN` — runs of blank lines long enough to make the splitter's comment scan quadratic.
 * - `FRONT_MATTER_TOO_DEEP` — collections nested deeper than `maxFrontMatterDepth` (aliases counted as expanded).
 * - `FRONT_MATTER_ALIASES` — YAML aliases that expand beyond the alias budget (a "billion laughs").
 * - `FRONT_MATTER_INVALID` — YAML or JSON that does not parse, or that is not a mapping of keys.
 *
 * Warnings (from `splitFrontMatter`):
 * - `FRONT_MATTER_RECOVERED` — YAML rejected the block, but a line-by-line reading of the usual keys made
 *   clear sense; the message says what was read and how.
 * - `FRONT_MATTER_YAML_WARNING` — a YAML warning, such as an unknown tag whose value was kept as text.
 *
 * Warnings (from `normaliseMeta`):
 * - `TITLE_MISSING` — no usable title; the file stem is used.
 * - `DATE_INVALID` — `date` or `updated` is not a date; it is left empty (`updated` then falls back as
 *   the `updatedOption` setting says).
 * - `CATEGORIES_INVALID`, `TAGS_INVALID` — items that are not text were dropped.
 * - `AUTHOR_INVALID` — `author` is neither text nor an object with a `name`.
 * - `URL_REJECTED` — `headimg`, `thumbnail` or `cover` is not a URL string or uses a scheme other than http(s).
 * - `BOOLEAN_INVALID` — `comments`, `published` or `draft` is not true/false; the default is used.
 * - `LANG_INVALID` — `lang` is not a BCP 47 language tag.
 */
export type FrontMatterCode =
  | 'FRONT_MATTER_ENGINE'
  | 'FRONT_MATTER_UNCLOSED'
  | 'FRONT_MATTER_TOO_LARGE'
  | 'FRONT_MATTER_BLANK_RUN'
  | 'FRONT_MATTER_TOO_DEEP'
  | 'FRONT_MATTER_ALIASES'
  | 'FRONT_MATTER_INVALID'
  | 'FRONT_MATTER_RECOVERED'
  | 'FRONT_MATTER_YAML_WARNING'
  | 'TITLE_MISSING'
  | 'DATE_INVALID'
  | 'CATEGORIES_INVALID'
  | 'TAGS_INVALID'
  | 'AUTHOR_INVALID'
  | 'URL_REJECTED'
  | 'BOOLEAN_INVALID'
  | 'LANG_INVALID';

/** A diagnostic before the caller knows which file it belongs to. */
export type FileDiagnostic = Omit<Diagnostic, 'path'> & { code: FrontMatterCode };

export function warning(code: FrontMatterCode, message: string, line?: number): FileDiagnostic {
  return line === undefined ? { severity: 'warning', code, message } : { severity: 'warning', code, message, line };
}

export function error(code: FrontMatterCode, message: string, line?: number): FileDiagnostic {
  return line === undefined ? { severity: 'error', code, message } : { severity: 'error', code, message, line };
}

/** A short, quoted rendering of a value for messages. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : describeKind(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function describeKind(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (typeof value === 'object') return 'a mapping';
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
  // Parsed front matter holds no symbols or functions; were one passed, its kind is all there is to say.
  return scalar ? String(value) : typeof value;
}
