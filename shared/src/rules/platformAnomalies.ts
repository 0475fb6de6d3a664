/**
 * Anomaly checks on reported and batch-declared hours (issue 11 item 3). Pure functions: the caller
 * loads what the person already has (counted platform records, declarations) and asks about one
 * candidate record at a time; a batch adds each accepted record to the history before the next.
 *
 * - DAY_HOURS: the hours credited to one person on one calendar day (China time, the day a study
 *   session ends; a declaration counts on its day only when it starts and ends the same day) across
 *   all sources exceed the province's limit (default 12).
 * - OVERLAP: the candidate's study session overlaps a counted session of the same person reported
 *   by ANOTHER source (a person studies on one platform at a time; overlapping sessions on one
 *   platform are that platform's business, e.g. a video and its quiz).
 * - COURSE_LENGTH: more hours than the course's length. No course catalogue is filed with the
 *   platform API (CONTRACT has none), so a course's length is what its platform has established:
 *   the largest hours among that platform's counted records of the same course id, once at least
 *   `courseLengthMinSamples` (default 3) of them exist. One inflated claim stands out against a
 *   course reported consistently; a longer variant the bureau released widens the length.
 * - DUPLICATE: another source already reported the same completion for the person: the same course
 *   title (ignoring spaces and punctuation) in the same year, from another platform or a declaration.
 *   Every declaration is a source of its own (a batch row against the person's other declarations,
 *   or an earlier row of its batch, is a second report of the completion).
 *
 * A declaration (batch rows, issue 11 item 3) has dates, not a session: of these it can raise only
 * DAY_HOURS (when it starts and ends the same day) and DUPLICATE; OVERLAP, COURSE_LENGTH and TOO_FAST
 * need a session or a platform's course id and return null for it.
 * - TOO_FAST: the completion arrives faster than humanly possible: its session is shorter than
 *   hours × `minMinutesPerHour` (default 45 minutes per 学时), or it ends sooner after the person's
 *   previous completion (any platform) than its own hours take.
 */
import { chinaDateOf } from './chinaTime';

export interface AnomalySettingsValues {
  maxHoursPerDay: number;
  minMinutesPerHour: number;
  courseLengthMinSamples: number;
}

export const DEFAULT_ANOMALY_SETTINGS: AnomalySettingsValues = { maxHoursPerDay: 12, minMinutesPerHour: 45, courseLengthMinSamples: 3 };

export const ANOMALY_LIMITS = {
  maxHoursPerDay: { min: 1, max: 24 },
  minMinutesPerHour: { min: 1, max: 60 },
  courseLengthMinSamples: { min: 1, max: 1000 },
} as const;

export const ANOMALY_CODES = ['DAY_HOURS', 'OVERLAP', 'COURSE_LENGTH', 'DUPLICATE', 'TOO_FAST'] as const;
export type AnomalyCode = (typeof ANOMALY_CODES)[number];
export const ANOMALY_LABELS: Record<AnomalyCode, string> = {
  DAY_HOURS: '单日学时超限',
  OVERLAP: '学习时间重叠',
  COURSE_LENGTH: '超过课程时长',
  DUPLICATE: '重复报送',
  TOO_FAST: '完成速度异常',
};

export interface AnomalyFlag {
  code: AnomalyCode;
  message: string;
}

/** The Chinese label of a stored flag's code (the code itself for one this version does not know). */
export const anomalyLabel = (code: string) => ANOMALY_LABELS[code as AnomalyCode] ?? code;

/** Stored flags as reviewers read them: each with its Chinese label (ANOMALY_LABELS). */
export const labelledAnomalyFlags = (flags: readonly { code: string; message: string }[] | null | undefined) =>
  (flags ?? []).map((f) => ({ code: f.code, label: anomalyLabel(f.code), message: f.message }));

/** A record of a person with a study session (platform records; declarations have only dates). */
export interface StudyRecord {
  /** Where it comes from: `platform:<id>` or `declaration`. */
  source: string;
  courseId: string | null;
  courseTitle: string;
  hours: number;
  /** Session start and end (platform records); null for a declaration. */
  startedAt: Date | null;
  finishedAt: Date | null;
  /** A declaration's dates (China calendar, YYYY-MM-DD); for a platform record the end's China day. */
  startDate: string;
  endDate: string;
  year: number;
}

const tenths = (h: number) => Math.round(h * 10);
const normaliseTitle = (t: string) => t.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();

/** The day a record's hours are credited to, or null when they spread over several days. */
function creditDay(r: StudyRecord): string | null {
  if (r.finishedAt) return chinaDateOf(r.finishedAt);
  return r.startDate === r.endDate ? r.startDate : null;
}

export function dayHoursFlag(candidate: StudyRecord, history: readonly StudyRecord[], s: AnomalySettingsValues): AnomalyFlag | null {
  const day = creditDay(candidate);
  if (!day) return null;
  const total = history.filter((r) => creditDay(r) === day).reduce((sum, r) => sum + tenths(r.hours), tenths(candidate.hours));
  if (total <= tenths(s.maxHoursPerDay)) return null;
  return { code: 'DAY_HOURS', message: `${day}当天各渠道合计${total / 10}学时，超过每日上限${s.maxHoursPerDay}学时` };
}

export function overlapFlag(candidate: StudyRecord, history: readonly StudyRecord[]): AnomalyFlag | null {
  const { startedAt: a, finishedAt: b } = candidate;
  if (!a || !b) return null;
  const other = history.find((r) => r.source !== candidate.source && r.startedAt && r.finishedAt && r.startedAt < b && a < r.finishedAt);
  if (!other) return null;
  return { code: 'OVERLAP', message: `学习时间与其他平台的课程“${other.courseTitle}”重叠` };
}

/** What a platform has reported for one course id in its counted records: the largest hours and how many. */
export interface CourseStats {
  maxHours: number;
  count: number;
}

/** The course stats of the candidate's platform and course id among `history` (tests, small sets). */
export function courseStatsOf(candidate: StudyRecord, history: readonly StudyRecord[]): CourseStats | null {
  const same = history.filter((r) => r.source === candidate.source && r.courseId != null && r.courseId === candidate.courseId);
  return same.length === 0 ? null : { maxHours: Math.max(...same.map((r) => r.hours)), count: same.length };
}

/** The course's established length (hours), or null while its platform has too few counted records of it. */
export const courseLength = (stats: CourseStats | null, s: AnomalySettingsValues): number | null =>
  stats && stats.count >= s.courseLengthMinSamples ? stats.maxHours : null;

export function courseLengthFlag(candidate: StudyRecord, stats: CourseStats | null, s: AnomalySettingsValues): AnomalyFlag | null {
  const length = courseLength(stats, s);
  if (length == null || tenths(candidate.hours) <= tenths(length)) return null;
  return { code: 'COURSE_LENGTH', message: `报送${candidate.hours}学时，超过该课程时长${length}学时` };
}

export function duplicateFlag(candidate: StudyRecord, history: readonly StudyRecord[]): AnomalyFlag | null {
  const title = normaliseTitle(candidate.courseTitle);
  if (!title) return null;
  const other = history.find(
    (r) => (r.source !== candidate.source || r.source === 'declaration') && r.year === candidate.year && normaliseTitle(r.courseTitle) === title,
  );
  if (!other) return null;
  const where = other.source === 'declaration' ? '学时申报' : '其他学习平台';
  return { code: 'DUPLICATE', message: `同一课程“${candidate.courseTitle}”已由${where}登记` };
}

export function tooFastFlag(candidate: StudyRecord, history: readonly StudyRecord[], s: AnomalySettingsValues): AnomalyFlag | null {
  const { startedAt, finishedAt } = candidate;
  if (!startedAt || !finishedAt) return null;
  const neededMs = candidate.hours * s.minMinutesPerHour * 60_000;
  const sessionMs = finishedAt.getTime() - startedAt.getTime();
  if (sessionMs < neededMs) {
    return { code: 'TOO_FAST', message: `学习用时${Math.round(sessionMs / 60_000)}分钟，不足${candidate.hours}学时所需的${Math.round(neededMs / 60_000)}分钟` };
  }
  // The person's previous completion on any platform: this one cannot end sooner after it than it takes.
  let previous: Date | null = null;
  for (const r of history) {
    if (r.finishedAt && r.finishedAt <= finishedAt && (!previous || r.finishedAt > previous)) previous = r.finishedAt;
  }
  if (previous && finishedAt.getTime() - previous.getTime() < neededMs) {
    const gap = Math.round((finishedAt.getTime() - previous.getTime()) / 60_000);
    return { code: 'TOO_FAST', message: `距上一门课程完成仅${gap}分钟，不足${candidate.hours}学时所需的${Math.round(neededMs / 60_000)}分钟` };
  }
  return null;
}

/** Every flag of a candidate against the person's counted records (and, for COURSE_LENGTH, the platform's). */
export function anomalyFlags(
  candidate: StudyRecord,
  personHistory: readonly StudyRecord[],
  course: CourseStats | null,
  s: AnomalySettingsValues,
): AnomalyFlag[] {
  return [
    dayHoursFlag(candidate, personHistory, s),
    overlapFlag(candidate, personHistory),
    courseLengthFlag(candidate, course, s),
    duplicateFlag(candidate, personHistory),
    tooFastFlag(candidate, personHistory, s),
  ].filter((f): f is AnomalyFlag => f !== null);
}
