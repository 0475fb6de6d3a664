/**
 * 外省学时转入 (issue 14 item 4): a professional who moved to Henan transfers in past years' hours
 * of another province with its certificate as evidence; the unit and then the HRSS bureau review
 * them (the department is skipped), they count once approved and are marked 外省转入 in the
 * completion and on the certificate; reviewers are warned when a year mixes both kinds beyond its
 * requirement. This file also runs against PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { ProvinceTransfer } from '@ce/shared';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login, type TestAccount } from '../factories';
import { PDF, PNG, TEST_NOW, approve, buildChain, buildDeclaration, call, expectStatus, reject, type Chain } from '../factories-declarations';
import { completion, enableSeal, withCertNo, yearOf } from './certificates-fixtures';

let ctx: TestContext;
let c: Chain;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  await enableSeal(ctx, c.bureau, new Date('2017-12-01T01:00:00Z'));
});
afterAll(() => ctx.close());

type Entry = { year: number; publicHours: number; professionalHours: number };
function transferForm(opts: { province?: string; entries: Entry[]; evidence?: { data: Buffer; name: string } | null; certificateNo?: string }) {
  const form = new FormData();
  form.append('province', opts.province ?? '420000');
  form.append('entries', JSON.stringify(opts.entries));
  form.append('certificateNo', opts.certificateNo ?? 'HB-2024-000123');
  form.append('note', '2025年从武汉调入郑州');
  const evidence = opts.evidence === undefined ? { data: PDF, name: '湖北省继续教育证书.pdf' } : opts.evidence;
  if (evidence) form.append('evidence', new Blob([new Uint8Array(evidence.data)]), evidence.name);
  return form;
}
const submit = (cookie: string, opts: Parameters<typeof transferForm>[0]) =>
  ctx.app.inject({ method: 'POST', url: '/api/me/province-transfers', headers: { cookie }, payload: transferForm(opts) });

async function submitted(cookie: string, opts: Parameters<typeof transferForm>[0]): Promise<ProvinceTransfer> {
  const res = await submit(cookie, opts);
  expectStatus(res, 201);
  return res.json();
}
const rowIds = (t: ProvinceTransfer) => t.years.flatMap((y) => y.rows.map((r) => r.declarationId));
type QueueItem = { id: number; originProvinceName: string | null; overlapWarning: string | null; attachmentCount: number };
async function awaiting(cookie: string, year: number): Promise<QueueItem[]> {
  const res = await call(ctx, cookie, 'GET', `/api/admin/declarations?year=${year}&limit=100`);
  expectStatus(res, 200);
  return res.json().items;
}
const auditRows = (action: string, objectId: number) =>
  ctx.deps.db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, action), eq(schema.auditLog.objectId, String(objectId))));

async function newcomer(): Promise<{ person: TestAccount; cookie: string }> {
  const person = await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptA.id });
  return { person, cookie: await login(ctx, person) };
}

describe('the cross-province flow through its two levels', () => {
  it('goes unit → HRSS bureau (department skipped), then counts and is marked 外省转入', async () => {
    const { person, cookie } = await newcomer();
    const t = await submitted(cookie, { entries: [{ year: 2023, publicHours: 30, professionalHours: 60 }, { year: 2024, publicHours: 0, professionalHours: 40 }] });
    expect(t).toMatchObject({ provinceName: '湖北省', status: 'pending', statusLabel: '审核中', canWithdraw: true, certificateNo: 'HB-2024-000123' });
    expect(t.years.map((y) => [y.year, y.publicHours, y.professionalHours])).toEqual([[2023, 30, 60], [2024, 0, 40]]);
    const ids = rowIds(t);
    expect(ids).toHaveLength(3); // a year's zero hours make no record
    expect((await auditRows('declaration.provinceTransfer.submit', t.id))).toHaveLength(1);

    // The person's own records carry the mark; they are neither edited nor resubmitted one by one.
    const own = (await call(ctx, cookie, 'GET', `/api/me/declarations/${ids[0]}`)).json();
    expect(own).toMatchObject({ originProvinceName: '湖北省', status: 'pending', can: { edit: false, submit: false, revoke: false } });
    expect(own.chain.map((s: { orgId: number }) => s.orgId)).toEqual([c.unit.id, c.bureau.id]);
    const single = await call(ctx, cookie, 'POST', `/api/me/declarations/${ids[0]}/revoke`, { version: own.version });
    expectStatus(single, 409);
    expect(single.json().message).toBe('外省转入的学时请在“外省学时转入”页面整份撤回申请');

    // The unit sees them marked, with the certificate as evidence it can open.
    const atUnit = (await awaiting(c.cookies.unit, 2023)).filter((i) => ids.includes(i.id));
    expect(atUnit).toHaveLength(2);
    expect(atUnit.every((i) => i.originProvinceName === '湖北省' && i.attachmentCount === 1 && i.overlapWarning === null)).toBe(true);
    const detail = (await call(ctx, c.cookies.unit, 'GET', `/api/admin/declarations/${ids[0]}`)).json();
    expect(detail.attachments).toHaveLength(1);
    const file = await call(ctx, c.cookies.unit, 'GET', `/api/admin/declarations/${ids[0]}/attachments/${detail.attachments[0].id}`);
    expectStatus(file, 200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);

    for (const id of ids) expectStatus(await approve(ctx, c.cookies.unit, id), 200);
    // Next stop: the bureau, never the department.
    expect((await awaiting(c.cookies.dept, 2023)).map((i) => i.id)).not.toEqual(expect.arrayContaining([ids[0]]));
    const dept = await approve(ctx, c.cookies.dept, ids[0]!);
    expectStatus(dept, 409);
    expect(dept.json().code).toBe('NOT_YOUR_TURN');
    expect((await awaiting(c.cookies.bureau, 2023)).map((i) => i.id)).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    const withdrawLate = await call(ctx, cookie, 'POST', `/api/me/province-transfers/${t.id}/withdraw`);
    expectStatus(withdrawLate, 409);
    expect(withdrawLate.json().message).toBe('单位已审核该申请，不能撤回；如有错误，请联系正在审核的单位或人社部门驳回');

    for (const id of ids) {
      const res = await approve(ctx, c.cookies.bureau, id);
      expectStatus(res, 200);
    }
    const list = (await call(ctx, cookie, 'GET', '/api/me/province-transfers')).json();
    expect(list.items[0]).toMatchObject({ id: t.id, status: 'approved', statusLabel: '审核通过（已计入）', canWithdraw: false });

    // Counted for those years, marked in the completion.
    const y2023 = await yearOf(ctx, cookie, 2023);
    expect(y2023).toMatchObject({ publicHours: 30, professionalHours: 60, passed: true, transferredFrom: ['湖北省'] });
    expect(y2023.certificate.status).toBe('valid');
    const y2024 = await yearOf(ctx, cookie, 2024);
    expect(y2024).toMatchObject({ professionalHours: 40, passed: false, transferredFrom: ['湖北省'] });
    expect((await yearOf(ctx, cookie, 2025)).transferredFrom).toEqual([]);

    // …and on the certificate.
    const pdf = await call(ctx, cookie, 'GET', '/api/me/certificates/2023.pdf');
    expectStatus(pdf, 200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    if (text !== null) expect(text.replace(/\s+/g, '')).toContain('注：2023年度含外省转入学时（湖北省）');
    // …and in the public query by 证书管理号.
    const pub = await call(ctx, null, 'GET', `/api/public/certificates?certNo=${(await withCertNo(ctx, person)).certNo}`);
    expectStatus(pub, 200);
    expect(pub.json().years).toEqual([expect.objectContaining({ year: 2023, status: 'valid', transferredFrom: ['湖北省'] })]);
  });

  it('a rejection returns the record with the reason; the year can be transferred in again', async () => {
    const { cookie } = await newcomer();
    const t = await submitted(cookie, { province: '430000', entries: [{ year: 2022, publicHours: 24, professionalHours: 0 }] });
    const [id] = rowIds(t);
    expectStatus(await approve(ctx, c.cookies.unit, id!), 200);
    expectStatus(await reject(ctx, c.cookies.bureau, id!, '证书年度与填写不符'), 200);
    const after = (await call(ctx, cookie, 'GET', '/api/me/province-transfers')).json().items[0] as ProvinceTransfer;
    expect(after).toMatchObject({ status: 'rejected', statusLabel: '审核不通过', provinceName: '湖南省' });
    expect(after.years[0]!.rows[0]).toMatchObject({ status: 'rejected', rejectReason: '证书年度与填写不符' });
    const resubmit = await call(ctx, cookie, 'POST', `/api/me/declarations/${id}/submit`, { version: 3 });
    expectStatus(resubmit, 409);
    expect((await completion(ctx, cookie)).flatMap((y) => y.transferredFrom)).toEqual([]);
    // A corrected application for the same year is accepted.
    expectStatus(await submit(cookie, { province: '430000', entries: [{ year: 2022, publicHours: 24, professionalHours: 10 }] }), 201);
  });
});

describe('withdraw and double submission', () => {
  it('withdraws while the unit has not acted, once; the records leave the queue', async () => {
    const { cookie } = await newcomer();
    const t = await submitted(cookie, { entries: [{ year: 2021, publicHours: 30, professionalHours: 60 }] });
    const res = await call(ctx, cookie, 'POST', `/api/me/province-transfers/${t.id}/withdraw`);
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回', canWithdraw: false });
    expect(res.json().years[0].rows.every((r: { statusLabel: string }) => r.statusLabel === '已撤回')).toBe(true);
    const queue = (await awaiting(c.cookies.unit, 2021)).map((i) => i.id);
    for (const id of rowIds(t)) expect(queue).not.toContain(id);
    const again = await call(ctx, cookie, 'POST', `/api/me/province-transfers/${t.id}/withdraw`);
    expectStatus(again, 409);
    expect(again.json().code).toBe('ALREADY_HANDLED');
    expect(await auditRows('declaration.provinceTransfer.withdraw', t.id)).toHaveLength(1);
    // Withdrawn: the year is free again.
    expectStatus(await submit(cookie, { entries: [{ year: 2021, publicHours: 30, professionalHours: 60 }] }), 201);
  });

  it('refuses a year already transferred in, also when two submissions race', async () => {
    const { person, cookie } = await newcomer();
    const [a, b] = await Promise.all([
      submit(cookie, { entries: [{ year: 2020, publicHours: 30, professionalHours: 60 }] }),
      submit(cookie, { entries: [{ year: 2020, publicHours: 30, professionalHours: 60 }] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.json().message).toMatch(/^(2020年度已有外省转入的学时（审核中或已通过），不能重复转入|所填年度已有外省转入的学时（审核中或已通过），不能重复转入)$/);
    const later = await submit(cookie, { province: '440000', entries: [{ year: 2019, publicHours: 30, professionalHours: 60 }, { year: 2020, publicHours: 0, professionalHours: 10 }] });
    expectStatus(later, 409);
    expect(later.json().message).toBe('2020年度已有外省转入的学时（审核中或已通过），不能重复转入');
    const rows = await ctx.deps.db.select().from(schema.provinceTransfers).where(eq(schema.provinceTransfers.personId, person.personId));
    expect(rows).toHaveLength(1);
  });
});

describe('input and evidence checks (Chinese 400, nothing stored)', () => {
  it.each<[string, Parameters<typeof transferForm>[0], number, string]>([
    ['Henan itself', { province: '410000', entries: [{ year: 2024, publicHours: 30, professionalHours: 60 }] }, 400, '请选择转出省份（不含河南省）'],
    ['the current year', { entries: [{ year: 2026, publicHours: 30, professionalHours: 60 }] }, 400, '只能转入往年（2025年度及以前）的学时；当年学时请在本平台申报'],
    ['no hours', { entries: [{ year: 2024, publicHours: 0, professionalHours: 0 }] }, 400, '2024年度公需科目和专业科目学时不能都为0'],
    ['no certificate', { entries: [{ year: 2024, publicHours: 30, professionalHours: 60 }], evidence: null }, 400, '请上传外省继续教育证书（PDF或图片）作为证明材料'],
    [
      'a text file named .pdf',
      { entries: [{ year: 2024, publicHours: 30, professionalHours: 60 }], evidence: { data: Buffer.from('not a certificate'), name: '证书.pdf' } },
      415,
      '外省证书：只能上传JPG、PNG、PDF格式的文件',
    ],
  ])('%s', async (_, opts, status, message) => {
    const { person, cookie } = await newcomer();
    const res = await submit(cookie, opts);
    expectStatus(res, status);
    expect(res.json().message).toBe(message);
    expect(await ctx.deps.db.select().from(schema.provinceTransfers).where(eq(schema.provinceTransfers.personId, person.personId))).toEqual([]);
  });

  it('accepts an image certificate (PNG by content)', async () => {
    const { cookie } = await newcomer();
    const t = await submitted(cookie, { province: '500000', entries: [{ year: 2018, publicHours: 30, professionalHours: 60 }], evidence: { data: PNG, name: 'scan' } });
    expect(t.evidence.contentType).toBe('image/png');
    const own = await call(ctx, cookie, 'GET', `/api/me/province-transfers/${t.id}/evidence`);
    expectStatus(own, 200);
    expect(own.headers['content-type']).toBe('image/png');
  });
});

describe('the flag to reviewers when a year mixes 本省 and 外省转入 hours beyond its requirement', () => {
  it('warns on the transfer and on the local record, not when within the requirement', async () => {
    const { person, cookie } = await newcomer();
    await buildDeclaration(ctx, person, { year: 2024, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, person, { year: 2024, subject: 'professional', claimedHours: 40, outcome: 'pending', level: 0 });
    const within = await submitted(cookie, { entries: [{ year: 2025, publicHours: 30, professionalHours: 60 }] });
    const t = await submitted(cookie, { entries: [{ year: 2024, publicHours: 30, professionalHours: 0 }] });
    const items = await awaiting(c.cookies.unit, 2024);
    const transferItem = items.find((i) => i.id === rowIds(t)[0])!;
    expect(transferItem.overlapWarning).toBe(
      '2024年度已有本省学时，合计超出年度要求（本省70学时，外省转入30学时，合计100学时，年度要求90学时），请核实是否重复申报',
    );
    const local = items.find((i) => i.originProvinceName === null && i.overlapWarning !== null)!;
    expect(local.overlapWarning).toMatch(/^2024年度已有外省转入学时，合计超出年度要求/);
    const detail = (await call(ctx, c.cookies.unit, 'GET', `/api/admin/declarations/${rowIds(t)[0]}`)).json();
    expect(detail.overlapWarning).toBe(transferItem.overlapWarning);
    // The person's own view carries no reviewer flag; a year with only transferred hours none either.
    expect((await call(ctx, cookie, 'GET', `/api/me/declarations/${rowIds(t)[0]}`)).json().overlapWarning).toBeNull();
    expect((await awaiting(c.cookies.unit, 2025)).filter((i) => rowIds(within).includes(i.id)).every((i) => i.overlapWarning === null)).toBe(true);
  });
});

describe('scope', () => {
  it('another city’s admins and other professionals get 404', async () => {
    const { cookie } = await newcomer();
    const t = await submitted(cookie, { entries: [{ year: 2017, publicHours: 30, professionalHours: 60 }] });
    const [id] = rowIds(t);
    const zk = await bureauOf(ctx, '411600');
    const outsider = await login(ctx, await buildAdmin(ctx, zk));
    const res = await call(ctx, outsider, 'GET', `/api/admin/declarations/${id}`);
    expectStatus(res, 404);
    expect(res.json().message).toBe('记录不存在或不在您的管理范围内');
    expectStatus(await approve(ctx, outsider, id!), 404);
    const stranger = await login(ctx, await buildProfessional(ctx, await buildOrg(ctx, { kind: 'unit', parent: zk })));
    expectStatus(await call(ctx, stranger, 'POST', `/api/me/province-transfers/${t.id}/withdraw`), 404);
    expectStatus(await call(ctx, stranger, 'GET', `/api/me/province-transfers/${t.id}/evidence`), 404);
    expect((await call(ctx, stranger, 'GET', '/api/me/province-transfers')).json().items).toEqual([]);
    expectStatus(await call(ctx, c.cookies.unit, 'POST', `/api/me/province-transfers/${t.id}/withdraw`), 404);
    expectStatus(await call(ctx, null, 'GET', '/api/me/province-transfers'), 401);
  });
});

/** The PDF's text through poppler's pdftotext, or null where poppler is not installed. */
function pdfText(pdf: Buffer): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-transfer-pdf-'));
  try {
    const file = path.join(dir, 'c.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
