/**
 * China time (UTC+8, no daylight saving since 1991): the one place that turns instants into the
 * calendar days and years that the regulation, the certificates and every screen speak of. The
 * server and the browser both use it, so a reviewer in another time zone (or a browser set wrongly)
 * sees the same dates, the same 今天 and the same current year as the province. No clock: callers pass
 * the instant (`new Date()` for now).
 */
export const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant shifted so that its UTC fields read as China's wall clock. */
const chinaWall = (at: Date | string): Date => new Date(new Date(at).getTime() + CHINA_OFFSET_MS);

/** The calendar day in China of an instant, as YYYY-MM-DD. */
export const chinaDateOf = (at: Date | string): string => chinaWall(at).toISOString().slice(0, 10);

/** The year in China of an instant (计入年度, 当前年度 default to it). */
export const chinaYear = (at: Date | string): number => chinaWall(at).getUTCFullYear();

/** "2026-12-03 09:05" (YYYY-MM-DD HH:mm), China's wall clock. */
export const chinaDateTime = (at: Date | string): string => chinaWall(at).toISOString().slice(0, 16).replace('T', ' ');

/** "2026-12-03 09:05:07" (YYYY-MM-DD HH:mm:ss), China's wall clock (exports, audit). */
export const chinaTimestamp = (at: Date | string): string => chinaWall(at).toISOString().slice(0, 19).replace('T', ' ');

/** "202612030905": China's wall clock for a file name. */
export const chinaFileStamp = (at: Date | string): string => chinaDateTime(at).replace(/[- :]/g, '');

/** The first instant of a China calendar day (YYYY-MM-DD). */
export const startOfChinaDay = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** The last millisecond of a China calendar day: an inclusive deadline as an instant. */
export const endOfChinaDay = (day: string): Date => new Date(startOfChinaDay(day).getTime() + DAY_MS - 1);

/** The first instant of the next year in China: "at the end of `year`" means before it. */
export const endOfChinaYear = (year: number): Date => new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS);

/**
 * "2026-11-22" → "2026年11月22日" (发证时间 and every date a person reads). A calendar date is taken as
 * it stands; an instant (ISO timestamp or Date) becomes its China day first. Throws on anything else.
 */
export function chineseDate(value: string | Date): string {
  if (typeof value === 'string' && !isReadableTime(value)) throw new Error(`not a date: ${value}`);
  const m = ISO_DATE.exec(typeof value === 'string' && ISO_DATE.test(value) ? value : chinaDateOf(value))!;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Whether a string is a date or an instant that the functions above can read. */
export const isReadableTime = (value: string): boolean => !Number.isNaN(Date.parse(value));
