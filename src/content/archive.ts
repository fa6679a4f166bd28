/**
 * Dated articles grouped by the year, month or day of their date in the content's time zone,
 * as Hexo's archive pages group them. Undated articles belong to no period.
 */
import { DateTime } from 'luxon';
import type { Article } from './model';

export type ArchiveGrouping = 'YEAR' | 'MONTH' | 'DAY';

export interface ArchivePeriod {
  year: number;
  /** 1-12; null when grouping by year. */
  month: number | null;
  /** 1-31; null unless grouping by day. */
  day: number | null;
  /** The period's articles, newest first: a stretch of the list the periods were made from. */
  articles: readonly Article[];
}

const UNITS = { YEAR: 'year', MONTH: 'month', DAY: 'day' } as const;

/** Periods made once per list: a snapshot's lists never change, so neither do their periods. */
const periodsByList = new WeakMap<readonly Article[], Map<string, readonly ArchivePeriod[]>>();

/**
 * The periods of `newestFirst` (articles in `DATE_DESC` order), newest first. The list is walked
 * once and a period's bounds are worked out only when an article falls before the current one.
 */
export function archivePeriods(newestFirst: readonly Article[], grouping: ArchiveGrouping, timeZone: string): readonly ArchivePeriod[] {
  const key = `${grouping}\0${timeZone}`;
  let known = periodsByList.get(newestFirst);
  const cached = known?.get(key);
  if (cached) return cached;
  const unit = UNITS[grouping];
  const periods: ArchivePeriod[] = [];
  let start = 0;
  let periodStart = Number.POSITIVE_INFINITY;
  let current: Omit<ArchivePeriod, 'articles'> | null = null;
  const close = (end: number) => {
    if (current) periods.push({ ...current, articles: newestFirst.slice(start, end) });
  };
  let index = 0;
  for (; index < newestFirst.length; index++) {
    const time = newestFirst[index].meta.date?.getTime();
    // Undated articles come last in DATE_DESC order.
    if (time === undefined) break;
    if (time >= periodStart) continue;
    close(index);
    const begins = DateTime.fromMillis(time, { zone: timeZone }).startOf(unit);
    periodStart = begins.toMillis();
    current = { year: begins.year, month: grouping === 'YEAR' ? null : begins.month, day: grouping === 'DAY' ? begins.day : null };
    start = index;
  }
  close(index);
  if (!known) periodsByList.set(newestFirst, (known = new Map<string, readonly ArchivePeriod[]>()));
  known.set(key, periods);
  return periods;
}
