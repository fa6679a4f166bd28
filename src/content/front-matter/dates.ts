import { DateTime } from 'luxon';

/** Hexo's documented `date: 2013/7/13 20:46:25` and its shorter forms, read as wall-clock time. */
const SLASH_FORMATS = ['yyyy/M/d H:mm:ss', 'yyyy/M/d H:mm', 'yyyy/M/d'];

/**
 * The three forms nearly every post uses, read without luxon's general parsers: SQL style
 * (`2021-03-22 04:50:45`, wall-clock time), ISO 8601 in UTC (`2021-03-22T04:50:45.000Z`) and
 * RFC 1123 (`Mon, 22 Mar 2021 04:50:45 GMT`). Anything else, and any value out of range, goes
 * through the luxon candidates, which decide exactly as before.
 */
const SQL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO_UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?Z$/;
const RFC_1123_DATE_TIME =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

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
  const common = readCommonForm(text, timeZone);
  if (common !== null) return common;
  for (const candidate of candidates(text, timeZone)) {
    const parsed = candidate();
    if (parsed.isValid) return parsed.toJSDate();
  }
  return undefined;
}

/** In luxon's order of preference; each is parsed only if those before it failed. */
function candidates(text: string, zone: string): (() => DateTime)[] {
  // Only year-first text goes to the ISO and SQL readers, which would otherwise take a bare time as today.
  if (/^[+-]?\d{4}/.test(text)) {
    return [
      () => DateTime.fromISO(text, { zone }),
      () => DateTime.fromSQL(text, { zone }),
      ...SLASH_FORMATS.map((format) => () => DateTime.fromFormat(text, format, { zone })),
    ];
  }
  return [() => DateTime.fromRFC2822(text, { zone }), () => DateTime.fromHTTP(text, { zone })];
}

/** The instant of a common form, or null when the text is not one or a field is out of range. */
function readCommonForm(text: string, timeZone: string): Date | null {
  const sql = SQL_DATE_TIME.exec(text);
  if (sql !== null) {
    const wallClock = wallClockOf(sql[1], sql[2], sql[3], sql[4], sql[5], sql[6], undefined);
    return wallClock === null ? null : inZone(wallClock, timeZone);
  }
  const iso = ISO_UTC_DATE_TIME.exec(text);
  if (iso !== null) {
    const wallClock = wallClockOf(iso[1], iso[2], iso[3], iso[4], iso[5], iso[6], iso[7]);
    return wallClock === null ? null : new Date(utcMilliseconds(wallClock));
  }
  const rfc = RFC_1123_DATE_TIME.exec(text);
  if (rfc !== null) {
    const month = String(MONTHS.indexOf(rfc[3]) + 1);
    const wallClock = wallClockOf(rfc[4], month, rfc[2], rfc[5], rfc[6], rfc[7], undefined);
    if (wallClock === null) return null;
    const date = new Date(utcMilliseconds(wallClock));
    // A weekday that contradicts the date makes luxon reject the text; let it say so.
    return WEEKDAYS[date.getUTCDay()] === rfc[1] ? date : null;
  }
  return null;
}

function wallClockOf(
  year: string,
  month: string,
  day: string,
  hour: string,
  minute: string,
  second: string,
  millisecond: string | undefined,
): WallClock | null {
  const clock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: millisecond === undefined ? 0 : Number(millisecond),
  };
  // Years below 1000 are left to luxon: `Date.UTC` reads 0-99 as 1900-1999.
  const inRange =
    clock.year >= 1000 &&
    clock.month >= 1 &&
    clock.month <= 12 &&
    clock.day >= 1 &&
    clock.day <= daysInMonth(clock.year, clock.month) &&
    clock.hour <= 23 &&
    clock.minute <= 59 &&
    clock.second <= 59;
  return inRange ? clock : null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function utcMilliseconds(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.millisecond);
}

/** Luxon's own reading of a wall-clock time in a zone, which is what its parsers end with too. */
function inZone(clock: WallClock, timeZone: string): Date | null {
  if (isUtc(timeZone)) return new Date(utcMilliseconds(clock));
  const dateTime = DateTime.fromObject(clock, { zone: timeZone });
  return dateTime.isValid ? dateTime.toJSDate() : null;
}

/** The names luxon reads as UTC itself rather than as an IANA zone. */
function isUtc(timeZone: string): boolean {
  const lower = timeZone.toLowerCase();
  return lower === 'utc' || lower === 'gmt';
}
