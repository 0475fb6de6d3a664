/**
 * 单位培训计划: plan → department → HRSS → attendance → review; a 无主管部门 unit's plan goes
 * to the HRSS alone; a department's own plan (form 13); withdraw; reject and resubmit; an amendment is
 * reviewed again while the approved version stays in force; attendance outside the plan refused;
 * scope (404) and double submission. This file also runs against PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { bureauOf, buildAdmin, buildOrg, buildProfessional, login, type TestAccount } from '../factories';
import { TEST_NOW, buildChain, call, expectStatus, type Chain } from '../factories-declarations';
import { batchXlsx, trainingRow, waitForJob } from '../factories-batches';
import { attendanceForm, planBody, postAttendance } from '../factories-plans';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
}, 120_000);
afterAll(() => ctx.close());

type Plan = { id: number; version: number; status: string; statusLabel: string; awaiting: string | null; trainings: { key: string; title: string; hours: number }[]; approvedTrainings: { key: string }[] | null; history: { action: string; orgName: string | null; reason: string | null }[]; attendance: { batchId: number }[]; inForce: boolean; isAmendment: boolean; revision: number };

async function file(cookie: string, body = planBody()): Promise<Plan> {
  const res = await call(ctx, cookie, 'POST', '/api/admin/training-plans', body);
  expectStatus(res, 201);
  return res.json();
}
async function decide(cookie: string, plan: { id: number }, decision: 'approve' | 'reject', reason?: string) {
  const version = (await ctx.deps.db.select({ v: schema.trainingPlans.version }).from(schema.trainingPlans).where(eq(schema.trainingPlans.id, plan.id)))[0]!.v;
  return call(ctx, cookie, 'POST', `/api/admin/training-plans/${plan.id}/decision`, { version, decision, ...(reason ? { reason } : {}) });
}
async function approved(cookie: string, plan: { id: number }): Promise<Plan> {
  const res = await decide(cookie, plan, 'approve');
  expectStatus(res, 200);
  return res.json();
}
const rowsOfBatch = (batchId: number) => ctx.deps.db.select().from(schema.declarations).where(eq(schema.declarations.batchId, batchId));

describe('a unit plan: department → HRSS, then attendance → department → HRSS', () => {
  let c: Chain;
  let people: TestAccount[];
  let plan: Plan;

  beforeAll(async () => {
    c = await buildChain(ctx);
    people = [c.person, await buildProfessional(ctx, c.unit), await buildProfessional(ctx, c.unit)];
  });

  it('is filed and reviewed level by level', async () => {
    plan = await file(c.cookies.unit);
    expect(plan).toMatchObject({ status: 'pending', statusLabel: '审核中', awaiting: c.dept.name, inForce: false, revision: 1 });
    expect(plan.trainings.map((t) => t.key)).toHaveLength(2);

    // The department sees it waiting; the HRSS may not act before it.
    const queue = await call(ctx, c.cookies.dept, 'GET', '/api/admin/training-plans?view=review&awaitingMe=true');
    expectStatus(queue, 200);
    expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(plan.id);
    const early = await decide(c.cookies.bureau, plan, 'approve');
    expectStatus(early, 409);
    expect(early.json().message).toBe('下级尚未审核通过，暂不能审核');
    // The unit cannot approve its own plan.
    expectStatus(await decide(c.cookies.unit, plan, 'approve'), 403);

    const afterDept = await approved(c.cookies.dept, plan);
    expect(afterDept).toMatchObject({ status: 'pending', awaiting: c.bureau.name });
    // The same decision sent twice (stale version) changes nothing.
    expectStatus(await call(ctx, c.cookies.dept, 'POST', `/api/admin/training-plans/${plan.id}/decision`, { version: plan.version, decision: 'approve' }), 409);

    plan = await approved(c.cookies.bureau, plan);
    expect(plan).toMatchObject({ status: 'approved', statusLabel: '已通过', inForce: true });
    expect(plan.approvedTrainings).toEqual(plan.trainings);
    expect(plan.history.map((h) => h.action)).toEqual(['submit', 'approve', 'final_approve']);
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.objectType, 'training_plan'), eq(schema.auditLog.objectId, String(plan.id))));
    expect(audit.map((a) => a.action)).toEqual(['trainingPlan.submit', 'trainingPlan.approve', 'trainingPlan.final_approve']);
  });

  it('refuses a second plan for the same year', async () => {
    const res = await call(ctx, c.cookies.unit, 'POST', '/api/admin/training-plans', planBody());
    expectStatus(res, 409);
    expect(res.json().message).toContain('已有2026年度培训计划');
  });

  it('refuses attendance outside the plan with a clear reason, and people outside the unit', async () => {
    const key = plan.trainings[0]!.key;
    const ids = people.map((p) => p.accountId);
    const outside = await postAttendance(ctx, c.cookies.unit, plan.id, attendanceForm({ trainingKey: key, attendees: ids, startDate: '2026-05-09', endDate: '2026-05-10', hours: 8 }));
    expectStatus(outside, 400);
    expect(outside.json().message).toBe('参训日期（2026-05-09 至 2026-05-10）不在培训计划“新课标教学能力提升培训”的日期（2026-05-10 至 2026-05-12）内');
    const over = await postAttendance(ctx, c.cookies.unit, plan.id, attendanceForm({ trainingKey: key, attendees: ids, startDate: '2026-05-10', endDate: '2026-05-12', hours: 30 }));
    expectStatus(over, 400);
    expect(over.json().message).toBe('申报学时（30学时）超过培训计划“新课标教学能力提升培训”的计划学时（24学时）');
    const stranger = await buildProfessional(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const foreign = await postAttendance(ctx, c.cookies.unit, plan.id, attendanceForm({ trainingKey: key, attendees: [...ids, stranger.accountId], startDate: '2026-05-10', endDate: '2026-05-12', hours: 24 }));
    expectStatus(foreign, 400);
    expect(foreign.json().message).toBe('参训人员中有 1 人不是本单位（您管理范围内）已注册的专业技术人员，不能申报');
    expect(foreign.body).not.toContain(stranger.name);
    const noSheet = await postAttendance(ctx, c.cookies.unit, plan.id, attendanceForm({ trainingKey: key, attendees: ids, startDate: '2026-05-10', endDate: '2026-05-12', hours: 24, signIn: false }));
    expectStatus(noSheet, 400);
    expect(noSheet.json().message).toBe('请上传培训签到表');
    const notYet = await postAttendance(ctx, c.cookies.unit, plan.id, attendanceForm({ trainingKey: plan.trainings[1]!.key, attendees: ids, startDate: '2026-09-01', endDate: '2026-09-02', hours: 12 }));
    expectStatus(notYet, 400);
    expect(notYet.json().message).toContain('培训尚未结束');
    expect(await ctx.deps.db.select().from(schema.declarationBatches).where(eq(schema.declarationBatches.planId, plan.id))).toHaveLength(0);
  });

  it('declares attendance of picked people: form 14 records reviewed by the department, then the HRSS', async () => {
    const res = await postAttendance(ctx, c.cookies.unit, plan.id, attendanceForm({ trainingKey: plan.trainings[0]!.key, attendees: people.map((p) => p.accountId), startDate: '2026-05-10', endDate: '2026-05-12', hours: 24 }));
    expectStatus(res, 202);
    const job = await waitForJob(ctx, c.cookies.unit, res.json().jobId);
    expect(job, job.message).toMatchObject({ state: 'succeeded', result: { imported: 3 } });
    const batchId: number = res.json().batchId;
    const rows = await rowsOfBatch(batchId);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.form === 'unit_training' && r.subject === 'professional' && r.claimedHours === 24 && r.status === 'pending' && r.currentReviewerOrgId === c.dept.id)).toBe(true);
    expect(rows[0]!.note).toContain(`单位培训计划 ${plan.id}`);

    const detail = await call(ctx, c.cookies.unit, 'GET', `/api/admin/training-plans/${plan.id}`);
    expect(detail.json()).toMatchObject({ attendance: [{ batchId, trainingTitle: '新课标教学能力提升培训' }], attendedKeys: [plan.trainings[0]!.key], canDeclare: true });
    const batch = await call(ctx, c.cookies.dept, 'GET', `/api/admin/declaration-batches/${batchId}`);
    expect(batch.json().evidence.map((e: { name: string }) => e.name)).toEqual(['签到表-签到表.png', '现场照片或视频-现场.jpg']);

    expectStatus(await call(ctx, c.cookies.dept, 'POST', `/api/admin/declaration-batches/${batchId}/decision`, { decision: 'approve' }), 200);
    expectStatus(await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-batches/${batchId}/decision`, { decision: 'approve' }), 200);
    expect((await rowsOfBatch(batchId)).every((r) => r.status === 'approved')).toBe(true);
  });

  it('checks every row of an uploaded file against the planned training', async () => {
    const other = await buildProfessional(ctx, c.unit);
    const title = '新课标教学能力提升培训';
    const bad = await batchXlsx([
      trainingRow(other, title, { 开始日期: '2026-05-10', 结束日期: '2026-05-10', 学时: 8 }),
      trainingRow(people[1]!, title, { 开始日期: '2026-05-10', 结束日期: '2026-05-12', 学时: 25 }),
    ]);
    const res = await postAttendance(ctx, c.cookies.unit, plan.id, attendanceForm({ trainingKey: plan.trainings[0]!.key, file: bad }));
    expectStatus(res, 202);
    const job = await waitForJob(ctx, c.cookies.unit, res.json().jobId);
    expect(job.state).toBe('failed');
    expect(job.message).toContain('第 3 行：申报学时（25学时）超过培训计划“新课标教学能力提升培训”的计划学时（24学时）');
    expect(await rowsOfBatch(res.json().batchId)).toHaveLength(0);

    const good = await batchXlsx([trainingRow(other, title, { 开始日期: '2026-05-11', 结束日期: '2026-05-11', 学时: 8 })]);
    const ok = await postAttendance(ctx, c.cookies.unit, plan.id, attendanceForm({ trainingKey: plan.trainings[0]!.key, file: good }));
    expectStatus(ok, 202);
    expect(await waitForJob(ctx, c.cookies.unit, ok.json().jobId)).toMatchObject({ state: 'succeeded', result: { imported: 1 } });
  });

  it('an amendment is reviewed again while the approved plan stays in force', async () => {
    const current = (await call(ctx, c.cookies.unit, 'GET', `/api/admin/training-plans/${plan.id}`)).json() as Plan;
    // Dropping the training that already has attendance is refused.
    const drop = await call(ctx, c.cookies.unit, 'PUT', `/api/admin/training-plans/${plan.id}`, { version: current.version, trainings: [{ ...planBody().trainings[1]!, key: current.trainings[1]!.key }] });
    expectStatus(drop, 400);
    expect(drop.json().message).toBe('已申报参训学时的培训不能从计划中删除');

    const amended = [...current.trainings.map((t) => ({ ...planBody().trainings.find((b) => b.title === t.title)!, key: t.key })), { ...planBody().trainings[1]!, title: '心理健康教育培训', startDate: '2026-10-10', endDate: '2026-10-10', hours: 6 }];
    const res = await call(ctx, c.cookies.unit, 'PUT', `/api/admin/training-plans/${plan.id}`, { version: current.version, trainings: amended });
    expectStatus(res, 200);
    const pending = res.json() as Plan;
    expect(pending).toMatchObject({ status: 'pending', statusLabel: '变更审核中（原计划有效）', inForce: true, isAmendment: true, revision: 2, awaiting: c.dept.name });
    expect(pending.approvedTrainings).toHaveLength(2);
    expect(pending.trainings).toHaveLength(3);
    // Keys carried over: attendance keeps naming its training.
    expect(pending.trainings[0]!.key).toBe(current.trainings[0]!.key);

    await approved(c.cookies.dept, plan);
    const done = await approved(c.cookies.bureau, plan);
    expect(done).toMatchObject({ status: 'approved', isAmendment: false });
    expect(done.approvedTrainings).toHaveLength(3);
    expect(done.history.map((h) => h.action)).toEqual(['submit', 'approve', 'final_approve', 'amend', 'approve', 'final_approve']);
  });

  it('is invisible outside the subtree (404) and read-only for the reviewers', async () => {
    const zk = await bureauOf(ctx, '411600');
    const zkDept = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'department', parent: zk }));
    const sibling = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: c.dept }));
    for (const intruder of [await buildAdmin(ctx, zk), zkDept, sibling]) {
      const cookie = await login(ctx, intruder);
      expectStatus(await call(ctx, cookie, 'GET', `/api/admin/training-plans/${plan.id}`), 404);
      expectStatus(await call(ctx, cookie, 'POST', `/api/admin/training-plans/${plan.id}/decision`, { version: 1, decision: 'approve' }), 404);
      expectStatus(await call(ctx, cookie, 'POST', `/api/admin/training-plans/${plan.id}/withdraw`, { version: 1 }), 404);
      expect((await call(ctx, cookie, 'GET', '/api/admin/training-plans?view=review')).json().items.map((i: { id: number }) => i.id)).not.toContain(plan.id);
    }
    // The department reads it but does not amend or withdraw it.
    expectStatus(await call(ctx, c.cookies.dept, 'GET', `/api/admin/training-plans/${plan.id}`), 200);
    expectStatus(await call(ctx, c.cookies.dept, 'POST', `/api/admin/training-plans/${plan.id}/withdraw`, { version: 1 }), 403);
    expectStatus(await call(ctx, c.cookies.person, 'GET', `/api/admin/training-plans/${plan.id}`), 404);
  });
});

describe('withdraw, reject and resubmit', () => {
  let c: Chain;
  beforeAll(async () => {
    c = await buildChain(ctx);
  });

  it('a pending plan is withdrawn, then resubmitted; a decided one is not withdrawn', async () => {
    const plan = await file(c.cookies.unit);
    const w = await call(ctx, c.cookies.unit, 'POST', `/api/admin/training-plans/${plan.id}/withdraw`, { version: plan.version });
    expectStatus(w, 200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回', awaiting: null });
    // Nothing left to decide, and a second withdrawal with the same version changes nothing.
    expectStatus(await decide(c.cookies.dept, plan, 'approve'), 409);
    expectStatus(await call(ctx, c.cookies.unit, 'POST', `/api/admin/training-plans/${plan.id}/withdraw`, { version: plan.version }), 409);
    const again = await call(ctx, c.cookies.unit, 'PUT', `/api/admin/training-plans/${plan.id}`, { version: w.json().version, trainings: planBody().trainings });
    expectStatus(again, 200);
    expect(again.json()).toMatchObject({ status: 'pending', revision: 2, isAmendment: false });
    expect((again.json() as Plan).history.map((h) => h.action)).toEqual(['submit', 'withdraw', 'resubmit']);

    // Reject needs a reason; the unit corrects and resubmits; the department reviews it again.
    const noReason = await decide(c.cookies.dept, plan, 'reject');
    expectStatus(noReason, 400);
    expect(noReason.json().message).toBe('请填写审核不通过的原因');
    const rejected = await decide(c.cookies.dept, plan, 'reject', '培训学时安排不合理，请核实');
    expectStatus(rejected, 200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusLabel: '审核不通过', rejectReason: '培训学时安排不合理，请核实' });
    // Attendance of a plan never approved is refused.
    const early = await postAttendance(ctx, c.cookies.unit, plan.id, attendanceForm({ trainingKey: plan.trainings[0]!.key, attendees: [c.person.accountId], startDate: '2026-05-10', endDate: '2026-05-12', hours: 24 }));
    expectStatus(early, 409);
    expect(early.json().message).toBe('培训计划尚未审核通过，不能申报参训学时');
    const resubmitted = await call(ctx, c.cookies.unit, 'PUT', `/api/admin/training-plans/${plan.id}`, { version: rejected.json().version, trainings: [{ ...planBody().trainings[0]!, hours: 16 }] });
    expectStatus(resubmitted, 200);
    expect(resubmitted.json()).toMatchObject({ status: 'pending', awaiting: c.dept.name, rejectReason: null, revision: 3 });
    await approved(c.cookies.dept, plan);
    const last = await approved(c.cookies.bureau, plan);
    expect(last.approvedTrainings).toHaveLength(1);
    expectStatus(await call(ctx, c.cookies.unit, 'POST', `/api/admin/training-plans/${plan.id}/withdraw`, { version: last.version }), 409);
  });

  it('bad content is a clear 400 and nothing is filed', async () => {
    const other = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: c.dept }));
    const cookie = await login(ctx, other);
    const res = await call(ctx, cookie, 'POST', '/api/admin/training-plans', { year: 2026, trainings: [{ ...planBody().trainings[0]!, startDate: '2025-12-01' }] });
    expectStatus(res, 400);
    expect(res.json().message).toBe('第1项培训（新课标教学能力提升培训）：培训日期应在计划年度（2026年）内');
    expect(await ctx.deps.db.select().from(schema.trainingPlans).where(eq(schema.trainingPlans.orgId, other.org.id))).toHaveLength(0);
  });
});

describe('无主管部门 unit and a department', () => {
  it('a unit directly under the HRSS: the HRSS alone approves; attendance goes straight to the HRSS', async () => {
    const bureau = await bureauOf(ctx, '410105');
    const unit = await buildOrg(ctx, { kind: 'unit', parent: bureau });
    const cookie = await login(ctx, await buildAdmin(ctx, unit));
    const bureauCookie = await login(ctx, await buildAdmin(ctx, bureau));
    const person = await buildProfessional(ctx, unit);
    const plan = await file(cookie);
    expect(plan.awaiting).toBe(bureau.name);
    const done = await approved(bureauCookie, plan);
    expect(done).toMatchObject({ status: 'approved', inForce: true });
    const res = await postAttendance(ctx, cookie, plan.id, attendanceForm({ trainingKey: plan.trainings[0]!.key, attendees: [person.accountId], startDate: '2026-05-10', endDate: '2026-05-10', hours: 8 }));
    expectStatus(res, 202);
    expect((await waitForJob(ctx, cookie, res.json().jobId)).state).toBe('succeeded');
    const [row] = await rowsOfBatch(res.json().batchId);
    expect(row).toMatchObject({ form: 'unit_training', status: 'pending', currentReviewerOrgId: bureau.id });
  });

  it('a department files with the HRSS; its attendance is form 13 for people of its units', async () => {
    const c = await buildChain(ctx);
    const plan = await file(c.cookies.dept);
    expect(plan.awaiting).toBe(c.bureau.name);
    expectStatus(await decide(c.cookies.unit, plan, 'approve'), 404);
    await approved(c.cookies.bureau, plan);
    const res = await postAttendance(ctx, c.cookies.dept, plan.id, attendanceForm({ trainingKey: plan.trainings[0]!.key, attendees: [c.person.accountId], startDate: '2026-05-10', endDate: '2026-05-12', hours: 24 }));
    expectStatus(res, 202);
    expect((await waitForJob(ctx, c.cookies.dept, res.json().jobId)).state).toBe('succeeded');
    const [row] = await rowsOfBatch(res.json().batchId);
    expect(row).toMatchObject({ form: 'department_training', status: 'pending', currentReviewerOrgId: c.bureau.id });
    // The unit reads nothing of its department's plan.
    expectStatus(await call(ctx, c.cookies.unit, 'GET', `/api/admin/training-plans/${plan.id}`), 404);
  });
});
