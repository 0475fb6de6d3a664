/**
 * Units print their people's certificates (issue 8 item 3): one person's yearly or merged PDF, many
 * people as one ZIP built by a job with progress; scope (subtree, 工作部门) and permission; audit rows.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, login, type TestAccount } from '../factories';
import { TEST_NOW, buildChain, buildDeclaration, call, expectStatus, type Chain } from '../factories-declarations';
import { waitForJob } from '../factories-batches';
import { enableSeal, tokenOfPdf, withCertNo } from './certificates-fixtures';
import { verifyCertificateToken } from '../../src/modules/certificates/signing';
import { listPublicKeys } from '../../src/modules/certificates/keys';

let ctx: TestContext;
let c: Chain;
/** Passed 2023 and 2024; 2022 short of professional hours. */
let passer: TestAccount & { certNo: string };
/** Passed 2024 only, in the other 工作部门. */
let other: TestAccount & { certNo: string };
/** Nothing counted. */
let idle: TestAccount & { certNo: string };

const pdfUrl = (certNo: string, from: number, to = from) => `/api/admin/certificates/${certNo}/certificate.pdf?from=${from}&to=${to}`;
const zipJob = (cookie: string, certNos: string[], from: number, to = from) =>
  call(ctx, cookie, 'POST', '/api/admin/certificates/print-jobs', { certNos, from, to });

async function passYear(p: TestAccount, year: number, professional = 60) {
  await buildDeclaration(ctx, p, { year, subject: 'public', claimedHours: 30, submittedAt: new Date(`${year}-04-10T02:00:00Z`) });
  await buildDeclaration(ctx, p, { year, subject: 'professional', claimedHours: professional, submittedAt: new Date(`${year}-09-10T02:00:00Z`) });
}

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  await enableSeal(ctx, c.bureau, new Date('2017-12-01T01:00:00Z'));
  passer = await withCertNo(ctx, c.person);
  other = await withCertNo(ctx, await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptB.id }));
  idle = await withCertNo(ctx, await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptA.id }));
  await passYear(passer, 2022, 40);
  await passYear(passer, 2023);
  await passYear(passer, 2024);
  await passYear(other, 2024);
});
afterAll(() => ctx.close());

describe('one person', () => {
  it('the unit prints a yearly certificate that verifies like the person\'s own, and the print is audited', async () => {
    const res = await call(ctx, c.cookies.unit, 'GET', pdfUrl(passer.certNo, 2024));
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`certificate_${passer.certNo}_2024.pdf`);
    const verified = await verifyCertificateToken(await tokenOfPdf(res.rawPayload), (await listPublicKeys(ctx.deps.db)).keys);
    expect(verified.valid).toBe(true);
    if (verified.valid) expect(verified.facts.years.map((y) => y.year)).toEqual([2024]);
    const audit = await ctx.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'certificate.print'), eq(schema.auditLog.objectId, String(passer.personId))));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ years: [2024] });
  });

  it('a merged print covers the range when every year passed; a failed year refuses with its year', async () => {
    const merged = await call(ctx, c.cookies.unit, 'GET', pdfUrl(passer.certNo, 2023, 2024));
    expectStatus(merged, 200);
    expect(merged.headers['content-disposition']).toContain(`certificate_${passer.certNo}_2023-2024.pdf`);
    const refused = await call(ctx, c.cookies.unit, 'GET', pdfUrl(passer.certNo, 2022, 2024));
    expectStatus(refused, 409);
    expect(refused.json().message).toBe('2022年度未达到学时要求，不能合并打印');
    const backwards = await call(ctx, c.cookies.unit, 'GET', pdfUrl(passer.certNo, 2024, 2023));
    expectStatus(backwards, 400);
  });

  it('the department and the bureau above print too; a sibling unit gets 404, as if the person did not exist', async () => {
    expectStatus(await call(ctx, c.cookies.dept, 'GET', pdfUrl(passer.certNo, 2024)), 200);
    expectStatus(await call(ctx, c.cookies.bureau, 'GET', pdfUrl(passer.certNo, 2024)), 200);
    const sibling = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: c.dept }));
    const res = await call(ctx, await login(ctx, sibling), 'GET', pdfUrl(passer.certNo, 2024));
    expectStatus(res, 404);
  });

  it('an admin limited to one 工作部门 prints only its people; without 证书查询 it is 403', async () => {
    const scoped = await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['certificate.query'], workDepartmentIds: [c.workDeptA.id] });
    const cookie = await login(ctx, scoped);
    expectStatus(await call(ctx, cookie, 'GET', pdfUrl(passer.certNo, 2024)), 200);
    expectStatus(await call(ctx, cookie, 'GET', pdfUrl(other.certNo, 2024)), 404);
    const noPermission = await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['registration.review'] });
    expectStatus(await call(ctx, await login(ctx, noPermission), 'GET', pdfUrl(passer.certNo, 2024)), 403);
  });

  it('a professional cannot use the admin printing', async () => {
    expectStatus(await call(ctx, c.cookies.person, 'GET', pdfUrl(passer.certNo, 2024)), 404);
  });
});

describe('many people as one ZIP (a job)', () => {
  it('prints everyone who can be printed, lists the others with the reason, and reports progress', async () => {
    const res = await zipJob(c.cookies.unit, [passer.certNo, other.certNo, idle.certNo], 2024);
    expectStatus(res, 202);
    const job = await waitForJob(ctx, c.cookies.unit, res.json().jobId);
    expect(job.state).toBe('succeeded');
    expect(job.done).toBe(3);
    expect(job.total).toBe(3);
    expect(job.message).toBe('已生成 2 人的证书，1 人未能打印（原因见压缩包中的“未打印名单.txt”）');
    expect(job.result).toMatchObject({ printed: 2, skipped: 1 });

    const file = await call(ctx, c.cookies.unit, 'GET', `/api/jobs/${res.json().jobId}/file`);
    expectStatus(file, 200);
    expect(file.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(file.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(3);
    expect(names.filter((n) => n.endsWith('.pdf'))).toEqual(
      [`${other.name}_河南省专业技术人员继续教育证书_${other.certNo}_2024.pdf`, `${passer.name}_河南省专业技术人员继续教育证书_${passer.certNo}_2024.pdf`].sort(),
    );
    for (const n of names.filter((x) => x.endsWith('.pdf'))) {
      const pdf = await zip.file(n)!.async('nodebuffer');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const skipped = await zip.file('未打印名单.txt')!.async('string');
    expect(skipped).toContain(`${idle.name}（${idle.certNo}）：2024年度未达到学时要求，不能打印`);

    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'certificate.printBatch'));
    expect(audit.at(-1)!.detail).toMatchObject({ people: 3, from: 2024, to: 2024 });
  });

  it('someone outside the admin\'s scope refuses the whole request and no job is made', async () => {
    const scoped = await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['certificate.query'], workDepartmentIds: [c.workDeptA.id] });
    const before = await ctx.deps.db.select().from(schema.jobs);
    const res = await zipJob(await login(ctx, scoped), [passer.certNo, other.certNo], 2024);
    expectStatus(res, 404);
    expect(res.json().message).toBe('记录不存在或不在您的管理范围内');
    expect(await ctx.deps.db.select().from(schema.jobs)).toHaveLength(before.length);
  });

  it('checks the request: nobody chosen, a malformed 证书管理号', async () => {
    expect((await zipJob(c.cookies.unit, [], 2024)).json().message).toBe('打印人员：请选择要打印证书的人员');
    const bad = await zipJob(c.cookies.unit, ['12345'], 2024);
    expectStatus(bad, 400);
    expect(bad.json().message).toBe('打印人员：证书管理号应为13位数字');
  });

  it('the ZIP is the owner\'s: a sibling unit cannot poll the job or fetch its file', async () => {
    const res = await zipJob(c.cookies.unit, [passer.certNo], 2023);
    const jobId = res.json().jobId as string;
    await waitForJob(ctx, c.cookies.unit, jobId);
    const sibling = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: c.dept }));
    const cookie = await login(ctx, sibling);
    expectStatus(await call(ctx, cookie, 'GET', `/api/jobs/${jobId}`), 404);
    expectStatus(await call(ctx, cookie, 'GET', `/api/jobs/${jobId}/file`), 404);
  });
});

describe('the person drawer (年度完成情况 and declarations)', () => {
  it('shows the person\'s years with what can be printed, and their submitted declarations', async () => {
    const draft = await buildDeclaration(ctx, passer, { year: 2025, outcome: 'draft', title: '尚未提交的草稿' });
    const res = await call(ctx, c.cookies.unit, 'GET', `/api/admin/professionals/${passer.accountId}/record`);
    expectStatus(res, 200);
    const { years, declarations } = res.json() as {
      years: { year: number; passed: boolean; resultLabel: string; certificate: { printable: boolean } }[];
      declarations: { id: number; year: number; statusLabel: string }[];
    };
    const y = (year: number) => years.find((x) => x.year === year)!;
    expect(y(2024)).toMatchObject({ passed: true, resultLabel: '通过', certificate: { printable: true } });
    expect(y(2022)).toMatchObject({ passed: false, resultLabel: '未通过', certificate: { printable: false } });
    expect(years.map((x) => x.year)).toEqual([...years.map((x) => x.year)].sort((a, b) => b - a));
    expect(declarations).toHaveLength(6);
    expect(declarations.map((d) => d.id)).not.toContain(draft.id);
    expect(new Set(declarations.map((d) => d.statusLabel))).toEqual(new Set(['审核通过']));
  });

  it('is read within scope only: 工作部门 scope and sibling units get 404', async () => {
    const scoped = await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['person.manage'], workDepartmentIds: [c.workDeptB.id] });
    expectStatus(await call(ctx, await login(ctx, scoped), 'GET', `/api/admin/professionals/${passer.accountId}/record`), 404);
    expectStatus(await call(ctx, c.cookies.dept, 'GET', `/api/admin/professionals/${passer.accountId}/record`), 200);
  });
});
