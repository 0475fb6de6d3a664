import { chinaDateOf, chinaDateTime, chinaYear, chineseDate, isReadableTime } from '@ce/shared';

/**
 * Dates and times as every screen shows them: China time (UTC+8, @ce/shared chinaTime), whatever
 * the browser's time zone, so that an admin abroad or a wrongly set computer sees the province's
 * dates. An em dash (or '' for prose) for nothing; an unreadable value as it came.
 */
const shown = (iso: string | null | undefined, format: (v: string) => string, empty: string): string =>
  !iso ? empty : isReadableTime(iso) ? format(iso) : iso;

/** YYYY-MM-DD HH:mm in China time; an em dash for nothing. */
export const formatDateTime = (iso: string | null | undefined): string => shown(iso, chinaDateTime, '—');

/** YYYY-MM-DD in China time (a calendar date as it stands); an em dash for nothing. */
export const formatDate = (iso: string | null | undefined): string => shown(iso, chinaDateOf, '—');

/** A date or a timestamp as 2026年3月1日 (a timestamp's China day); '' for nothing. */
export const dayText = (iso: string | null | undefined): string => shown(iso, chineseDate, '');

/** Today's date in China as YYYY-MM-DD (the ID number's "not born in the future" check, date pickers). */
export const today = (): string => chinaDateOf(new Date());

/** The current year in China: the default year of every year picker and filter. */
export const yearNow = (): number => chinaYear(new Date());
