/**
 * 继续教育基地申报 (R-29): a base declares one class for people of three units in two cities; each
 * record reaches its own unit's 继教基地学时审核 (and not 学时审核); the person sees the base's marker
 * and cannot revoke; the base withdraws until the unit acts; wrong names are refused; the Excel path
 * (same template, all or nothing, error report); the base sees nothing else of its trainees; the
 * home queue and the statistics' 学时来源. This file also runs against PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { BASE_RECORD_REVOKE_MESSAGE } from '@ce/shared';
import { schema } from '../../src/db';
import { refreshStatistics } from '../../src/modules/statistics/refresh';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, login, type TestAccount } from '../factories';
import { TEST_NOW, buildChain, call, expectStatus, type Chain } from '../factories-declarations';
import { batchXlsx, waitForJob } from '../factories-batches';
import { buildBase, buildClass, classBody, evidenceForm, type TestBase } from '../factories-bases';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
}, 120_000);
afterAll(() => ctx.close());

type Item = { id: number; person: { name: string }; batch: { id: number; marker: string; baseName?: string | null; baseClassId?: number | null } | null };
async function queue(cookie: string, source?: 'base'): Promise<Item[]> {
  const res = await call(ctx, cookie, 'GET', `/api/admin/declarations?year=2026${source ? `&source=${source}` : ''}`);
  expectStatus(res, 200);
  return res.json().items;
}
const recordsOf = (classId: number) =>
  ctx.deps.db
    .select({ d: schema.declarations })
    .from(schema.declarations)
    .innerJoin(schema.declarationBatches, eq(schema.declarationBatches.id, schema.declarations.batchId))
    .where(eq(schema.declarationBatches.baseClassId, classId))
    .orderBy(schema.declarations.id)
    .then((rows) => rows.map((r) => r.d));

describe('a base declares a class for people of three units', () => {
  let base: TestBase;
  let zz: Chain;
  let zk: Chain;
  let unit2: { cookie: string; person: TestAccount; name: string };
  let people: TestAccount[];
  let cls: { id: number };

  beforeAll(async () => {
    base = await buildBase(ctx);
    zz = await buildChain(ctx);
    zk = await buildChain(ctx, { bureauRegion: '411600' });
    const u2 = await buildOrg(ctx, { kind: 'unit', parent: zz.dept });
    unit2 = { cookie: await login(ctx, await buildAdmin(ctx, u2)), person: await buildProfessional(ctx, u2), name: u2.name };
    people = [zz.person, unit2.person, zk.person];
  });

  it('creates a class; trainees wait for its evidence; evidence is checked by content', async () => {
    const bad = await call(ctx, base.cookie, 'POST', '/api/admin/base-classes', classBody({ subject: 'professional', series: null }));
    expectStatus(bad, 400);
    expect(bad.json().message).toBe('专业科目班次请选择适用的职称系列');
    const created = await call(ctx, base.cookie, 'POST', '/api/admin/base-classes', classBody());
    expectStatus(created, 201);
    cls = created.json();
    expect(created.json()).toMatchObject({ year: 2026, formLabel: '继续教育基地培训班', subjectLabel: '公需科目', editable: true, evidenceCount: 0, baseName: base.org.name });

    const early = await call(ctx, base.cookie, 'POST', `/api/admin/base-classes/${cls.id}/trainees`, { trainees: [{ idNumber: zz.person.idNumber, name: zz.person.name }] });
    expectStatus(early, 400);
    expect(early.json().message).toBe('请先上传班次证明材料（培训通知、结业名单），再申报学员');

    const text = await ctx.app.inject({ method: 'POST', url: `/api/admin/base-classes/${cls.id}/evidence`, headers: { cookie: base.cookie }, payload: evidenceForm([{ name: '通知.png', data: Buffer.from('not an image at all') }]) });
    expectStatus(text, 415);
    const ok = await ctx.app.inject({ method: 'POST', url: `/api/admin/base-classes/${cls.id}/evidence`, headers: { cookie: base.cookie }, payload: evidenceForm([{ name: '培训通知.png', data: (await import('../factories-declarations')).PNG, type: 'image/png' }]) });
    expectStatus(ok, 200);
    expect(ok.json().evidence).toHaveLength(1);
  });

  it('refuses a name that does not match its ID number, declaring nobody', async () => {
    const res = await call(ctx, base.cookie, 'POST', `/api/admin/base-classes/${cls.id}/trainees`, {
      trainees: [
        { idNumber: zz.person.idNumber, name: zz.person.name },
        { idNumber: zk.person.idNumber, name: '张冒名' },
      ],
    });
    expectStatus(res, 400);
    expect(res.json().message).toContain('第 2 位学员（张冒名');
    expect(res.json().message).toContain('姓名与身份证号不一致');
    expect(await ctx.deps.db.select().from(schema.declarationBatches).where(eq(schema.declarationBatches.baseClassId, cls.id))).toHaveLength(0);
  });

  it('declares trainees by ID number and name: each record starts at its own unit, in 继教基地学时审核 only', async () => {
    const res = await call(ctx, base.cookie, 'POST', `/api/admin/base-classes/${cls.id}/trainees`, { trainees: people.map((p) => ({ idNumber: p.idNumber, name: p.name })) });
    expectStatus(res, 202);
    const job = await waitForJob(ctx, base.cookie, res.json().jobId);
    expect(job, job.message).toMatchObject({ state: 'succeeded', result: { imported: 3 } });
    const rows = await recordsOf(cls.id);
    expect(rows.map((r) => [r.personId, r.currentReviewerOrgId, r.currentLevel, r.form, r.claimedHours, r.organiser])).toEqual([
      [zz.person.personId, zz.unit.id, 0, 'base_training', 24, base.org.name],
      [unit2.person.personId, unit2.person.org.id, 0, 'base_training', 24, base.org.name],
      [zk.person.personId, zk.unit.id, 0, 'base_training', 24, base.org.name],
    ]);

    for (const [cookie, person] of [[zz.cookies.unit, zz.person], [unit2.cookie, unit2.person], [zk.cookies.unit, zk.person]] as const) {
      const baseList = await queue(cookie, 'base');
      expect(baseList.map((i) => i.person.name)).toEqual([person.name]);
      expect(baseList[0]!.batch).toMatchObject({ marker: '继续教育基地申报', baseName: base.org.name, baseClassId: cls.id });
      // Not in the ordinary 学时审核 list.
      expect((await queue(cookie)).map((i) => i.id)).not.toContain(baseList[0]!.id);
    }
    // Nobody above the unit sees it waiting for them yet.
    expect(await queue(zz.cookies.dept, 'base')).toEqual([]);

    // The home page counts it in its own queue, not in 待审核学时.
    const home = await call(ctx, zk.cookies.unit, 'GET', '/api/admin/home/queues');
    const byKey = Object.fromEntries((home.json().queues as { key: string; count: number; label: string }[]).map((q) => [q.key, q]));
    expect(byKey['base-declarations']).toMatchObject({ count: 1, label: '继教基地学时审核' });
    expect(byKey.declarations!.count).toBe(0);
    expect(byKey['declaration-batches']!.count).toBe(0);
  });

  it('the person sees the base named and cannot revoke', async () => {
    const mine = await call(ctx, zz.cookies.person, 'GET', '/api/me/declarations?year=2026');
    expectStatus(mine, 200);
    const item = (mine.json().items as Item[]).find((i) => i.batch?.baseClassId === cls.id)!;
    expect(item.batch).toMatchObject({ marker: '继续教育基地申报', baseName: base.org.name });
    const detail = await call(ctx, zz.cookies.person, 'GET', `/api/me/declarations/${item.id}`);
    expect(detail.json().can.revoke).toBe(false);
    const revoke = await call(ctx, zz.cookies.person, 'POST', `/api/me/declarations/${item.id}/revoke`, { version: detail.json().version });
    expectStatus(revoke, 409);
    expect(revoke.json().message).toBe(BASE_RECORD_REVOKE_MESSAGE);
  });

  it('the base sees what it entered and each record’s state, nothing of where trainees work', async () => {
    const res = await call(ctx, base.cookie, 'GET', `/api/admin/base-classes/${cls.id}`);
    expectStatus(res, 200);
    const d = res.json();
    expect(d.editable).toBe(false);
    expect(d.trainees.map((t: { personName: string; stage: string; canWithdraw: boolean }) => [t.personName, t.stage, t.canWithdraw])).toEqual(people.map((p) => [p.name, '待单位审核', true]));
    for (const org of [zz.unit, unit2.person.org, zk.unit, zz.dept]) expect(res.body).not.toContain(org.name);
    for (const p of people) expect(res.body).not.toContain(p.idNumber);
    // The batch as the batch module shows it: no reviewing organisation named to the base.
    const batch = await call(ctx, base.cookie, 'GET', `/api/admin/declaration-batches/${d.trainees[0].batchId}`);
    expectStatus(batch, 200);
    expect(batch.json().rows.every((r: { awaiting: string | null }) => r.awaiting === null)).toBe(true);
    for (const org of [zz.unit, unit2.person.org, zk.unit]) expect(batch.body).not.toContain(org.name);
    // The class is fixed now.
    expectStatus(await call(ctx, base.cookie, 'PUT', `/api/admin/base-classes/${cls.id}`, { ...classBody({ hours: 30 }), version: d.version }), 409);

    // Nothing else of a trainee: their record, profile, certificate record are not the base's.
    const rows = await recordsOf(cls.id);
    for (const url of [
      `/api/admin/declarations/${rows[0]!.id}`,
      `/api/admin/professionals/${zz.person.accountId}`,
      `/api/admin/professionals/${zz.person.accountId}/record`,
    ]) {
      const r = await call(ctx, base.cookie, 'GET', url);
      expect({ url, status: r.statusCode }).toEqual({ url, status: 404 });
    }
    // Reviewers' lists hold nothing of them for the base either (it reviews nobody's records).
    const list = await call(ctx, base.cookie, 'GET', '/api/admin/declarations?source=base&status=pending');
    if (list.statusCode === 200) expect(list.json().items).toEqual([]);
    else expect([403, 404]).toContain(list.statusCode);
  });

  it('a reviewer sees the class’s evidence and only their own people in its batch', async () => {
    const item = (await queue(zk.cookies.unit, 'base'))[0]!;
    const detail = await call(ctx, zk.cookies.unit, 'GET', `/api/admin/declarations/${item.id}`);
    expectStatus(detail, 200);
    const ev = detail.json().batchEvidence as { id: number }[];
    expect(ev).toHaveLength(1);
    expectStatus(await call(ctx, zk.cookies.unit, 'GET', `/api/admin/declaration-batches/${item.batch!.id}/evidence/${ev[0]!.id}`), 200);
    const batch = await call(ctx, zk.cookies.unit, 'GET', `/api/admin/declaration-batches/${item.batch!.id}`);
    expectStatus(batch, 200);
    expect(batch.json().rows.map((r: { personName: string }) => r.personName)).toEqual([zk.person.name]);
    // An admin with none of the class's trainees: 404.
    const stranger = await login(ctx, await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' })));
    expectStatus(await call(ctx, stranger, 'GET', `/api/admin/declaration-batches/${item.batch!.id}`), 404);
    expectStatus(await call(ctx, stranger, 'POST', `/api/admin/base-classes/${cls.id}/decision`, { decision: 'approve' }), 404);
  });

  it('the base withdraws until the first level acts; units decide per record and per class', async () => {
    const rows = await recordsOf(cls.id);
    // 郑州 unit approves its record on its own; the department is next.
    const first = rows.find((r) => r.personId === zz.person.personId)!;
    expectStatus(await call(ctx, zz.cookies.unit, 'POST', `/api/admin/declarations/${first.id}/approve`, { version: first.version }), 200);
    // The second unit approves its whole class (its one record).
    const whole = await call(ctx, unit2.cookie, 'POST', `/api/admin/base-classes/${cls.id}/decision`, { decision: 'approve' });
    expectStatus(whole, 200);
    expect(whole.json()).toMatchObject({ succeeded: 1 });
    expectStatus(await call(ctx, unit2.cookie, 'POST', `/api/admin/base-classes/${cls.id}/decision`, { decision: 'approve' }), 409);

    const late = await call(ctx, base.cookie, 'POST', `/api/admin/base-classes/${cls.id}/withdraw`, { declarationIds: [first.id] });
    expectStatus(late, 409);
    expect(late.json().message).toBe(`${zz.person.name}的记录已由所在单位审核，不能撤回`);

    const detail = (await call(ctx, base.cookie, 'GET', `/api/admin/base-classes/${cls.id}`)).json();
    expect(detail.trainees.map((t: { stage: string | null; canWithdraw: boolean }) => [t.stage, t.canWithdraw])).toEqual([
      ['待主管部门审核', false],
      ['待主管部门审核', false],
      ['待单位审核', true],
    ]);
    const res = await call(ctx, base.cookie, 'POST', `/api/admin/base-classes/${cls.id}/withdraw`, {});
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ withdrawn: 1 });
    expect((await recordsOf(cls.id)).map((r) => r.status)).toEqual(['pending', 'pending', 'deleted']);
    expect(await queue(zk.cookies.unit, 'base')).toEqual([]);
    // The department now has both 郑州 records in its own 继教基地学时审核.
    expect((await queue(zz.cookies.dept, 'base')).map((i) => i.person.name).sort()).toEqual([zz.person.name, unit2.person.name].sort());
  });

  it('counts the base as the 学时来源 once approved', async () => {
    for (const cookie of [zz.cookies.dept, zz.cookies.bureau]) {
      const res = await call(ctx, cookie, 'POST', `/api/admin/base-classes/${cls.id}/decision`, { decision: 'approve' });
      expectStatus(res, 200);
    }
    expect((await recordsOf(cls.id)).map((r) => r.status)).toEqual(['approved', 'approved', 'deleted']);
    await refreshStatistics(ctx.deps.db, 2026, () => ctx.clock.now);
    const [row] = await ctx.deps.db
      .select()
      .from(schema.statRollups)
      .where(eq(schema.statRollups.orgId, zz.dept.id))
      .then((rs) => rs.filter((r) => r.dim === 'source' && r.key === 'base'));
    expect(row).toMatchObject({ publicHours: 48 });
  });
});

describe('a base uploads trainees in the batch template', () => {
  let base: TestBase;
  let zz: Chain;
  let others: TestAccount[];
  let cls: { id: number; title: string };

  beforeAll(async () => {
    base = await buildBase(ctx, '410100');
    zz = await buildChain(ctx);
    others = [zz.person, await buildProfessional(ctx, zz.unit)];
    cls = await buildClass(ctx, base, { title: '继续教育基地线上研修班', online: true, place: '基地在线学习平台', form: 'training', subject: 'professional', series: '中小学教师', hours: 12 });
  });

  const row = (p: { idNumber: string; name: string }, extra: Record<string, string | number> = {}) => ({
    身份证号: p.idNumber,
    姓名: p.name,
    计入年度: 2026,
    计入科目: '专业科目',
    学习形式: '培训、研修活动',
    学习内容: '继续教育基地线上研修班',
    主办单位: base.org.name,
    开始日期: '2026-05-18',
    结束日期: '2026-05-20',
    考核结果: '合格',
    学时: 12,
    ...extra,
  });
  const uploadFile = async (file: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), '学员.xlsx');
    return ctx.app.inject({ method: 'POST', url: `/api/admin/base-classes/${cls.id}/import`, headers: { cookie: base.cookie }, payload: form });
  };

  it('refuses the whole file when one row does not fit the class, with an error report', async () => {
    const res = await uploadFile(await batchXlsx([row(others[0]!), row(others[1]!, { 学时: 20 })]));
    expectStatus(res, 202);
    const job = await waitForJob(ctx, base.cookie, res.json().jobId);
    expect(job.state).toBe('failed');
    expect(job.message).toContain('第 3 行：学时（20学时）超过班次学时（12学时）');
    expect(job.result.errorReportUrl).toBeTruthy();
    const report = await call(ctx, base.cookie, 'GET', job.result.errorReportUrl);
    expectStatus(report, 200);
    expect(await ctx.deps.db.select().from(schema.declarations).where(eq(schema.declarations.personId, others[1]!.personId))).toHaveLength(0);
    const detail = (await call(ctx, base.cookie, 'GET', `/api/admin/base-classes/${cls.id}`)).json();
    expect(detail.imports[0]).toMatchObject({ status: 'failed', errorCount: 1 });
    expect(detail.editable).toBe(true);
  });

  it('imports every row of a good file; a second declaration of the same trainee is refused', async () => {
    const res = await uploadFile(await batchXlsx([row(others[0]!), row(others[1]!, { 学时: 10 })]));
    expectStatus(res, 202);
    const job = await waitForJob(ctx, base.cookie, res.json().jobId);
    expect(job, job.message).toMatchObject({ state: 'succeeded', result: { imported: 2 } });
    expect((await queue(zz.cookies.unit, 'base')).map((i) => i.person.name).sort()).toEqual(others.map((p) => p.name).sort());
    const again = await call(ctx, base.cookie, 'POST', `/api/admin/base-classes/${cls.id}/trainees`, { trainees: [{ idNumber: others[0]!.idNumber, name: others[0]!.name }] });
    expectStatus(again, 202);
    const dup = await waitForJob(ctx, base.cookie, again.json().jobId);
    expect(dup.state).toBe('failed');
    expect(dup.message).toContain('该人员已有相同学习形式、学习内容和起止日期的学时记录');
  });

  it('a unit rejects the class’s records with a reason; another base cannot touch the class', async () => {
    const reject = await call(ctx, zz.cookies.unit, 'POST', `/api/admin/base-classes/${cls.id}/decision`, { decision: 'reject' });
    expectStatus(reject, 400);
    const res = await call(ctx, zz.cookies.unit, 'POST', `/api/admin/base-classes/${cls.id}/decision`, { decision: 'reject', reason: '学员未参加本期培训' });
    expectStatus(res, 200);
    expect(res.json().succeeded).toBe(2);
    const detail = (await call(ctx, base.cookie, 'GET', `/api/admin/base-classes/${cls.id}`)).json();
    expect(detail.trainees.map((t: { statusLabel: string; rejectReason: string }) => [t.statusLabel, t.rejectReason])).toEqual([
      ['审核不通过', '学员未参加本期培训'],
      ['审核不通过', '学员未参加本期培训'],
    ]);
    const other = await buildBase(ctx);
    for (const [method, url] of [
      ['GET', `/api/admin/base-classes/${cls.id}`],
      ['POST', `/api/admin/base-classes/${cls.id}/withdraw`],
    ] as const) {
      const r = await call(ctx, other.cookie, method, url, method === 'POST' ? {} : undefined);
      expect({ url, status: r.statusCode }).toEqual({ url, status: 404 });
    }
    expect((await call(ctx, other.cookie, 'GET', '/api/admin/base-classes')).json().items).toEqual([]);
    // A unit admin is no base: 403 for the base's own list.
    expectStatus(await call(ctx, zz.cookies.unit, 'GET', '/api/admin/base-classes'), 403);
  });
});
