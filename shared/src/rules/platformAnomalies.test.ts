import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ANOMALY_SETTINGS as S,
  anomalyFlags,
  courseLengthFlag,
  courseStatsOf,
  dayHoursFlag,
  duplicateFlag,
  overlapFlag,
  tooFastFlag,
  type StudyRecord,
} from './platformAnomalies';
import { chinaDateOf } from './chinaTime';

/** A platform session: China local times "HH:MM" on 2026-05-10 unless a full ISO time is given. */
function rec(p: Partial<StudyRecord> & { from?: string; to?: string } = {}): StudyRecord {
  const at = (t: string) => new Date(t.includes('T') ? t : `2026-05-10T${t}:00+08:00`);
  const startedAt = p.from ? at(p.from) : p.startedAt === undefined ? at('08:00') : p.startedAt;
  const finishedAt = p.to ? at(p.to) : p.finishedAt === undefined ? at('10:00') : p.finishedAt;
  const day = finishedAt ? chinaDateOf(finishedAt) : '2026-05-10';
  return {
    source: 'platform:1',
    courseId: 'C1',
    courseTitle: '课程',
    hours: 2,
    startDate: day,
    endDate: day,
    year: 2026,
    ...p,
    startedAt,
    finishedAt,
  };
}
const decl = (p: Partial<StudyRecord>) => rec({ source: 'declaration', courseId: null, startedAt: null, finishedAt: null, ...p });

describe('DAY_HOURS: more than the daily limit across all sources', () => {
  it.each<[string, StudyRecord, StudyRecord[], boolean]>([
    ['12 hours exactly', rec({ hours: 4 }), [rec({ hours: 8, source: 'platform:2', from: '11:00', to: '19:00' })], false],
    ['12.5 hours', rec({ hours: 4.5 }), [rec({ hours: 8, source: 'platform:2' })], true],
    ['a same-day declaration counts', rec({ hours: 6 }), [decl({ hours: 7, startDate: '2026-05-10', endDate: '2026-05-10' })], true],
    ['a multi-day declaration does not', rec({ hours: 6 }), [decl({ hours: 7, startDate: '2026-05-09', endDate: '2026-05-10' })], false],
    ['another China day does not', rec({ hours: 6 }), [rec({ hours: 8, from: '2026-05-09T20:00:00+08:00', to: '2026-05-09T23:59:00+08:00' })], false],
    ['midnight UTC+8 boundary: 00:30 China belongs to the next day', rec({ hours: 6, from: '2026-05-10T23:00:00+08:00', to: '2026-05-11T00:30:00+08:00' }), [rec({ hours: 8 })], false],
  ])('%s', (_, candidate, history, flagged) => {
    expect(dayHoursFlag(candidate, history, S) !== null).toBe(flagged);
  });
  it('follows the province setting', () => {
    expect(dayHoursFlag(rec({ hours: 5 }), [rec({ hours: 4 })], { ...S, maxHoursPerDay: 8 })?.code).toBe('DAY_HOURS');
  });
});

describe('OVERLAP: sessions of one person on two platforms at the same time', () => {
  it.each<[string, StudyRecord, StudyRecord[], boolean]>([
    ['other platform, overlapping', rec({ from: '08:00', to: '10:00' }), [rec({ source: 'platform:2', from: '09:30', to: '11:00' })], true],
    ['other platform, touching ends', rec({ from: '08:00', to: '10:00' }), [rec({ source: 'platform:2', from: '10:00', to: '11:00' })], false],
    ['same platform, overlapping', rec({ from: '08:00', to: '10:00' }), [rec({ from: '09:30', to: '11:00' })], false],
    ['a declaration has no session', rec(), [decl({})], false],
  ])('%s', (_, candidate, history, flagged) => expect(overlapFlag(candidate, history) !== null).toBe(flagged));
});

describe('COURSE_LENGTH: more hours than the course has', () => {
  const three = [rec({ hours: 2 }), rec({ hours: 2 }), rec({ hours: 1.5 })];
  it.each<[string, StudyRecord, StudyRecord[], boolean]>([
    ['above the established length', rec({ hours: 3 }), three, true],
    ['equal to it', rec({ hours: 2 }), three, false],
    ['too few earlier records to know the length', rec({ hours: 30 }), three.slice(0, 2), false],
    ['another platform\u2019s records of the same id do not count', rec({ hours: 3 }), three.map((r) => ({ ...r, source: 'platform:9' })), false],
    ['another course id', rec({ hours: 3, courseId: 'C2' }), three, false],
  ])('%s', (_, candidate, history, flagged) => expect(courseLengthFlag(candidate, courseStatsOf(candidate, history), S) !== null).toBe(flagged));
});

describe('DUPLICATE: the same completion from two sources', () => {
  it.each<[string, StudyRecord, StudyRecord[], boolean]>([
    ['another platform, same title', rec({ courseTitle: '职业道德 与 素养' }), [rec({ source: 'platform:2', courseTitle: '职业道德与素养！' })], true],
    ['a declaration of the same title', rec({ courseTitle: '职业道德与素养' }), [decl({ title: 'x', courseTitle: '职业道德与素养' } as Partial<StudyRecord>)], true],
    ['same platform again (its own record ids decide)', rec({ courseTitle: '职业道德与素养' }), [rec({ courseTitle: '职业道德与素养' })], false],
    ['another year', rec({ courseTitle: '职业道德与素养' }), [rec({ source: 'platform:2', courseTitle: '职业道德与素养', year: 2025 })], false],
    ['a declaration against another declaration', decl({ courseTitle: '职业道德与素养' }), [decl({ courseTitle: '职业道德 与 素养' })], true],
    ['a declaration against a platform record', decl({ courseTitle: '职业道德与素养' }), [rec({ courseTitle: '职业道德与素养' })], true],
    ['a declaration of another year', decl({ courseTitle: '职业道德与素养' }), [decl({ courseTitle: '职业道德与素养', year: 2025 })], false],
  ])('%s', (_, candidate, history, flagged) => expect(duplicateFlag(candidate, history) !== null).toBe(flagged));
});

describe('TOO_FAST: faster than humanly possible', () => {
  it.each<[string, StudyRecord, StudyRecord[], boolean]>([
    ['2 hours in 90 minutes', rec({ hours: 2, from: '08:00', to: '09:30' }), [], false],
    ['2 hours in 89 minutes', rec({ hours: 2, from: '08:01', to: '09:30' }), [], true],
    ['ends 30 minutes after the previous completion', rec({ hours: 1, from: '07:00', to: '10:30' }), [rec({ source: 'platform:2', from: '06:00', to: '10:00' })], true],
    ['ends 45 minutes after it', rec({ hours: 1, from: '07:00', to: '10:45' }), [rec({ source: 'platform:2', from: '06:00', to: '10:00' })], false],
    ['a later completion is not "previous"', rec({ hours: 1, from: '07:00', to: '10:00' }), [rec({ from: '10:05', to: '11:00' })], false],
  ])('%s', (_, candidate, history, flagged) => expect(tooFastFlag(candidate, history, S) !== null).toBe(flagged));
});

describe('anomalyFlags', () => {
  it('a declaration (dates, no session) raises only DAY_HOURS and DUPLICATE', () => {
    const history = [rec({ source: 'platform:2', courseTitle: '职业道德', hours: 8, from: '08:00', to: '16:00' }), decl({ courseTitle: '课程甲', hours: 3 })];
    const flags = anomalyFlags(decl({ courseTitle: '职业道德', hours: 2 }), history, null, S);
    expect(flags.map((f) => f.code)).toEqual(['DAY_HOURS', 'DUPLICATE']);
    expect(anomalyFlags(decl({ courseTitle: '另一门课', hours: 2, startDate: '2026-05-09' }), history, null, S)).toEqual([]);
  });

  it('a clean record has none; a bad one carries every flag that applies', () => {
    expect(anomalyFlags(rec(), [], null, S)).toEqual([]);
    const flags = anomalyFlags(rec({ hours: 13, from: '08:00', to: '10:00' }), [rec({ source: 'platform:2', courseTitle: '另一门课', from: '09:00', to: '09:30' })], null, S);
    expect(flags.map((f) => f.code)).toEqual(['DAY_HOURS', 'OVERLAP', 'TOO_FAST']);
  });
});
