/**
 * 学时转登 with the scan of the paper certificate (issue 8 item 12): the scan is checked by content,
 * stored with the record as its evidence, and the next reviewer opens it; a bad file keeps nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, login, type TestAccount } from '../factories';
import { PDF, PNG, YEAR, buildChain, expectStatus, type Chain } from '../factories-declarations';

let ctx: TestContext;
let c: Chain;
let p: TestAccount;

const form = (fields: Record<string, string | number>, files: { name: string; data: Buffer }[]) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, String(v));
  for (const file of files) f.append('scan', new Blob([new Uint8Array(file.data)]), file.name);
  return f;
};
const enter = (cookie: string, payload: FormData) =>
  ctx.app.inject({ method: 'POST', url: '/api/admin/historical-hours/with-scan', headers: { cookie }, payload });

beforeAll(async () => {
  ctx = await buildTestApp();
  c = await buildChain(ctx);
  p = await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptA.id });
});
afterAll(() => ctx.close());

const fields = () => ({
  idNumber: p.idNumber,
  year: YEAR - 2,
  subject: 'professional',
  hours: 60,
  title: '专业科目学习（纸质证书登记）',
  paperCertificateNo: '豫继教-000123',
});

describe('学时转登 with the paper certificate scan', () => {
  it('stores the scans as the record\'s evidence; the next level opens them in review', async () => {
    const res = await enter(c.cookies.unit, form(fields(), [{ name: '证书第1页.pdf', data: PDF }, { name: '证书第2页.png', data: PNG }]));
    expectStatus(res, 201);
    const declarationId = res.json().declarationId as number;
    const attachments = await ctx.deps.db.select().from(schema.declarationAttachments).where(eq(schema.declarationAttachments.declarationId, declarationId));
    expect(attachments.map((a) => [a.originalName, a.contentType]).sort()).toEqual([
      ['证书第1页.pdf', 'application/pdf'],
      ['证书第2页.png', 'image/png'],
    ]);
    // The department reviews next: the detail lists the scans and each one opens.
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/admin/declarations/${declarationId}`, headers: { cookie: c.cookies.dept } });
    expectStatus(detail, 200);
    const listed = detail.json().attachments as { id: number; name: string }[];
    expect(listed).toHaveLength(2);
    const pdf = listed.find((a) => a.name === '证书第1页.pdf')!;
    const file = await ctx.app.inject({ method: 'GET', url: `/api/admin/declarations/${declarationId}/attachments/${pdf.id}`, headers: { cookie: c.cookies.dept } });
    expectStatus(file, 200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const [audit] = await ctx.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'certificate.historicalHours'), eq(schema.auditLog.objectId, String(declarationId))));
    expect(audit!.detail).toMatchObject({ scans: 2 });
  });

  it('a file that is not a PDF or image refuses the entry, naming the file, and nothing is kept', async () => {
    const before = await ctx.deps.db.select().from(schema.declarations);
    const res = await enter(c.cookies.unit, form({ ...fields(), year: YEAR - 3 }, [{ name: '证书.pdf', data: PDF }, { name: '说明.pdf', data: Buffer.from('not a pdf at all') }]));
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toBe('原纸质证书扫描件“说明.pdf”：只能上传JPG、PNG、PDF格式的文件');
    expect(await ctx.deps.db.select().from(schema.declarations)).toHaveLength(before.length);
  });

  it('checks the fields like the JSON entry and the scope like every entry', async () => {
    const bad = await enter(c.cookies.unit, form({ ...fields(), hours: 'abc' }, []));
    expectStatus(bad, 400);
    const stranger = await login(ctx, await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: c.dept })));
    const out = await enter(stranger, form({ ...fields(), year: YEAR - 4 }, [{ name: '证书.pdf', data: PDF }]));
    expectStatus(out, 404);
  });
});
