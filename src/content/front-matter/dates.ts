import { DateTime } from 'luxon';

/** Hexo's documented `date: 2013/7/13 20:46:25` and its shorter forms, read as wall-clock time. */
const SLASH_FORMATS = ['yyyy/M/d H:mm:ss', 'yyyy/M/d H:mm', 'yyyy/M/d'];

/**
 * A front-matter date as an instant. Accepts Date objects, ISO 8601, `YYYY-MM-DD HH:mm:ss` (SQL style),
 * `YYYY/M/D H:mm:ss`, RFC 1123/2822 and the other HTTP date forms. Values without an offset are wall-clock
 * time in `timeZone`. Returns `undefined` when the value is present but is not a date.
 */
export function readDate(value: unknown, timeZone: string): Date | null | undefined {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : new Date(value.getTime());
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return null;
  const parsed = candidates(text, timeZone).find((candidate) => candidate.isValid);
  return parsed ? parsed.toJSDate() : undefined;
}

function candidates(text: string, zone: string): DateTime[] {
  // Only year-first text goes to the ISO and SQL readers, which would otherwise take a bare time as today.
  if (/^[+-]?\d{4}/.test(text)) {
    return [
      DateTime.fromISO(text, { zone }),
      DateTime.fromSQL(text, { zone }),
      ...SLASH_FORMATS.map((format) => DateTime.fromFormat(text, format, { zone })),
    ];
  }
  return [DateTime.fromRFC2822(text, { zone }), DateTime.fromHTTP(text, { zone })];
}
