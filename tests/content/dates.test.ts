/**
 * `readDate` reads the common forms without luxon's parsers; over many dates in every form and
 * zone, it must give the instant the luxon candidates give, and reject what they reject.
 */
import { DateTime } from 'luxon';
import { createRandom } from '../../bench/corpus/random';
import { readDate } from '../../src/content/front-matter/dates';

/** What every date went through before: the first valid luxon reading. */
function luxonReading(text: string, zone: string): Date | undefined {
  const trimmed = text.trim();
  const readings = /^[+-]?\d{4}/.test(trimmed)
    ? [
        DateTime.fromISO(trimmed, { zone }),
        DateTime.fromSQL(trimmed, { zone }),
        ...['yyyy/M/d H:mm:ss', 'yyyy/M/d H:mm', 'yyyy/M/d'].map((format) => DateTime.fromFormat(trimmed, format, { zone })),
      ]
    : [DateTime.fromRFC2822(trimmed, { zone }), DateTime.fromHTTP(trimmed, { zone })];
  return readings.find((reading) => reading.isValid)?.toJSDate();
}

const ZONES = ['UTC', 'utc', 'GMT', 'Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC+8'];
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function formsOf(time: number): string[] {
  const date = new Date(time);
  const [y, mo, d, h, mi, s] = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  const sql = `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  return [date.toUTCString(), date.toISOString(), date.toISOString().replace('.000', ''), sql, `${y}/${mo}/${d} ${h}:${pad(mi)}:${pad(s)}`];
}

describe('readDate', () => {
  it('gives the luxon reading for generated dates in every common form and zone', () => {
    const random = createRandom(7);
    for (let round = 0; round < 150; round++) {
      const time = random.int(Date.UTC(1990, 0, 1) / 1000, Date.UTC(2040, 0, 1) / 1000) * 1000;
      for (const text of formsOf(time)) {
        for (const zone of ZONES) expect([text, zone, readDate(text, zone)]).toEqual([text, zone, luxonReading(text, zone)]);
      }
    }
  });

  it('gives the luxon reading around daylight saving changes, whose wall-clock times are skipped or repeated', () => {
    for (const text of [
      '2021-03-28 02:30:00',
      '2021-10-31 02:30:00',
      '2021-03-14 02:30:00',
      '2021-11-07 01:30:00',
      '2021-04-04 02:15:00',
    ]) {
      for (const zone of ZONES) expect([text, zone, readDate(text, zone)]).toEqual([text, zone, luxonReading(text, zone)]);
    }
  });

  it.each([
    'Invalid Date',
    '2021-02-29 10:00:00',
    '2020-02-29 10:00:00',
    '2021-13-01 00:00:00',
    '2021-00-10 00:00:00',
    '2021-04-31T00:00:00Z',
    '2021-01-01 24:00:00',
    '2021-01-01 23:60:00',
    '2021-01-01 23:59:60',
    '2021-01-01T24:00:00.000Z',
    '0099-01-01 00:00:00',
    '0999-12-31T23:59:59Z',
    'Mon, 01 Jan 2019 00:00:00 GMT',
    'Tue, 01 Jan 2019 00:00:00 GMT',
    'Tue, 1 Jan 2019 00:00:00 GMT',
    'Tue, 01 Jan 2019 00:00:00 +0800',
    'Tue, 01 Jan 2019 00:00:00 UT',
    'Tue, 31 Feb 2019 00:00:00 GMT',
    '2021-03-22T04:50:45+02:00',
    '2021-03-22T04:50:45.1234Z',
    '2021-03-22',
    '2021-03-22 04:50',
    ' 2021-03-22 04:50:45 ',
    '+2021-03-22T04:50:45Z',
    '12:30:00',
  ])('agrees with luxon on %j', (text) => {
    for (const zone of ZONES) expect([zone, readDate(text, zone)]).toEqual([zone, luxonReading(text, zone)]);
  });
});
