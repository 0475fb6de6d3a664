import { describe, expect, it } from 'vitest';
import {
  chinaDateOf,
  chinaDateTime,
  chinaFileStamp,
  chinaTimestamp,
  chinaYear,
  chineseDate,
  endOfChinaDay,
  endOfChinaYear,
  startOfChinaDay,
} from './chinaTime';
import { formatHours } from './yearRequirement';

describe('China time (UTC+8) of an instant', () => {
  it.each([
    // instant (UTC)              China day      China year  China wall clock
    ['2026-12-31T16:30:00Z', '2027-01-01', 2027, '2027-01-01 00:30'], // already next year in China
    ['2026-12-31T15:59:59Z', '2026-12-31', 2026, '2026-12-31 23:59'],
    ['2026-12-31T16:00:00Z', '2027-01-01', 2027, '2027-01-01 00:00'], // midnight in Beijing
    ['2026-11-21T15:59:59Z', '2026-11-21', 2026, '2026-11-21 23:59'],
    ['2026-11-21T16:00:00Z', '2026-11-22', 2026, '2026-11-22 00:00'],
    ['2026-06-30T23:00:00-05:00', '2026-07-01', 2026, '2026-07-01 12:00'], // a browser in New York
    ['2027-01-01T00:30:00+09:00', '2026-12-31', 2026, '2026-12-31 23:30'], // a browser in Tokyo: still last year in China
    ['2024-02-28T16:00:00Z', '2024-02-29', 2024, '2024-02-29 00:00'], // leap day
  ])('%s → %s, year %i, %s', (instant, day, year, wall) => {
    expect(chinaDateOf(new Date(instant))).toBe(day);
    expect(chinaDateOf(instant)).toBe(day);
    expect(chinaYear(new Date(instant))).toBe(year);
    expect(chinaYear(instant)).toBe(year);
    expect(chinaDateTime(instant)).toBe(wall);
  });

  it('seconds and file names', () => {
    expect(chinaTimestamp('2026-03-01T01:02:03Z')).toBe('2026-03-01 09:02:03');
    expect(chinaFileStamp('2026-03-01T01:02:03Z')).toBe('202603010902');
  });

  it('refuses an unreadable instant', () => expect(() => chinaDateOf('not a time')).toThrow());
});

describe('China calendar days and years as instants', () => {
  it.each([
    ['2026-05-10', '2026-05-09T16:00:00.000Z', '2026-05-10T15:59:59.999Z'],
    ['2027-01-01', '2026-12-31T16:00:00.000Z', '2027-01-01T15:59:59.999Z'],
  ])('%s runs from %s to %s', (day, start, end) => {
    expect(startOfChinaDay(day).toISOString()).toBe(start);
    expect(endOfChinaDay(day).toISOString()).toBe(end);
  });

  it.each([
    [2026, '2026-12-31T16:00:00.000Z'],
    [2024, '2024-12-31T16:00:00.000Z'],
  ])('the end of %i is %s', (year, at) => expect(endOfChinaYear(year).toISOString()).toBe(at));
});

describe('dates and hours as printed', () => {
  it.each([
    ['2026-11-22', '2026年11月22日'],
    ['2024-01-05', '2024年1月5日'],
    ['2026-11-21T16:00:00Z', '2026年11月22日'], // an instant: its China day
    ['2026-11-21T15:59:59.000Z', '2026年11月21日'],
  ])('chineseDate(%s) = %s', (value, text) => expect(chineseDate(value)).toBe(text));

  it('a Date is read in China time', () => expect(chineseDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日'));

  it.each(['22/11/2026', '', 'tomorrow'])('refuses %j', (value) => expect(() => chineseDate(value)).toThrow());

  it.each([
    [30, '30'],
    [60.5, '60.5'],
    [33.333, '33.33'],
    [0, '0'],
  ])('formatHours(%s) = %s', (h, text) => expect(formatHours(h)).toBe(text));
});
