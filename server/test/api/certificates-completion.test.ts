/**
 * 年度完成情况, the certificates issued and revoked with it, the province's
 * requirement rules (SPEC §7) and 学时转登, through the API.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login } from '../factories';
import {
  PNG,
  TEST_NOW,
  YEAR,
  approve,
  buildChain,
  buildDeclaration,
  call,
  conferenceBody,
  expectStatus,
  upload,
  type Chain,
} from '../factories-declarations';
import { completion, enableSeal, withCertNo, yearOf } from './certificates-fixtures';

let ctx: TestContext;
let c: Chain;
let zk: Chain;

const at = (iso: string) => new Date(iso);
const certificatesOf = (personId: number) =>
  ctx.deps.db.select().from(schema.certificates).where(eq(schema.certificates.personId, personId)).orderBy(schema.certificates.id);

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  zk = await buildChain(ctx, { bureauRegion: '411600' });
  // 郑州's seal since 2017; 周口's bureau has none (it cannot issue).
  await enableSeal(ctx, c.bureau, at('2017-12-01T01:00:00Z'));
});
afterAll(() => ctx.close());

describe('年度完成情况 (R-21)', () => {
  beforeAll(async () => {
    const p = c.person;
    await buildDeclaration(ctx, p, { year: YEAR - 1, subject: 'public', claimedHours: 30, submittedAt: at('2025-03-10T02:00:00Z') });
    await buildDeclaration(ctx, p, { year: YEAR - 1, subject: 'professional', claimedHours: 60, submittedAt: at('2025-05-10T02:00:00Z') });
    await buildDeclaration(ctx, p, { year: YEAR - 2, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, p, { year: YEAR - 2, subject: 'professional', claimedHours: 40 });
    await buildDeclaration(ctx, p, { year: YEAR - 2, subject: 'professional', claimedHours: 80, outcome: 'rejected', level: 0, reason: '证明材料不全' });
    await buildDeclaration(ctx, p, { year: YEAR - 2, subject: 'professional', claimedHours: 12, outcome: 'pending', level: 1 });
    await buildDeclaration(ctx, p, { year: YEAR, subject: 'public', claimedHours: 30, submittedAt: at('2026-02-10T02:00:00Z') });
  });

  it('lists every year from the earliest counted one to now, newest first, with result and certificate', async () => {
    const years = await completion(ctx, c.cookies.person);
    expect(years.map((y) => y.year)).toEqual([YEAR, YEAR - 1, YEAR - 2]);
    const [current, passed, failed] = years;
    expect(passed).toMatchObject({
      requirement: { publicHours: 30, professionalHours: 60, reducedMonths: null },
      publicHours: 30,
      professionalHours: 60,
      covers: [],
      passed: true,
      missingPublic: 0,
      missingProfessional: 0,
      resultLabel: '通过',
      certificate: {
        status: 'valid',
        issuerName: '郑州市人力资源和社会保障局',
        // The approval (备案, the third level a day after each other) that made the year pass.
        issuedAt: '2025-05-13T02:00:00.000Z',
        revokedAt: null,
        printable: true,
        notPrintableReason: null,
      },
    });
    expect(passed!.requirement.basis).toContain('第五条：每年不少于90学时；2018年起公需科目增加6学时（24+6）');
    expect(failed).toMatchObject({
      publicHours: 30,
      professionalHours: 40,
      passed: false,
      missingProfessional: 20,
      resultLabel: '未通过',
      certificate: { status: 'none', printable: false, notPrintableReason: '该年度未达到学时要求' },
    });
    expect(current).toMatchObject({
      publicHours: 30,
      professionalHours: 0,
      passed: false,
      resultLabel: '进行中',
      missingProfessional: 60,
      certificate: { status: 'none', notPrintableReason: '该年度尚未达到学时要求' },
    });
    const notYet = await call(ctx, c.cookies.person, 'GET', `/api/me/certificates/${YEAR}.pdf`);
    expect(notYet.json()).toMatchObject({ code: 'CONFLICT', message: `${YEAR}年度尚未达到学时要求，不能打印` });
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'certificate.issue'));
    const { certNo } = await withCertNo(ctx, c.person);
    expect(audit.filter((a) => (a.detail as { certNo?: string }).certNo === certNo)).toHaveLength(1);
  });

  it('详细: the year’s records, counted or not, with why not', async () => {
    const res = await call(ctx, c.cookies.person, 'GET', `/api/me/completion/${YEAR - 2}`);
    expectStatus(res, 200);
    const { records } = res.json() as { records: { hours: number; counted: boolean; status: string; statusLabel: string; approvedAt: string | null }[] };
    expect(records.map((r) => [r.hours, r.status, r.counted])).toEqual([
      [30, 'approved', true],
      [40, 'approved', true],
      [80, 'rejected', false],
      [12, 'pending', false],
    ]);
    expect(records[0]!.statusLabel).toBe('审核通过（已计入）');
    expect(records[0]!.approvedAt).not.toBeNull();
    expect(records[2]!.statusLabel).toBe('审核不通过（不计入）：证明材料不全');
    expect(records[3]!.statusLabel).toContain(`正由${c.dept.name}审核`);
    // Only the person: admins get 404 on /api/me.
    expect((await call(ctx, c.cookies.unit, 'GET', `/api/me/completion/${YEAR - 2}`)).statusCode).toBe(404);
    expect((await call(ctx, null, 'GET', '/api/me/completion')).statusCode).toBe(401);
  });
});

describe('reductions (R-19, 第八条) and full-year rules (R-20)', () => {
  it('66 required, half a year of maternity leave → 33 (周口 2017: 公需24, 专业66)', async () => {
    const p = zk.person;
    await buildDeclaration(ctx, p, { year: 2017, subject: 'professional', form: 'reduction', claimedHours: 0, monthsOnDuty: 6, title: '生育（产假6个月）' });
    await buildDeclaration(ctx, p, { year: 2017, subject: 'public', claimedHours: 12 });
    await buildDeclaration(ctx, p, { year: 2017, subject: 'professional', claimedHours: 33 });
    const y = await yearOf(ctx, zk.cookies.person, 2017);
    expect(y).toMatchObject({
      requirement: { publicHours: 12, professionalHours: 33, reducedMonths: 6 },
      publicHours: 12,
      professionalHours: 33,
      passed: true,
      resultLabel: '通过',
    });
    expect(y.requirement.basis).toContain('2016—2017年郑州以外地区：公需科目24学时、专业科目66学时');
    expect(y.requirement.basis).toContain('按实际在岗6个月折算');
    // 周口's bureau has no enabled seal: the year passed, nothing is issued, and the page says why.
    expect(y.certificate).toMatchObject({ status: 'none', printable: false, notPrintableReason: '发证机关尚未启用电子签章，暂不能打印' });
    const pdf = await call(ctx, zk.cookies.person, 'GET', '/api/me/certificates/2017.pdf');
    expect(pdf.statusCode).toBe(409);
    expect(pdf.json().message).toBe('2017年度的发证机关尚未启用电子签章，不能打印');
    const detail = (await call(ctx, zk.cookies.person, 'GET', '/api/me/completion/2017')).json();
    expect(detail.records[0].statusLabel).toContain('按实际在岗6个月折算当年应完成学时');
  });

  it('the bureau enables its seal later: the certificate is dated from then, not from the approval', async () => {
    const enabled = at('2026-06-01T00:00:00Z');
    await enableSeal(ctx, zk.bureau, enabled);
    const y = await yearOf(ctx, zk.cookies.person, 2017);
    expect(y.certificate).toMatchObject({ status: 'valid', issuerName: '周口市人力资源和社会保障局', issuedAt: enabled.toISOString(), printable: true });
  });

  it('form 15 through the API: months on duty are required (0–12), it claims no hours, and lowers the year’s requirement', async () => {
    const cookie = c.cookies.person;
    const base = conferenceBody({ form: 'reduction', params: {}, title: '病假（住院治疗）', organiser: '本单位', claimedHours: 0 });
    // Saved without the months (a draft may be incomplete), but not submitted without them.
    const missing = await call(ctx, cookie, 'POST', '/api/me/declarations', base);
    expectStatus(missing, 201);
    expectStatus(await upload(ctx, cookie, missing.json().id, [{ name: '医院证明.png', data: PNG, type: 'image/png' }]), 201);
    const unsent = await call(ctx, cookie, 'POST', `/api/me/declarations/${missing.json().id}/submit`, { version: missing.json().version });
    expect(unsent.statusCode).toBe(400);
    expect(unsent.json().message).toContain('实际在岗月数');
    const hours = await call(ctx, cookie, 'POST', '/api/me/declarations', { ...base, monthsOnDuty: 6, claimedHours: 5 });
    expect(hours.statusCode).toBe(400);
    expect(hours.json().message).toContain('申报学时请填写0');
    expect((await call(ctx, cookie, 'POST', '/api/me/declarations', { ...base, monthsOnDuty: 13 })).statusCode).toBe(400);

    const created = await call(ctx, cookie, 'POST', '/api/me/declarations', { ...base, monthsOnDuty: 6 });
    expectStatus(created, 201);
    expect(created.json()).toMatchObject({ form: 'reduction', monthsOnDuty: 6, claimedHours: 0 });
    const id = created.json().id;
    expectStatus(await upload(ctx, cookie, id, [{ name: '医院证明.png', data: PNG, type: 'image/png' }]), 201);
    expectStatus(await call(ctx, cookie, 'POST', `/api/me/declarations/${id}/submit`, { version: created.json().version }), 200);
    for (const reviewer of [c.cookies.unit, c.cookies.dept, c.cookies.bureau]) expectStatus(await approve(ctx, reviewer, id), 200);

    const y = await yearOf(ctx, cookie, YEAR);
    expect(y).toMatchObject({ requirement: { publicHours: 15, professionalHours: 30, reducedMonths: 6 }, publicHours: 30, professionalHours: 0, passed: false, missingProfessional: 30 });
    // A form other than 15 keeps no months.
    const other = await call(ctx, cookie, 'POST', '/api/me/declarations', conferenceBody({ monthsOnDuty: 4 }));
    expectStatus(other, 201);
    expect(other.json().monthsOnDuty).toBeNull();
  });

  it('a full year of aid assignment completes the whole year; course study over six months the professional part', async () => {
    const aid = await buildProfessional(ctx, c.unit);
    await buildDeclaration(ctx, aid, { year: YEAR - 1, form: 'aid_assignment', params: { months: 12 }, claimedHours: 0, title: '援疆支教一年' });
    expect(await yearOf(ctx, await login(ctx, aid), YEAR - 1)).toMatchObject({
      covers: ['all'],
      publicHours: 0,
      professionalHours: 0,
      passed: true,
      missingPublic: 0,
      missingProfessional: 0,
      certificate: { status: 'valid' },
    });

    const study = await buildProfessional(ctx, c.unit);
    await buildDeclaration(ctx, study, { year: YEAR - 1, form: 'degree_education', params: { mode: 'study', months: 7 }, claimedHours: 0, title: '访问学者进修' });
    await buildDeclaration(ctx, study, { year: YEAR - 1, subject: 'public', claimedHours: 20 });
    const cookie = await login(ctx, study);
    expect(await yearOf(ctx, cookie, YEAR - 1)).toMatchObject({ covers: ['professional'], passed: false, missingPublic: 10, missingProfessional: 0 });
    await buildDeclaration(ctx, study, { year: YEAR - 1, subject: 'public', claimedHours: 10 });
    expect(await yearOf(ctx, cookie, YEAR - 1)).toMatchObject({ covers: ['professional'], passed: true, certificate: { status: 'valid' } });
  });

  it('the requirement of a year follows the title level and the unit of that year (changes and transfers)', async () => {
    // Intermediate since a change approved in 2016; moved from 郑州 to 周口 in 2018.
    const p = await buildProfessional(ctx, zk.unit, { titleLevel: 'intermediate' });
    await ctx.deps.db.insert(schema.professionalChangeRequests).values({
      personId: p.personId,
      accountId: p.accountId,
      orgId: zk.unit.id,
      kind: 'title',
      status: 'approved',
      before: { titleSeries: '中小学教师', titleLevel: 'junior' },
      after: { titleSeries: '中小学教师', titleLevel: 'intermediate' },
      reviewedAt: at('2016-03-01T02:00:00Z'),
      createdAt: at('2016-02-20T02:00:00Z'),
    });
    await ctx.deps.db.insert(schema.professionalTransfers).values({
      personId: p.personId,
      accountId: p.accountId,
      fromOrgId: c.unit.id,
      toOrgId: zk.unit.id,
      initiatedBy: 'person',
      initiatedByAccountId: p.accountId,
      status: 'completed',
      inReviewedAt: at('2018-02-01T02:00:00Z'),
      createdAt: at('2018-01-10T02:00:00Z'),
    });
    await buildDeclaration(ctx, p, { year: 2014, subject: 'public', claimedHours: 22 });
    await buildDeclaration(ctx, p, { year: 2014, subject: 'professional', claimedHours: 52 });
    await buildDeclaration(ctx, p, { year: 2016, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, p, { year: 2016, subject: 'professional', claimedHours: 60 });
    const years = await completion(ctx, await login(ctx, p));
    const y2014 = years.find((y) => y.year === 2014)!;
    const y2016 = years.find((y) => y.year === 2016)!;
    const y2019 = years.find((y) => y.year === 2019)!;
    expect(y2014).toMatchObject({ requirement: { publicHours: 22, professionalHours: 52 }, passed: true });
    expect(y2014.requirement.basis).toContain('初级');
    expect(y2016).toMatchObject({ requirement: { publicHours: 30, professionalHours: 60 }, passed: true });
    expect(y2016.requirement.basis).toContain('郑州地区');
    expect(y2019).toMatchObject({ requirement: { publicHours: 30, professionalHours: 60 }, passed: false, resultLabel: '未通过' });
    expect(years[0]!.year).toBe(YEAR);
    expect(years[years.length - 1]!.year).toBe(2014);
  });
});

describe('issued at the approval that makes the year pass, revoked when it no longer passes (R-22, R-17)', () => {
  let passingId = 0;
  it('the final approval issues the certificate in its own transaction; further hours keep the date', async () => {
    const cookie = c.cookies.person;
    // c.person this year: 公需 30 approved, a reduction to 15/30: 30 professional hours pass the year.
    const first = await call(ctx, cookie, 'POST', '/api/me/declarations', conferenceBody({ claimedHours: 18 }));
    const second = await call(ctx, cookie, 'POST', '/api/me/declarations', conferenceBody({ claimedHours: 12, params: { level: 'national', days: 1, presented: true } , startDate: `${YEAR}-05-20`, endDate: `${YEAR}-05-20` }));
    for (const d of [first.json(), second.json()]) {
      expectStatus(await upload(ctx, cookie, d.id, [{ name: '会议通知.png', data: PNG, type: 'image/png' }]), 201);
      expectStatus(await call(ctx, cookie, 'POST', `/api/me/declarations/${d.id}/submit`, { version: d.version }), 200);
      expectStatus(await approve(ctx, c.cookies.unit, d.id), 200);
      expectStatus(await approve(ctx, c.cookies.dept, d.id), 200);
    }
    expect(await certificatesOf(c.person.personId).then((rows) => rows.filter((r) => r.year === YEAR))).toEqual([]);
    ctx.clock.advanceMinutes(5);
    expectStatus(await approve(ctx, c.cookies.bureau, first.json().id), 200);
    // 18 < 30: not yet.
    expect((await certificatesOf(c.person.personId)).filter((r) => r.year === YEAR)).toEqual([]);
    ctx.clock.advanceMinutes(5);
    const passedAt = ctx.clock.now;
    expectStatus(await approve(ctx, c.cookies.bureau, second.json().id), 200);
    passingId = second.json().id;
    const [issued] = (await certificatesOf(c.person.personId)).filter((r) => r.year === YEAR);
    expect(issued).toMatchObject({
      status: 'valid',
      issuedAt: passedAt,
      issuedOn: '2026-06-15',
      issuedByDeclarationId: passingId,
      publicHours: 30,
      professionalHours: 30,
      issuerName: '郑州市人力资源和社会保障局',
    });
    const audit = await ctx.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'certificate.issue'), eq(schema.auditLog.objectId, String(issued!.id))));
    expect(audit[0]).toMatchObject({ actorAccountId: c.bureauAdmin.accountId });

    // More hours later: same certificate, same 发证时间, current hours.
    ctx.clock.advanceMinutes(10);
    const more = await buildDeclaration(ctx, c.person, { year: YEAR, subject: 'professional', claimedHours: 6, outcome: 'pending', level: 2 });
    expectStatus(await approve(ctx, c.cookies.bureau, more.id), 200);
    const rows = (await certificatesOf(c.person.personId)).filter((r) => r.year === YEAR);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: issued!.id, issuedAt: passedAt, professionalHours: 36 });
  });

  it('the sampling audit revokes a record that breaks the passed year: the certificate is revoked with the day and why', async () => {
    const sample = await call(ctx, c.cookies.bureau, 'POST', '/api/admin/declaration-samples', { year: YEAR, count: 1000 });
    expectStatus(sample, 201);
    ctx.clock.advanceMinutes(5);
    const revokedAt = ctx.clock.now;
    const res = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-samples/${sample.json().id}/items/${passingId}/revoke`, {
      reason: '会议通知与实际不符',
    });
    expectStatus(res, 200);
    const rows = (await certificatesOf(c.person.personId)).filter((r) => r.year === YEAR);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'revoked', revokedAt, revokedByDeclarationId: passingId });
    expect(rows[0]!.revokeReason).toContain('会议通知与实际不符');
    const y = await yearOf(ctx, c.cookies.person, YEAR);
    expect(y).toMatchObject({
      passed: false,
      professionalHours: 24,
      certificate: { status: 'revoked', revokedAt: revokedAt.toISOString(), printable: false, notPrintableReason: '该年度尚未达到学时要求' },
    });
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'certificate.revoke'));
    expect(audit.map((a) => a.actorAccountId)).toContain(c.bureauAdmin.accountId);
  });

  it('passing again issues a new certificate, dated from the approval that passes it again', async () => {
    ctx.clock.advanceMinutes(5);
    const again = await buildDeclaration(ctx, c.person, { year: YEAR, subject: 'professional', claimedHours: 6, outcome: 'pending', level: 2 });
    expectStatus(await approve(ctx, c.cookies.bureau, again.id), 200);
    const rows = (await certificatesOf(c.person.personId)).filter((r) => r.year === YEAR);
    expect(rows.map((r) => r.status)).toEqual(['revoked', 'valid']);
    expect(rows[1]).toMatchObject({ issuedAt: ctx.clock.now, issuedByDeclarationId: again.id, professionalHours: 30 });
  });
});

describe('学时转登 (R-26)', () => {
  it('a unit admin enters paper-certificate hours of a past year; they go up the chain from the department and then count', async () => {
    const p = await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptA.id });
    await buildDeclaration(ctx, p, { year: YEAR - 2, subject: 'public', claimedHours: 30 });
    const body = { idNumber: p.idNumber.toLowerCase(), year: YEAR - 2, subject: 'professional', hours: 60, title: '2024年度专业科目学习（纸质证书登记）', paperCertificateNo: '豫继教2024-000123', note: '原证书加盖郑州市继续教育专用章' };

    expect((await call(ctx, c.cookies.unit, 'POST', '/api/admin/historical-hours', { ...body, year: YEAR })).statusCode).toBe(400);
    expect((await call(ctx, c.cookies.unit, 'POST', '/api/admin/historical-hours', { ...body, year: 2010 })).statusCode).toBe(400);
    const stranger = await login(ctx, await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: c.dept })));
    const out = await call(ctx, stranger, 'POST', '/api/admin/historical-hours', body);
    expect(out.statusCode).toBe(404);
    expect(out.json().message).toBe('记录不存在或不在您的管理范围内');
    const scopedB = await login(ctx, await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['declaration.review'], workDepartmentIds: [c.workDeptB.id] }));
    expect((await call(ctx, scopedB, 'POST', '/api/admin/historical-hours', body)).statusCode).toBe(404);
    const noReview = await login(ctx, await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['certificate.query'] }));
    expect((await call(ctx, noReview, 'POST', '/api/admin/historical-hours', body)).statusCode).toBe(403);

    const entered = await call(ctx, c.cookies.unit, 'POST', '/api/admin/historical-hours', body);
    expectStatus(entered, 201);
    expect(entered.json()).toMatchObject({
      person: { name: p.name, certNo: p.certNo },
      year: YEAR - 2,
      subject: 'professional',
      hours: 60,
      paperCertificateNo: '豫继教2024-000123',
      status: 'pending',
      currentReviewerName: c.dept.name,
      enteredByName: c.unitAdmin.name,
    });
    const declarationId = entered.json().declarationId;
    const list = (await call(ctx, c.cookies.unit, 'GET', '/api/admin/historical-hours')).json();
    expect(list.items[0]).toMatchObject({ id: entered.json().id, declarationId });
    expect((await call(ctx, c.cookies.dept, 'GET', '/api/admin/historical-hours')).json().items).toEqual([]);

    const cookie = await login(ctx, p);
    expect(await yearOf(ctx, cookie, YEAR - 2)).toMatchObject({ professionalHours: 0, passed: false });
    // The person sees it among their declarations and cannot take it back.
    const mine = (await call(ctx, cookie, 'GET', `/api/me/declarations/${declarationId}`)).json();
    expect(mine).toMatchObject({ form: 'other', status: 'pending', currentLevel: 2, can: { revoke: false } });
    expect(mine.note).toContain('豫继教2024-000123');
    expect(mine.history.map((e: { action: string; orgName: string }) => [e.action, e.orgName])).toEqual([
      ['create', c.unit.name],
      ['submit', c.unit.name],
      ['approve', c.unit.name],
    ]);
    // The unit itself is past: its queue does not hold it.
    expect((await approve(ctx, c.cookies.unit, declarationId)).statusCode).toBe(409);
    expectStatus(await approve(ctx, c.cookies.dept, declarationId), 200);
    ctx.clock.advanceMinutes(5);
    expectStatus(await approve(ctx, c.cookies.bureau, declarationId), 200);
    const y = await yearOf(ctx, cookie, YEAR - 2);
    expect(y).toMatchObject({ professionalHours: 60, passed: true, certificate: { status: 'valid', issuedAt: ctx.clock.now.toISOString() } });
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'certificate.historicalHours'));
    expect(audit.map((a) => a.objectId)).toContain(String(declarationId));
  });

  it('entered by the bureau, the last level of the chain, it is the 备案 itself', async () => {
    const p = await buildProfessional(ctx, c.unit);
    const res = await call(ctx, c.cookies.bureau, 'POST', '/api/admin/historical-hours', {
      idNumber: p.idNumber,
      year: YEAR - 3,
      subject: 'public',
      hours: 30,
      title: '公需科目（纸质证书登记）',
      paperCertificateNo: 'ZZ-2023-7',
    });
    expectStatus(res, 201);
    expect(res.json()).toMatchObject({ status: 'approved', currentReviewerName: null });
    expect(await yearOf(ctx, await login(ctx, p), YEAR - 3)).toMatchObject({ publicHours: 30, passed: false });
  });
});

describe('the yearly requirement as data (SPEC §7)', () => {
  it('the province adds a rule for this year on; it wins over the table; others cannot', async () => {
    const province = await bureauOf(ctx, '410000');
    const provinceCookie = await login(ctx, await buildAdmin(ctx, province));
    const rule = { fromYear: YEAR, toYear: YEAR, publicHours: 20, professionalHours: 40, basis: '豫人社办〔2026〕1号：2026年度公需科目20学时，专业科目40学时' };
    expect((await call(ctx, provinceCookie, 'POST', '/api/admin/requirement-rules', { ...rule, fromYear: YEAR - 1 })).statusCode).toBe(400);
    expect((await call(ctx, provinceCookie, 'POST', '/api/admin/requirement-rules', { ...rule, toYear: YEAR - 1 })).statusCode).toBe(400);
    expect((await call(ctx, provinceCookie, 'POST', '/api/admin/requirement-rules', { ...rule, regionPrefixes: ['4201'] })).statusCode).toBe(400);
    expect((await call(ctx, c.cookies.bureau, 'POST', '/api/admin/requirement-rules', rule)).statusCode).toBe(404);
    const created = await call(ctx, provinceCookie, 'POST', '/api/admin/requirement-rules', rule);
    expectStatus(created, 201);
    expect(created.json()).toMatchObject({ source: 'province', appliesTo: '全体专业技术人员', publicHours: 20 });

    const list = (await call(ctx, c.cookies.unit, 'GET', '/api/admin/requirement-rules')).json();
    expect(list.currentYear).toBe(YEAR);
    expect(list.items[0]).toMatchObject({ id: created.json().id, source: 'province' });
    expect(list.items.filter((i: { source: string }) => i.source === 'regulation')).toHaveLength(5);
    expect(list.items.find((i: { fromYear: number; regionPrefixes: string[] | null }) => i.fromYear === 2016 && i.regionPrefixes)?.appliesTo).toBe(
      '地区：郑州市（4101）；不含：巩义市（410181）',
    );

    const p = await buildProfessional(ctx, c.unit);
    const y = await yearOf(ctx, await login(ctx, p), YEAR);
    expect(y.requirement).toMatchObject({ publicHours: 20, professionalHours: 40, basis: rule.basis });
    // Past years keep the table's figures.
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'certificate.requirementRule.create'));
    expect(audit).toHaveLength(1);
  });
});
