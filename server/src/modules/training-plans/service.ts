/**
 * 单位培训计划 (SPEC R-28): a unit files its annual plan with its competent department and then the
 * HRSS of the same level (a 无主管部门 unit and a department: the HRSS alone); withdraw while pending,
 * resubmit after a rejection, amend once approved (reviewed again; the approved version stays in
 * force meanwhile). Attendance of an approved training is declared as a declaration batch tied
 * to the plan, so it is checked, imported and reviewed (department → HRSS) exactly like one.
 */
import crypto from 'node:crypto';
import {
  attendanceForm,
  checkAttendance,
  checkPlannedTrainings,
  chinaDateOf,
  LEARNING_FORMS,
  ORG_KIND_LABELS,
  type PLAN_EVENT_LABELS,
  type PlannedTraining,
  type PlannedTrainingInput,
  planReviewChain,
  type PlanState,
  planTransition,
  type TrainingPlanDetail,
} from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError, alreadyHandled, isUniqueViolation } from '../../errors';
import type { Deps } from '../../http/context';
import type { Queryable } from '../../db';
import { pathOrgs } from '../declarations/repo';
import { dataSheet } from '../declaration-batches/excel';
import { uploadBatch } from '../declaration-batches/service';
import { toPlanDetail, toPlanSummary } from './presenters';
import { attendeesByAccountIds, findPlan, findPlanOfYear, insertPlan, insertPlanEvent, orgNames, ownPlans, planBatches, planEvents, subtreePlans, updatePlan, type PlanRow } from './repo';

const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
const FORM_LABEL = new Map(LEARNING_FORMS.map((f) => [f.code, f.label]));
const MB = 1024 * 1024;

const stateOf = (p: PlanRow): PlanState => ({ status: p.status, currentLevel: p.currentLevel, chainLength: p.reviewChain.length, inForce: p.approvedTrainings != null });
const target = (p: PlanRow) => ({ orgId: p.orgId, orgPath: p.orgPath });

/** Keys: kept for trainings carried over from the plan's earlier content, new ones for the rest. */
function withKeys(input: readonly PlannedTrainingInput[], known: ReadonlySet<string>): PlannedTraining[] {
  return input.map((t) => ({
    key: t.key && known.has(t.key) ? t.key : crypto.randomBytes(6).toString('hex'),
    title: t.title,
    organiser: t.organiser,
    startDate: t.startDate,
    endDate: t.endDate,
    place: t.place,
    hours: t.hours,
    subject: t.subject,
    expectedAttendees: t.expectedAttendees,
  }));
}

/** Trainings that already carry attendance (a live batch): an amendment may not drop them. */
async function attendedKeys(q: Queryable, planId: number): Promise<Set<string>> {
  return new Set((await planBatches(q, planId)).filter((b) => b.status !== 'failed' && b.planTrainingKey).map((b) => b.planTrainingKey!));
}

async function chainOf(deps: Deps, actor: Actor) {
  return planReviewChain(await pathOrgs(deps.db, actor.org.path));
}

async function logEvent(q: Queryable, meta: RequestMeta, actor: Actor, plan: PlanRow, action: PlanEventLabel, reason: string | null = null) {
  await insertPlanEvent(q, { planId: plan.id, revision: plan.revision, action, actorAccountId: actor.accountId, actorName: actor.name, orgId: actor.org.id, orgName: actor.org.name, reason, at: meta.now });
  await writeAudit(q, { actor, meta }, { action: `trainingPlan.${action}`, objectType: 'training_plan', objectId: plan.id, scopePath: plan.orgPath, detail: { year: plan.year, revision: plan.revision, status: plan.status, ...(reason ? { reason } : {}) } });
}
type PlanEventLabel = keyof typeof PLAN_EVENT_LABELS;

// ------------------------------------------------------------------ filing

export async function createPlan(deps: Deps, meta: RequestMeta, actor: Actor, body: { year: number; trainings: PlannedTrainingInput[] }): Promise<TrainingPlanDetail> {
  requireAccess(actor, { action: 'trainingPlan.file' });
  const trainings = withKeys(body.trainings, new Set());
  const problem = checkPlannedTrainings(body.year, trainings);
  if (problem) throw new AppError('VALIDATION', problem);
  const chain = await chainOf(deps, actor);
  const t = planTransition(null, 'submit');
  if (!t.ok) throw new AppError('CONFLICT', t.message);
  const duplicate = (id: number) => new AppError('CONFLICT', `本${ORG_KIND_LABELS[actor.org.kind]}已有${body.year}年度培训计划（编号 ${id}），请在原计划中修改或变更`, { planId: id });
  const plan = await deps.db
    .transaction(async (tx) => {
      const existing = await findPlanOfYear(tx, actor.org.id, body.year);
      if (existing) throw duplicate(existing.id);
      const row = await insertPlan(tx, {
        orgId: actor.org.id,
        orgPath: actor.org.path,
        orgKind: actor.org.kind as 'unit' | 'department',
        year: body.year,
        status: t.next.status,
        trainings,
        reviewChain: chain,
        currentLevel: t.next.currentLevel,
        currentReviewerOrgId: chain[0]!,
        filedByAccountId: actor.accountId,
        createdAt: meta.now,
        updatedAt: meta.now,
      });
      await logEvent(tx, meta, actor, row, t.event);
      return row;
    })
    .catch(async (err: unknown) => {
      // Two filings at once: the unique index lets one through; the other names it.
      if (isUniqueViolation(err)) throw duplicate((await findPlanOfYear(deps.db, actor.org.id, body.year))?.id ?? 0);
      throw err;
    });
  return present(deps, actor, plan);
}

/** Resubmission after a rejection or withdrawal, or an amendment of a plan in force. */
export async function resubmitPlan(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { version: number; trainings: PlannedTrainingInput[] }): Promise<TrainingPlanDetail> {
  const plan = await findPlan(deps.db, id);
  if (!plan) throw notFound();
  requireAccess(actor, { action: 'trainingPlan.file', plan: target(plan) });
  const known = new Set([...plan.trainings, ...(plan.approvedTrainings ?? [])].map((t) => t.key));
  const trainings = withKeys(body.trainings, known);
  const problem = checkPlannedTrainings(plan.year, trainings, await attendedKeys(deps.db, plan.id));
  if (problem) throw new AppError('VALIDATION', problem);
  const t = planTransition(stateOf(plan), 'submit');
  if (!t.ok) throw new AppError('CONFLICT', t.message);
  const chain = await chainOf(deps, actor);
  const updated = await deps.db.transaction(async (tx) => {
    const row = await updatePlan(tx, plan.id, body.version, {
      status: t.next.status,
      trainings,
      reviewChain: chain,
      currentLevel: t.next.currentLevel,
      currentReviewerOrgId: chain[0]!,
      revision: plan.revision + 1,
      isAmendment: t.event === 'amend',
      rejectReason: null,
      orgPath: actor.org.path,
      updatedAt: meta.now,
    });
    if (!row) throw alreadyHandled();
    await logEvent(tx, meta, actor, row, t.event);
    return row;
  });
  return present(deps, actor, updated);
}

export async function withdrawPlan(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { version: number }): Promise<TrainingPlanDetail> {
  const plan = await findPlan(deps.db, id);
  if (!plan) throw notFound();
  requireAccess(actor, { action: 'trainingPlan.file', plan: target(plan) });
  const t = planTransition(stateOf(plan), 'withdraw');
  if (!t.ok) throw new AppError('CONFLICT', t.message);
  const updated = await deps.db.transaction(async (tx) => {
    const row = await updatePlan(tx, plan.id, body.version, {
      status: t.next.status,
      currentLevel: null,
      currentReviewerOrgId: null,
      // A withdrawn amendment: the approved version is again the plan's content.
      ...(plan.approvedTrainings ? { trainings: plan.approvedTrainings, isAmendment: false } : {}),
      updatedAt: meta.now,
    });
    if (!row) throw alreadyHandled();
    await logEvent(tx, meta, actor, row, t.event);
    return row;
  });
  return present(deps, actor, updated);
}

// ------------------------------------------------------------------ review

export async function decidePlan(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { version: number; decision: 'approve' | 'reject'; reason?: string }): Promise<TrainingPlanDetail> {
  const plan = await findPlan(deps.db, id);
  if (!plan) throw notFound();
  requireAccess(actor, { action: 'trainingPlan.review', plan: target(plan) });
  const level = plan.reviewChain.indexOf(actor.org.id);
  if (level < 0) throw new AppError('FORBIDDEN', '该培训计划不由本机构审核');
  const reason = body.reason?.trim() || null;
  if (body.decision === 'reject' && !reason) throw new AppError('VALIDATION', '请填写审核不通过的原因');
  const t = planTransition(stateOf(plan), body.decision, level);
  if (!t.ok) throw new AppError('CONFLICT', t.message);
  const updated = await deps.db.transaction(async (tx) => {
    const row = await updatePlan(tx, plan.id, body.version, {
      status: t.next.status,
      currentLevel: t.next.currentLevel,
      currentReviewerOrgId: t.next.currentLevel == null ? null : plan.reviewChain[t.next.currentLevel]!,
      rejectReason: body.decision === 'reject' ? reason : null,
      // The last level's approval puts the filed content in force (first version or amendment).
      ...(t.event === 'final_approve' ? { approvedTrainings: plan.trainings, isAmendment: false } : {}),
      updatedAt: meta.now,
    });
    if (!row) throw alreadyHandled();
    await logEvent(tx, meta, actor, row, t.event, reason);
    return row;
  });
  return present(deps, actor, updated);
}

// ------------------------------------------------------------------ reading

export async function listPlans(deps: Deps, actor: Actor, query: { view: 'mine' | 'review'; year?: number; awaitingMe?: 'true' | 'false'; after?: number; limit: number }) {
  requireAccess(actor, { action: 'trainingPlan.read', plan: { orgId: actor.org.id, orgPath: actor.org.path } });
  const f = { year: query.year, after: query.after, limit: query.limit + 1 };
  const rows = query.view === 'mine' ? await ownPlans(deps.db, actor.org.id, f) : await subtreePlans(deps.db, actor.org, { ...f, awaitingMe: query.awaitingMe === 'true' });
  // A 工作部门-scoped admin sees their own unit's plans (to declare attendance), not others'.
  const page = rows.slice(0, query.limit);
  const names = await orgNames(deps.db, page.flatMap((p) => [p.orgId, ...(p.currentReviewerOrgId ? [p.currentReviewerOrgId] : [])]));
  return { items: page.map((p) => toPlanSummary(p, names, actor.org.id)), nextAfter: rows.length > query.limit ? page.at(-1)!.id : null };
}

export async function planDetail(deps: Deps, actor: Actor, id: number): Promise<TrainingPlanDetail> {
  const plan = await findPlan(deps.db, id);
  if (!plan) throw notFound();
  requireAccess(actor, { action: 'trainingPlan.read', plan: target(plan) });
  return present(deps, actor, plan);
}

async function present(deps: Deps, actor: Actor, plan: PlanRow): Promise<TrainingPlanDetail> {
  const names = await orgNames(deps.db, [plan.orgId, ...plan.reviewChain]);
  const events = await planEvents(deps.db, plan.id);
  const batches = await planBatches(deps.db, plan.id);
  return toPlanDetail(plan, { orgId: actor.org.id, filesForWholeOrg: actor.workDepartmentIds === null }, { names, events, batches });
}

// ------------------------------------------------------------------ attendance

export interface AttendanceInput {
  trainingKey: string;
  /** Picked attendees (professional account ids) with one set of dates and hours… */
  attendeeAccountIds: number[];
  startDate: string | null;
  endDate: string | null;
  hours: number | null;
  assessmentResult: string | null;
  /** …or the filled batch template, each row checked against the training. */
  file: { name: string; data: Buffer } | null;
  signIn: { name: string; data: Buffer }[];
  media: { name: string; data: Buffer }[];
}

/**
 * Attendance of one training of an approved plan: a declaration batch tied to the plan (its rows
 * count as form 14 for a unit, 13 for a department, and start review at the level above). Picked
 * attendees are checked here at once (dates, hours, the people of the unit); an uploaded file row
 * by row in the batch job.
 */
export async function declareAttendance(deps: Deps, meta: RequestMeta, actor: Actor, id: number, input: AttendanceInput) {
  const plan = await findPlan(deps.db, id);
  if (!plan) throw notFound();
  requireAccess(actor, { action: 'trainingPlan.attend', plan: target(plan) });
  if (!plan.approvedTrainings) throw new AppError('CONFLICT', '培训计划尚未审核通过，不能申报参训学时');
  const training = plan.approvedTrainings.find((t) => t.key === input.trainingKey);
  if (!training) throw new AppError('VALIDATION', '请选择已通过的培训计划中的一项培训');
  if (input.signIn.length === 0) throw new AppError('VALIDATION', '请上传培训签到表');
  if (input.media.length === 0) throw new AppError('VALIDATION', '请上传培训现场照片或培训视频');

  let file = input.file;
  if (file) {
    if (input.attendeeAccountIds.length > 0) throw new AppError('VALIDATION', '请选择参训人员或上传批量申报文件，二者只能选其一');
  } else {
    if (input.attendeeAccountIds.length === 0) throw new AppError('VALIDATION', '请选择参训人员，或上传填写好的批量申报文件');
    if (!input.startDate || !input.endDate || input.hours == null) throw new AppError('VALIDATION', '请填写参训起止日期和学时');
    const problem = checkAttendance(training, { startDate: input.startDate, endDate: input.endDate, hours: input.hours });
    if (problem) throw new AppError('VALIDATION', problem);
    if (input.endDate > chinaDateOf(meta.now)) throw new AppError('VALIDATION', '培训尚未结束（结束日期晚于今天），结束后再申报参训学时');
    const people = await attendeesByAccountIds(deps.db, input.attendeeAccountIds);
    const scope = actor.workDepartmentIds;
    const inside = people.filter((p) =>
      plan.orgKind === 'unit'
        ? p.unitId === plan.orgId && (scope === null || (p.workDepartmentId != null && scope.includes(p.workDepartmentId)))
        : p.unitKind === 'unit' && p.unitPath.startsWith(plan.orgPath),
    );
    const outside = new Set(input.attendeeAccountIds).size - inside.length;
    if (outside > 0) {
      // Named by count only: whoever is outside the unit is not the declarer's to know.
      throw new AppError('VALIDATION', `参训人员中有 ${outside} 人不是本${plan.orgKind === 'unit' ? '单位（您管理范围内）' : '部门所属单位'}已注册的专业技术人员，不能申报`);
    }
    file = { name: `参训人员名单-${training.title.slice(0, 40)}.xlsx`, data: await attendeeSheet(plan, training, inside, { startDate: input.startDate, endDate: input.endDate, hours: input.hours, result: input.assessmentResult?.trim() || '合格' }) };
  }
  return uploadBatch(
    deps,
    meta,
    actor,
    { file, evidence: [...input.signIn.map((f) => ({ name: `签到表-${f.name}`, data: f.data })), ...input.media.map((f) => ({ name: `现场照片或视频-${f.name}`, data: f.data }))] },
    { plan: { planId: plan.id, trainingKey: training.key }, evidenceTypes: ['image/jpeg', 'image/png', 'application/pdf', 'video/mp4'], evidenceMaxBytes: 20 * MB },
  );
}

/** The picked attendees as the batch template's data sheet: the same job then checks and imports them. */
function attendeeSheet(plan: PlanRow, training: PlannedTraining, people: { idNumber: string; name: string }[], a: { startDate: string; endDate: string; hours: number; result: string }) {
  const values: Record<string, string | number> = {
    计入年度: plan.year,
    计入科目: '专业科目',
    学习形式: FORM_LABEL.get(attendanceForm(plan.orgKind))!,
    学习内容: training.title,
    主办单位: training.organiser,
    开始日期: a.startDate,
    结束日期: a.endDate,
    考核结果: a.result,
    学时: a.hours,
  };
  return dataSheet(people.map((p) => ({ 身份证号: p.idNumber, 姓名: p.name, ...values })));
}
