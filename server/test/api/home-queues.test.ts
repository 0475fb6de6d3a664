/**
 * Admin home pages (issue 12 item 2): every queue's count, 逾期 count and oldest item match the raw
 * rows, scoped to the admin's own organisation and 工作部门; the province's review deadline moves
 * what is 逾期; the daily digest sends each admin with 逾期 items one message, once a day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { schema } from '../../src/db';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { sendOverdueDigests } from '../../src/modules/queues/service';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login } from '../factories';
import { buildChain, buildDeclaration, call, expectStatus, TEST_NOW, type Chain } from '../factories-declarations';

let ctx: TestContext;
let chain: Chain;
let province: OrgRow;
let zkUnit: OrgRow;
const cookies: Record<string, string> = {};
const DAY = 86400_000;
const daysAgo = (n: number) => new Date(TEST_NOW.getTime() - n * DAY);

interface Queue {
  key: string;
  count: number;
  overdue: number;
  oldestSince: string | null;
  link: string;
}
async function home(cookie: string): Promise<{ reviewDeadlineDays: number; queues: Queue[] }> {
  const res = await call(ctx, cookie, 'GET', '/api/admin/home/queues');
  expectStatus(res, 200);
  return res.json();
}
const byKey = (queues: Queue[]) => Object.fromEntries(queues.map((q) => [q.key, q]));

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  chain = await buildChain(ctx);
  province = await bureauOf(ctx, '410000');
  const db = ctx.deps.db;
  const { unit, dept, workDeptA, workDeptB } = chain;

  // People waiting for the unit: two in 信息工程系 (one 20 days), one in 机电工程系 (3 days).
  for (const [wd, age] of [[workDeptA.id, 20], [workDeptA.id, 2], [workDeptB.id, 3]] as const) {
    const p = await buildProfessional(ctx, unit, { status: 'pending', workDepartmentId: wd });
    await db.update(schema.accounts).set({ createdAt: daysAgo(age) }).where(eq(schema.accounts.id, p.accountId));
  }
  // Declarations: at the unit (机电工程系's person, 30 and 1 days), at the bureau (40 days).
  const wdBPerson = await buildProfessional(ctx, unit, { workDepartmentId: workDeptB.id });
  await buildDeclaration(ctx, wdBPerson, { outcome: 'pending', level: 0, submittedAt: daysAgo(30) });
  await buildDeclaration(ctx, wdBPerson, { outcome: 'pending', level: 0, submittedAt: daysAgo(1) });
  await buildDeclaration(ctx, chain.person, { outcome: 'pending', level: 2, submittedAt: daysAgo(42) });
  // An organisation registering under the department, 16 days ago.
  const pendingUnit = await buildOrg(ctx, { kind: 'unit', parent: dept, status: 'pending' });
  await db.update(schema.organisations).set({ createdAt: daysAgo(16) }).where(eq(schema.organisations.id, pendingUnit.id));
  // The unit's training plan waiting for its department (5 days).
  await db.insert(schema.trainingPlans).values({
    orgId: unit.id,
    orgPath: unit.path,
    orgKind: 'unit',
    year: 2026,
    status: 'pending',
    trainings: [],
    reviewChain: [dept.id, chain.bureau.id],
    currentLevel: 0,
    currentReviewerOrgId: dept.id,
    filedByAccountId: chain.unitAdmin.accountId,
    createdAt: daysAgo(5),
    updatedAt: daysAgo(5),
  });
  // A question to the unit (8 days since the asker's last word) and one already answered.
  for (const [status, age] of [['open', 8], ['answered', 30]] as const) {
    await db.insert(schema.consultations).values({
      askerKind: 'professional',
      askerPersonId: chain.person.personId,
      askerAccountId: chain.person.accountId,
      askerName: chain.person.name,
      category: '学时申报',
      title: '培训学时如何申报',
      originOrgId: unit.id,
      originOrgPath: unit.path,
      currentOrgId: unit.id,
      currentOrgPath: unit.path,
      status,
      createdAt: daysAgo(age),
      lastActivityAt: daysAgo(age),
    });
  }
  // A seal application waiting for the province (10 days).
  await db.insert(schema.sealApplications).values({
    bureauOrgId: (await bureauOf(ctx, '411600')).id,
    status: 'pending',
    sealText: '周口市专业技术人员继续教育专用章',
    reason: '申请启用电子签章',
    applicantAccountId: 1,
    applicantName: '申请人',
    contactName: '联系人',
    contactPhone: '13800000000',
    submittedAt: daysAgo(10),
  });
  // Elsewhere (周口): a unit with an old registration that no Zhengzhou admin may count.
  const zk = await bureauOf(ctx, '411600');
  zkUnit = await buildOrg(ctx, { kind: 'unit', parent: await buildOrg(ctx, { kind: 'department', parent: zk }) });
  const zkPerson = await buildProfessional(ctx, zkUnit, { status: 'pending' });
  await db.update(schema.accounts).set({ createdAt: daysAgo(50) }).where(eq(schema.accounts.id, zkPerson.accountId));

  cookies.unit = chain.cookies.unit;
  cookies.dept = chain.cookies.dept;
  cookies.bureau = chain.cookies.bureau;
  cookies.wdB = await login(ctx, await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['person.review', 'declaration.review'], workDepartmentIds: [workDeptB.id] }));
  cookies.declOnly = await login(ctx, await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['declaration.review'] }));
  cookies.province = await login(ctx, await buildAdmin(ctx, province));
  cookies.zkUnit = await login(ctx, await buildAdmin(ctx, zkUnit));
});
afterAll(() => ctx.close());

/** The raw rows: what waits for `orgId` (optionally in some 工作部门) and since when. */
async function rawRegistrations(orgId: number, wds?: number[]) {
  const rows = await ctx.deps.db
    .select()
    .from(schema.accounts)
    .where(and(eq(schema.accounts.orgId, orgId), eq(schema.accounts.role, 'professional'), eq(schema.accounts.status, 'pending')));
  return rows.filter((r) => !wds || (r.workDepartmentId !== null && wds.includes(r.workDepartmentId))).map((r) => r.createdAt);
}
async function rawDeclarations(orgId: number, wds?: number[]) {
  const rows = await ctx.deps.db
    .select()
    .from(schema.declarations)
    .where(and(eq(schema.declarations.currentReviewerOrgId, orgId), eq(schema.declarations.status, 'pending')));
  return rows.filter((r) => !wds || (r.workDepartmentId !== null && wds.includes(r.workDepartmentId))).map((r) => r.updatedAt);
}
function expectFigures(q: Queue | undefined, since: Date[], days: number) {
  const cutoff = TEST_NOW.getTime() - days * DAY;
  expect(q).toBeDefined();
  expect({ count: q!.count, overdue: q!.overdue, oldestSince: q!.oldestSince }).toEqual({
    count: since.length,
    overdue: since.filter((d) => d.getTime() < cutoff).length,
    oldestSince: since.length ? new Date(Math.min(...since.map((d) => d.getTime()))).toISOString() : null,
  });
}

describe('admin home: queue counts', () => {
  it('the unit super admin: each queue matches the raw rows, with 逾期 under the default 15 days', async () => {
    const body = await home(cookies.unit!);
    expect(body.reviewDeadlineDays).toBe(15);
    const q = byKey(body.queues);
    expect(Object.keys(q)).toEqual(
      expect.arrayContaining(['registrations', 'org-changes', 'professional-registrations', 'professional-changes', 'transfers', 'declarations', 'declaration-batches']),
    );
    // Bureau-only queues are not a unit's.
    expect(q.sampling).toBeUndefined();
    expect(q['seal-applications']).toBeUndefined();
    expectFigures(q['professional-registrations'], await rawRegistrations(chain.unit.id), 15);
    expect(q['professional-registrations']!.overdue).toBe(1);
    expectFigures(q.declarations, await rawDeclarations(chain.unit.id), 15);
    expect(q.declarations!.overdue).toBe(1);
    expect(q.declarations!.link).toBe('/admin/declarations');
    expect(q.transfers).toMatchObject({ count: 0, overdue: 0, oldestSince: null });
    expect(q.consultations).toMatchObject({ count: 1, overdue: 0, oldestSince: daysAgo(8).toISOString(), link: '/admin/consultations' });
  });

  it('a 工作部门-scoped admin counts only their 工作部门; without 人员审核 the people queues are not theirs', async () => {
    const wdB = [chain.workDeptB.id];
    const q = byKey((await home(cookies.wdB!)).queues);
    expectFigures(q['professional-registrations'], await rawRegistrations(chain.unit.id, wdB), 15);
    expect(q['professional-registrations']!.count).toBe(1);
    expectFigures(q.declarations, await rawDeclarations(chain.unit.id, wdB), 15);
    const declOnly = byKey((await home(cookies.declOnly!)).queues);
    expect(Object.keys(declOnly).sort()).toEqual(['base-declarations', 'declaration-batches', 'declarations']); // no 在线咨询答复 either
  });

  it('each level counts what waits at its own level only, never below or elsewhere', async () => {
    const dept = byKey((await home(cookies.dept!)).queues);
    expect(dept['professional-registrations']).toBeUndefined(); // people are the unit's
    expect(dept.registrations).toMatchObject({ count: 1, overdue: 1 });
    expect(dept.declarations).toMatchObject({ count: 0 });
    expect(dept['training-plans']).toMatchObject({ count: 1, overdue: 0, oldestSince: daysAgo(5).toISOString(), link: '/admin/training-plan-review' });
    expect(byKey((await home(cookies.unit!)).queues)['training-plans']).toBeUndefined(); // a unit files, never reviews
    const bureau = byKey((await home(cookies.bureau!)).queues);
    expectFigures(bureau.declarations, await rawDeclarations(chain.bureau.id), 15);
    expect(bureau.declarations!.count).toBe(1);
    expect(bureau.sampling).toMatchObject({ count: 0 });
    expect(bureau['seal-applications']).toBeUndefined(); // the province's
    const prov = byKey((await home(cookies.province!)).queues);
    expect(prov['seal-applications']).toMatchObject({ count: 1, overdue: 0, oldestSince: daysAgo(10).toISOString() });
    // The 周口 unit sees its own old registration; the Zhengzhou unit's figures never included it.
    const zk = byKey((await home(cookies.zkUnit!)).queues);
    expect(zk['professional-registrations']).toMatchObject({ count: 1, overdue: 1 });
  });

  it('a professional has no home queues', async () => {
    expectStatus(await call(ctx, chain.cookies.person, 'GET', '/api/admin/home/queues'), 404);
    expectStatus(await call(ctx, null, 'GET', '/api/admin/home/queues'), 401);
  });
});

describe('review deadline', () => {
  it('only the province sets it; bad input is a Chinese 400; the new deadline moves what is 逾期', async () => {
    expectStatus(await call(ctx, cookies.bureau!, 'PUT', '/api/admin/review-deadline', { days: 30 }), 404);
    expectStatus(await call(ctx, cookies.unit!, 'PUT', '/api/admin/review-deadline', { days: 30 }), 404);
    const bad = await call(ctx, cookies.province!, 'PUT', '/api/admin/review-deadline', { days: 0 });
    expectStatus(bad, 400);
    expect(bad.json().message).toContain('审核时限不能少于1天');
    const ok = await call(ctx, cookies.province!, 'PUT', '/api/admin/review-deadline', { days: 25 });
    expectStatus(ok, 200);
    expect(ok.json()).toMatchObject({ days: 25, updatedAt: TEST_NOW.toISOString() });
    const read = await call(ctx, cookies.unit!, 'GET', '/api/admin/review-deadline');
    expect(read.json().days).toBe(25);
    const q = byKey((await home(cookies.unit!)).queues);
    // 20 days waited is no longer 逾期; 30 days still is.
    expect(q['professional-registrations']!.overdue).toBe(0);
    expectFigures(q.declarations, await rawDeclarations(chain.unit.id), 25);
    expect(q.declarations!.overdue).toBe(1);
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'reviewDeadline.set'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ before: 15, days: 25 });
    // Back to 15 for the digest below.
    expectStatus(await call(ctx, cookies.province!, 'PUT', '/api/admin/review-deadline', { days: 15 }), 200);
  });
});

describe('daily 逾期 digest', () => {
  it('is a daily schedule of the job queue', async () => {
    const rows = await ctx.deps.db.execute(sql`select name, cron from pgboss.schedule where name = 'overdue-digest'`);
    const list = (rows as unknown as { rows: { name: string; cron: string }[] }).rows;
    expect(list).toEqual([{ name: 'overdue-digest', cron: '5 1 * * *' }]);
  });

  it('sends each admin with 逾期 items one message through the notifier, once a day', async () => {
    const before = await ctx.deps.db.select().from(schema.outbox);
    const result = await sendOverdueDigests(ctx.deps);
    const sent = (await ctx.deps.db.select().from(schema.outbox)).slice(before.length);
    expect(result.sent).toBe(sent.length);
    const emailOf = async (accountId: number) => {
      const [row] = await ctx.deps.db
        .select({ email: schema.persons.email })
        .from(schema.accounts)
        .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
        .where(eq(schema.accounts.id, accountId));
      return row!.email!;
    };
    const to = (email: string) => sent.filter((m) => m.recipient === email);
    // The unit's super admin: people (20 days) and declarations (30 days) in one message.
    const unitMail = to(await emailOf(chain.unitAdmin.accountId));
    expect(unitMail).toHaveLength(1);
    expect(unitMail[0]!.channel).toBe('email');
    expect(unitMail[0]!.subject).toContain('2 项待办事项已逾期');
    expect(unitMail[0]!.body).toContain('待审核人员注册：逾期 1 人，最久已等待 20 天');
    expect(unitMail[0]!.body).toContain('待审核学时：逾期 1 条，最久已等待 30 天');
    // The department (a registration of 16 days) and the bureau (a declaration of 40 days).
    expect(to(await emailOf(chain.deptAdmin.accountId))[0]!.body).toContain('待审核注册：逾期 1 个');
    expect(to(await emailOf(chain.bureauAdmin.accountId))[0]!.body).toContain('待审核学时：逾期 1 条');
    // Nothing 逾期 for the province (a seal application of 10 days): no message.
    const provinceAdmins = await ctx.deps.db.select().from(schema.accounts).where(eq(schema.accounts.orgId, province.id));
    for (const a of provinceAdmins) expect(to(await emailOf(a.id))).toEqual([]);
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'queue.overdueDigest'));
    expect(audit).toHaveLength(sent.length);

    // A second run the same day (a retry) sends nothing more.
    const again = await sendOverdueDigests(ctx.deps);
    expect(again.sent).toBe(0);
    expect(await ctx.deps.db.select().from(schema.outbox)).toHaveLength(before.length + sent.length);
    // The next day it is sent again.
    ctx.clock.now = new Date(TEST_NOW.getTime() + DAY);
    expect((await sendOverdueDigests(ctx.deps)).sent).toBe(sent.length);
    ctx.clock.now = new Date(TEST_NOW);
  });
});
