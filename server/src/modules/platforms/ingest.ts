/**
 * CONTRACT `POST /api/platform/v1/completions`: a platform reports 1–1,000 completion records.
 *
 * One transaction for the whole call: the platform's row is locked first (two calls of one platform
 * run one after the other, so a record id sent twice at once is still registered once; the unique
 * index (platform, record id) backs that up), then every new record is judged in the order sent:
 * - refused: the record itself is wrong (ID number, times, hours) — nothing to review;
 * - held (not counted; the bureau above the base releases or refuses it): unknown or archived
 *   person, name not matching the ID number, a 专业科目 course of another 职称系列 than the person's,
 *   or an anomaly flag (shared/src/rules/platformAnomalies.ts) against what the person already has;
 * - accepted: registered at once as an approved declaration (第九条（三）"由服务平台自动登记": no
 *   review chain) marked with the platform, so it counts, shows in every list and falls under the
 *   sampling audit like any approved record; the counted-hours hooks run once per person and year.
 * A record id already received returns its first answer again and changes nothing.
 */
import {
  anomalyLabel,
  anomalyFlags,
  chinaDateOf,
  chinaYear,
  evaluateStandardHours,
  maskIdNumber,
  validateIdNumber,
  type AnomalySettingsValues,
  type CompletionRecordInput,
  type CourseStats,
  type StudyRecord,
} from '@ce/shared';
import type { RequestMeta } from '../../access/actor';
import { writeAudit } from '../../audit/audit';
import type { Queryable } from '../../db';
import type { PlatformRecordFlag, PlatformRecordStatus } from '../../db/schema-platforms';
import type { Deps } from '../../http/context';
import { countedHoursChanged } from '../declarations/hooks';
import { professionalsByIdNumbers, type NewDeclaration } from '../declarations/repo';
import { submitted } from '../declarations/submitted';
import { loadAnomalySettings } from './anomaly-settings';
import type { PlatformRow } from './service';
import {
  acceptedCourseStats,
  acceptedPlatformRecordsOf,
  countedDeclarationsOf,
  firstAnswersOf,
  insertDeclarationEvents,
  insertDeclarationsReturning,
  insertPlatformRecords,
  lockPlatform,
  recordStateOf,
  titleSeriesOf,
  touchPlatform,
} from './repo';

const CHUNK = 200;

export interface CompletionResult {
  recordId: string;
  status: PlatformRecordStatus;
  reason: string | null;
}

export const REASONS = {
  unknownPerson: '查无此人或已注销归档（该身份证号未在本平台注册为在职的专业技术人员）',
  nameMismatch: '姓名与身份证号不一致',
  seriesMismatch: (course: string, own: string) => `课程专业与职称系列不一致（课程：${course || '未填写'}；本人：${own}）`,
} as const;

/** Why a record cannot be registered at all, or null. */
function refusal(r: CompletionRecordInput, started: Date, finished: Date, now: Date): string | null {
  if (!validateIdNumber(r.idNumber).ok) return '身份证号码不正确';
  if (finished < started) return '结束时间早于开始时间';
  if (finished.getTime() > now.getTime() + 300_000) return '结束时间晚于当前时间';
  if (Math.round(r.hours * 10) !== r.hours * 10) return '学时最多保留一位小数';
  if (chinaYear(finished) < 2000) return '完成时间不正确';
  return null;
}

type Person = NonNullable<Awaited<ReturnType<typeof professionalsByIdNumbers>> extends Map<string, infer P> ? P : never>;

interface Judged {
  input: CompletionRecordInput;
  startedAt: Date;
  finishedAt: Date;
  status: PlatformRecordStatus;
  reason: string | null;
  flags: PlatformRecordFlag[];
  person: Person | null;
}

/**
 * The counted records of these persons the checks compare with (platform records and declarations),
 * set-based: two queries per 1,000 persons. Also the history of a batch's anomaly checks.
 */
export async function historyOf(q: Queryable, personIds: number[], fromYear: number, toYear: number): Promise<Map<number, StudyRecord[]>> {
  const history = new Map<number, StudyRecord[]>();
  if (personIds.length === 0) return history;
  const push = (personId: number, r: StudyRecord) => {
    let list = history.get(personId);
    if (!list) history.set(personId, (list = []));
    list.push(r);
  };
  const from = new Date(`${fromYear}-01-01T00:00:00+08:00`);
  const to = new Date(`${toYear + 1}-01-01T00:00:00+08:00`);
  for (let i = 0; i < personIds.length; i += 1000) {
    const ids = personIds.slice(i, i + 1000);
    const platformRows = await acceptedPlatformRecordsOf(q, ids, from, to);
    for (const r of platformRows) {
      push(r.personId!, {
        source: `platform:${r.platformId}`,
        courseId: r.courseId,
        courseTitle: r.courseTitle,
        hours: r.hours,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        startDate: chinaDateOf(r.startedAt),
        endDate: chinaDateOf(r.finishedAt),
        year: chinaYear(r.finishedAt),
      });
    }
    const declared = await countedDeclarationsOf(q, ids, fromYear, toYear);
    for (const row of declared) {
      // Pending and approved records are complete (submitting checks them).
      const r = submitted(row, ['title', 'hours', 'startDate', 'endDate']);
      push(r.personId, { source: 'declaration', courseId: null, courseTitle: r.title, hours: r.hours, startedAt: null, finishedAt: null, startDate: r.startDate, endDate: r.endDate, year: r.year });
    }
  }
  return history;
}

async function courseStats(q: Queryable, platformId: number, courseIds: string[]): Promise<Map<string, CourseStats>> {
  const stats = new Map<string, CourseStats>();
  for (let i = 0; i < courseIds.length; i += 1000) {
    const rows = await acceptedCourseStats(q, platformId, courseIds.slice(i, i + 1000));
    for (const r of rows) stats.set(r.courseId, { maxHours: Number(r.maxHours), count: Number(r.count) });
  }
  return stats;
}

async function seriesOf(q: Queryable, personIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const rows = await titleSeriesOf(q, personIds.slice(i, i + 1000));
    for (const r of rows) out.set(r.personId, r.series);
  }
  return out;
}

export const studyRecordOf = (platformId: number, r: { courseId: string; courseTitle: string; hours: number; startedAt: Date; finishedAt: Date }): StudyRecord => ({
  source: `platform:${platformId}`,
  courseId: r.courseId,
  courseTitle: r.courseTitle,
  hours: r.hours,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  startDate: chinaDateOf(r.startedAt),
  endDate: chinaDateOf(r.finishedAt),
  year: chinaYear(r.finishedAt),
});

const toFlags = (flags: ReturnType<typeof anomalyFlags>): PlatformRecordFlag[] => flags.map((f) => ({ code: f.code, message: f.message }));

/** The approved declaration a counted platform record becomes (no review chain: 由服务平台自动登记). */
export function declarationOf(platform: PlatformRow, j: { input: CompletionRecordInput; startedAt: Date; finishedAt: Date; person: Person }, now: Date): NewDeclaration {
  const standard = evaluateStandardHours('base_training', {});
  if (!standard.ok) throw new Error(standard.message);
  return {
    personId: j.person.personId,
    accountId: j.person.accountId,
    unitId: j.person.unit.id,
    unitPath: j.person.unit.path,
    workDepartmentId: j.person.workDepartmentId,
    year: chinaYear(j.finishedAt),
    subject: j.input.subject,
    form: 'base_training',
    title: j.input.courseTitle,
    organiser: platform.name,
    startDate: chinaDateOf(j.startedAt),
    endDate: chinaDateOf(j.finishedAt),
    assessmentResult: '学习平台报送：已完成',
    params: {},
    monthsOnDuty: null,
    claimedHours: j.input.hours,
    standardHours: standard.result.hours,
    standardCovers: standard.result.covers,
    standardBasis: standard.result.basis,
    note: `学习平台报送（记录号 ${j.input.recordId}，课程编号 ${j.input.courseId}）`,
    status: 'approved',
    submissionNo: 1,
    reviewChain: [],
    currentLevel: null,
    currentReviewerOrgId: null,
    submittedAt: now,
    approvedAt: now,
    createdAt: now,
    updatedAt: now,
    platformId: platform.id,
  };
}

/** Inserts counted declarations and their events, in order; runs the hooks once per person and year. */
export async function registerCounted(
  tx: Queryable,
  platform: PlatformRow,
  rows: NewDeclaration[],
  meta: RequestMeta,
  eventReason: string,
  by: { actorAccountId: number | null; actorName: string; orgId: number | null; orgName: string | null },
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await insertDeclarationsReturning(tx, chunk);
    // A multi-row INSERT … RETURNING answers in the VALUES order; checked rather than assumed.
    inserted.forEach((r, k) => {
      if (r.personId !== chunk[k]!.personId || r.title !== chunk[k]!.title) throw new Error('declaration insert order mismatch');
      ids.push(r.id);
    });
  }
  for (let i = 0; i < ids.length; i += CHUNK) {
    await insertDeclarationEvents(
      tx,
      ids.slice(i, i + CHUNK).map((declarationId) => ({ declarationId, submissionNo: 1, action: 'approve' as const, level: null, reason: eventReason, at: meta.now, ...by })),
    );
  }
  const changed = new Map<string, { personId: number; year: number; declarationId: number }>();
  rows.forEach((r, k) => changed.set(`${r.personId}:${r.year}`, { personId: r.personId, year: r.year, declarationId: ids[k]! }));
  for (const c of changed.values()) {
    await countedHoursChanged(tx, { ...c, cause: 'approved', reason: null, actor: null, meta });
  }
  return ids;
}

/** Judges the new records in order (pure but for the loaded context): refused / held / accepted. */
function judge(
  platform: PlatformRow,
  records: CompletionRecordInput[],
  ctx: { persons: Map<string, Person>; series: Map<number, string>; history: Map<number, StudyRecord[]>; courses: Map<string, CourseStats>; settings: AnomalySettingsValues; now: Date },
): Judged[] {
  return records.map((input) => {
    const startedAt = new Date(input.startedAt);
    const finishedAt = new Date(input.finishedAt);
    const base = { input, startedAt, finishedAt, flags: [] as PlatformRecordFlag[], person: null as Person | null };
    const refused = refusal(input, startedAt, finishedAt, ctx.now);
    if (refused) return { ...base, status: 'refused' as const, reason: refused };
    const person = ctx.persons.get(input.idNumber) ?? null;
    if (!person) return { ...base, status: 'held' as const, reason: REASONS.unknownPerson };
    const reasons: string[] = [];
    if (person.name !== input.name) reasons.push(REASONS.nameMismatch);
    const own = ctx.series.get(person.personId) ?? '';
    if (input.subject === 'professional' && input.series !== own) reasons.push(REASONS.seriesMismatch(input.series, own));
    const candidate = studyRecordOf(platform.id, { ...input, startedAt, finishedAt });
    const history = ctx.history.get(person.personId) ?? [];
    const flags = toFlags(anomalyFlags(candidate, history, ctx.courses.get(input.courseId) ?? null, ctx.settings));
    reasons.push(...flags.map((f) => `${anomalyLabel(f.code)}：${f.message}`));
    if (reasons.length > 0) return { ...base, person, flags, status: 'held' as const, reason: reasons.join('；') };
    // Counted from now on: later records of this call are checked against it.
    ctx.history.set(person.personId, [...history, candidate]);
    const c = ctx.courses.get(input.courseId);
    ctx.courses.set(input.courseId, { maxHours: Math.max(c?.maxHours ?? 0, input.hours), count: (c?.count ?? 0) + 1 });
    return { ...base, person, status: 'accepted' as const, reason: null };
  });
}

export async function postCompletions(deps: Deps, meta: RequestMeta, platform: PlatformRow, records: CompletionRecordInput[]) {
  const settings = await loadAnomalySettings(deps.db);
  return deps.db.transaction(async (tx) => {
    const locked = await lockPlatform(tx, platform.id);
    if (!locked) throw new Error('platform vanished');

    // A record id repeated inside the call is one record: its later copies answer like a repeat.
    const firstOf = new Map<string, CompletionRecordInput>();
    for (const r of records) if (!firstOf.has(r.recordId)) firstOf.set(r.recordId, r);
    const ids = [...firstOf.keys()];
    const known = new Map<string, CompletionResult>();
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await firstAnswersOf(tx, platform.id, ids.slice(i, i + 1000));
      for (const r of rows) known.set(r.recordId, r);
    }
    const fresh = [...firstOf.values()].filter((r) => !known.has(r.recordId));

    const persons = await professionalsByIdNumbers(tx, [...new Set(fresh.map((r) => r.idNumber))]);
    const personIds = [...new Set([...persons.values()].map((p) => p.personId))];
    const years = fresh.map((r) => Date.parse(r.finishedAt)).filter((t) => !Number.isNaN(t)).map((t) => chinaYear(new Date(t)));
    const judged = judge(locked, fresh, {
      persons,
      series: await seriesOf(tx, personIds),
      history: years.length ? await historyOf(tx, personIds, Math.min(...years), Math.max(...years)) : new Map(),
      courses: await courseStats(tx, platform.id, [...new Set(fresh.map((r) => r.courseId))]),
      settings,
      now: meta.now,
    });

    const accepted = judged.filter((j): j is Judged & { person: Person } => j.status === 'accepted' && j.person !== null);
    const declarationIds = await registerCounted(
      tx,
      locked,
      accepted.map((j) => declarationOf(locked, j, meta.now)),
      meta,
      `由学习平台“${locked.name}”自动登记`,
      { actorAccountId: null, actorName: `学习平台：${locked.name}`, orgId: locked.baseOrgId, orgName: null },
    );
    const declarationOfRecord = new Map(accepted.map((j, k) => [j.input.recordId, declarationIds[k]!]));
    const values = judged.map((j) => ({
      platformId: platform.id,
      recordId: j.input.recordId,
      status: j.status,
      reason: j.reason,
      firstStatus: j.status,
      firstReason: j.reason,
      flags: j.flags,
      personId: j.person?.personId ?? null,
      unitPath: j.person?.unit.path ?? null,
      idNumberMasked: maskIdNumber(j.input.idNumber),
      name: j.input.name,
      courseId: j.input.courseId,
      courseTitle: j.input.courseTitle,
      subject: j.input.subject,
      series: j.input.series,
      hours: j.input.hours,
      startedAt: Number.isNaN(j.startedAt.getTime()) ? meta.now : j.startedAt,
      finishedAt: Number.isNaN(j.finishedAt.getTime()) ? meta.now : j.finishedAt,
      receivedAt: meta.now,
      declarationId: declarationOfRecord.get(j.input.recordId) ?? null,
    }));
    for (let i = 0; i < values.length; i += CHUNK) await insertPlatformRecords(tx, values.slice(i, i + CHUNK));
    for (const j of judged) known.set(j.input.recordId, { recordId: j.input.recordId, status: j.status, reason: j.reason });

    const count = (s: PlatformRecordStatus) => judged.filter((j) => j.status === s).length;
    await touchPlatform(tx, platform.id, meta.now);
    // One audit row per call, with the counts (not one per record).
    await writeAudit(tx, { actor: null, meta, actorName: `学习平台：${locked.name}` }, {
      action: 'platform.completions.post',
      objectType: 'learning_platform',
      objectId: platform.id,
      scopePath: locked.baseOrgPath,
      detail: { platformId: locked.clientId, received: records.length, new: judged.length, repeated: records.length - judged.length, accepted: count('accepted'), held: count('held'), refused: count('refused') },
    });
    return { results: records.map((r) => known.get(r.recordId)!) };
  });
}

/** CONTRACT `GET /api/platform/v1/completions/{recordId}`: the record's state now. */
export async function completionState(deps: Deps, meta: RequestMeta, platform: PlatformRow, recordId: string): Promise<CompletionResult | undefined> {
  return deps.db.transaction(async (tx) => {
    const row = await recordStateOf(tx, platform.id, recordId);
    await touchPlatform(tx, platform.id, meta.now);
    await writeAudit(tx, { actor: null, meta, actorName: `学习平台：${platform.name}` }, {
      action: 'platform.completions.read',
      objectType: 'learning_platform',
      objectId: platform.id,
      scopePath: platform.baseOrgPath,
      detail: { platformId: platform.clientId, recordId, found: row !== undefined },
    });
    return row;
  });
}
