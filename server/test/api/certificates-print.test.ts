/**
 * Printing (CONTRACT, R-22, R-23), the public query and the QR verification with the platform's
 * records (R-25), and the admins' single and batch (Excel) queries within their scope.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { maskIdNumber } from '@ce/shared';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login, type TestAccount } from '../factories';
import { PDF, TEST_NOW, YEAR, buildChain, buildDeclaration, call, expectStatus, type Chain } from '../factories-declarations';
import { VALID_REASON } from '../../src/modules/certificates/queries';
import { requireSigningKey, signingKeyVault } from '../../src/modules/certificates/keys';
import { generateSigningKeyPair, signingKeyFromPkcs8 } from '../../src/modules/certificates/jws';
import { VERIFY_REASONS, signCertificateToken, verifyCertificateToken, type PublicJwk } from '../../src/modules/certificates/signing';
import { fileForm, idNumbersXlsx, xlsxRows } from '../access/cases/certificate-records';
import { completion, enableSeal, tokenOfPdf, verificationUrlOf, withCertNo, yearOf, zipOf } from './certificates-fixtures';

const hasTools = (() => {
  try {
    execFileSync('zbarimg', ['--version'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let ctx: TestContext;
let c: Chain;
/** A 郑州 teacher: 2022 failed (short of professional hours), 2023–2025 passed. */
let holder: TestAccount & { certNo: string };
let holderCookie: string;

const pdfOf = async (url: string, cookie = holderCookie) => {
  const res = await call(ctx, cookie, 'GET', url);
  return res;
};
const verify = async (token: string) => (await call(ctx, null, 'POST', '/api/public/certificates/verify', { token })).json();

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  await enableSeal(ctx, c.bureau, new Date('2017-12-01T01:00:00Z'));
  holder = await withCertNo(ctx, c.person);
  holderCookie = c.cookies.person;
  const past = (year: number, professional: number) => [
    buildDeclaration(ctx, holder, { year, subject: 'public', claimedHours: 30, submittedAt: new Date(`${year}-04-10T02:00:00Z`) }),
    buildDeclaration(ctx, holder, { year, subject: 'professional', claimedHours: professional, submittedAt: new Date(`${year}-09-10T02:00:00Z`) }),
  ];
  for (const [year, professional] of [[2022, 44], [2023, 62], [2024, 84], [2025, 64]] as const) await Promise.all(past(year, professional));
});
afterAll(() => ctx.close());

describe('printing (CONTRACT)', () => {
  let yearToken = '';
  let mergedToken = '';

  it('a passed year: an A4 PDF with a Chinese file name and a QR the platform verifies', async () => {
    const res = await pdfOf('/api/me/certificates/2024.pdf');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="certificate_${holder.certNo}_2024.pdf"; filename*=UTF-8''${encodeURIComponent(`河南省专业技术人员继续教育证书_${holder.certNo}_2024.pdf`)}`,
    );
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const url = await verificationUrlOf(res.rawPayload);
    expect(url.startsWith(`${ctx.deps.config.publicUrl}/verify#`)).toBe(true);
    yearToken = await tokenOfPdf(res.rawPayload);
    const answer = await verify(url);
    expect(answer).toEqual({
      valid: true,
      reason: VALID_REASON,
      status: 'valid',
      revokedAt: null,
      certificate: {
        certNo: holder.certNo,
        holderName: holder.name,
        idNumberMasked: maskIdNumber(holder.idNumber),
        years: [{ year: 2024, publicHours: 30, professionalHours: 84 }],
        issuer: { id: c.bureau.id, name: '郑州市人力资源和社会保障局' },
        issuedOn: '2024-09-13',
      },
      signature: { kid: `${c.bureau.id}-1`, alg: 'SM2SM3', algorithm: 'SM2/SM3（国密）' },
    });
    // Reprints keep the 发证时间.
    const again = await tokenOfPdf((await pdfOf('/api/me/certificates/2024.pdf')).rawPayload);
    expect((await verify(again)).certificate.issuedOn).toBe('2024-09-13');
  });

  it('a year that did not pass: 409 naming it; a future year: 400; someone else: 404', async () => {
    const failed = await pdfOf('/api/me/certificates/2022.pdf');
    expect(failed.statusCode).toBe(409);
    expect(failed.json()).toMatchObject({ code: 'CONFLICT', message: '2022年度未达到学时要求，不能打印' });
    const future = await pdfOf(`/api/me/certificates/${YEAR + 1}.pdf`);
    expect(future.statusCode).toBe(400);
    expect((await pdfOf('/api/me/certificates/2024.pdf', c.cookies.unit)).statusCode).toBe(404);
    expect((await call(ctx, null, 'GET', '/api/me/certificates/2024.pdf')).statusCode).toBe(401);
  });

  it('merged print (合并打印): one page for 2023–2025; a range with 2022 is refused naming 2022', async () => {
    const res = await pdfOf('/api/me/certificates.pdf?from=2023&to=2025');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`certificate_${holder.certNo}_2023-2025.pdf`);
    mergedToken = await tokenOfPdf(res.rawPayload);
    const answer = await verify(mergedToken);
    expect(answer).toMatchObject({ valid: true, status: 'valid' });
    expect(answer.certificate.years.map((y: { year: number }) => y.year)).toEqual([2023, 2024, 2025]);
    // 发证时间 of a merged page: the latest issuance of its years.
    expect(answer.certificate.issuedOn).toBe('2025-09-13');

    const refused = await pdfOf('/api/me/certificates.pdf?from=2021&to=2025');
    expect(refused.statusCode).toBe(409);
    // 2021 has no record at all: it did not pass either, and it is the first.
    expect(refused.json().message).toBe('2021年度未达到学时要求，不能合并打印');
    const refused22 = await pdfOf('/api/me/certificates.pdf?from=2022&to=2024');
    expect(refused22.json()).toMatchObject({ code: 'CONFLICT', message: '2022年度未达到学时要求，不能合并打印', details: { year: 2022 } });
    expect((await pdfOf('/api/me/certificates.pdf?from=2025&to=2023')).statusCode).toBe(400);
    expect((await pdfOf('/api/me/certificates.pdf?from=2023')).statusCode).toBe(400);
  });

  // Skipped only on a developer machine without the tools; CI installs them, so there it must run.
  it.skipIf(!hasTools && !process.env.CI)('the QR code of the rendered page (110 dpi) holds the same verification URL', async () => {
    const res = await pdfOf('/api/me/certificates.pdf?from=2023&to=2025');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-print-'));
    const file = path.join(dir, 'merged');
    fs.writeFileSync(`${file}.pdf`, res.rawPayload);
    execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', `${file}.pdf`, file]);
    const scanned = execFileSync('zbarimg', ['--raw', '-q', `${file}.png`], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8').trim();
    expect(scanned).toBe(await verificationUrlOf(res.rawPayload));
    expect((await verify(scanned)).valid).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('verification: one character changed, an unknown key, an unknown certificate number', async () => {
    const i = yearToken.indexOf('.') + 25;
    const tampered = yearToken.slice(0, i) + (yearToken[i] === 'A' ? 'B' : 'A') + yearToken.slice(i + 1);
    expect(await verify(tampered)).toMatchObject({ valid: false, status: 'invalid', certificate: null, revokedAt: null });
    expect((await verify(tampered)).reason).toMatch(/签名|二维码/);

    const facts = (await verify(yearToken)).certificate;
    const forged = await signCertificateToken(
      facts,
      signingKeyFromPkcs8(`${c.bureau.id}-99`, 'SM2SM3', generateSigningKeyPair('SM2SM3').pkcs8),
    );
    expect(await verify(forged)).toEqual({
      valid: false,
      reason: VERIFY_REASONS.unknownKey,
      certificate: null,
      status: 'invalid',
      revokedAt: null,
      signature: null,
    });

    // Signed by the bureau's real key, for a certificate number the platform never issued.
    const key = await requireSigningKey(ctx.deps.db, c.bureau.id, signingKeyVault(ctx.deps.config));
    const unknown = await verify(await signCertificateToken({ ...facts, certNo: '4101029999999' }, key));
    expect(unknown).toMatchObject({ valid: false, status: 'invalid', reason: '平台中没有证书管理号为4101029999999的证书记录' });
    const otherYear = await verify(await signCertificateToken({ ...facts, years: [{ year: 2022, publicHours: 30, professionalHours: 44 }] }, key));
    expect(otherYear).toMatchObject({ valid: false, status: 'invalid', reason: '平台中没有该证书所载2022年度证书的记录' });

    // Offline, against the published keys only, the token is good.
    const jwks = (await call(ctx, null, 'GET', '/api/public/keys')).json() as { keys: PublicJwk[] };
    expect((await verifyCertificateToken(yearToken, jwks.keys)).valid).toBe(true);
  });

  it('hours approved after printing: the copy stays valid, and the answer says what the platform holds now', async () => {
    await buildDeclaration(ctx, holder, { year: 2024, subject: 'professional', claimedHours: 6, submittedAt: new Date('2026-05-01T02:00:00Z') });
    expect((await yearOf(ctx, holderCookie, 2024)).professionalHours).toBe(90);
    const answer = await verify(yearToken);
    expect(answer).toMatchObject({ valid: true, status: 'valid' });
    expect(answer.reason).toContain('2024年度学时在打印后有变动，平台当前记录为公需科目30学时、专业科目90学时');
  });

  it('after the sampling audit revokes a record that breaks 2025, that certificate is revoked and verification says so', async () => {
    const bureauCookie = c.cookies.bureau;
    const sample = await call(ctx, bureauCookie, 'POST', '/api/admin/declaration-samples', { year: 2025, count: 1000 });
    expectStatus(sample, 201);
    const professional = (sample.json().items as { declaration: { id: number; subject: string; person: { personId: number } } }[]).find(
      (i) => i.declaration.person.personId === holder.personId && i.declaration.subject === 'professional',
    )!;
    const revoked = await call(ctx, bureauCookie, 'POST', `/api/admin/declaration-samples/${sample.json().id}/items/${professional.declaration.id}/revoke`, {
      reason: '论文为增刊，不予认定',
    });
    expectStatus(revoked, 200);

    const answer = await verify(mergedToken);
    expect(answer).toMatchObject({ valid: false, status: 'revoked', revokedAt: ctx.clock.now.toISOString() });
    expect(answer.reason).toContain('2025年度证书已于2026-06-15撤销');
    // The public answer names the day, never the reviewers' internal reason (issue 8 item 9).
    expect(answer.reason).toBe('2025年度证书已于2026-06-15撤销，该证书已失效');
    expect(JSON.stringify(answer)).not.toContain('增刊');
    // The other years' own certificates stay valid.
    expect((await verify(yearToken)).valid).toBe(true);

    expect(await yearOf(ctx, holderCookie, 2025)).toMatchObject({ passed: false, certificate: { status: 'revoked', printable: false } });
    expect((await pdfOf('/api/me/certificates/2025.pdf')).json().message).toBe('2025年度未达到学时要求，不能打印');
    const pub = (await call(ctx, null, 'GET', `/api/public/certificates?certNo=${holder.certNo}`)).json();
    expect(pub.years[0]).toMatchObject({ year: 2025, status: 'revoked' });

    // Passing again issues a new certificate (dated no earlier than the revocation); the old copy
    // stays revoked, pointing to the new one.
    await buildDeclaration(ctx, holder, { year: 2025, subject: 'professional', claimedHours: 60, submittedAt: new Date('2026-06-01T02:00:00Z') });
    expect(await yearOf(ctx, holderCookie, 2025)).toMatchObject({ passed: true, certificate: { status: 'valid', printable: true } });
    const old = await verify(mergedToken);
    expect(old).toMatchObject({ valid: false, status: 'revoked' });
    expect(old.reason).toContain('该年度已于2026-06-15重新发证');
    const fresh = await tokenOfPdf((await pdfOf('/api/me/certificates.pdf?from=2023&to=2025')).rawPayload);
    expect(await verify(fresh)).toMatchObject({ valid: true, status: 'valid', certificate: { issuedOn: '2026-06-15' } });
  });
});

describe('issuers (R-22): the bureau of the unit’s city, 省直 → the province; no seal, no certificate', () => {
  it('a 省直 unit’s certificates are issued by the province HRSS', async () => {
    const province = await bureauOf(ctx, '410000');
    await enableSeal(ctx, province, new Date('2017-12-01T01:00:00Z'));
    const unit = await buildOrg(ctx, { kind: 'unit', parent: province });
    const p = await buildProfessional(ctx, unit);
    await buildDeclaration(ctx, p, { year: 2025, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, p, { year: 2025, subject: 'professional', claimedHours: 60 });
    const cookie = await login(ctx, p);
    expect((await yearOf(ctx, cookie, 2025)).certificate).toMatchObject({ status: 'valid', issuerName: '河南省人力资源和社会保障厅' });
    const pdf = await call(ctx, cookie, 'GET', '/api/me/certificates/2025.pdf');
    expectStatus(pdf, 200);
    expect((await verify(await tokenOfPdf(pdf.rawPayload))).certificate.issuer.name).toBe('河南省人力资源和社会保障厅');
  });

  it('a county unit’s certificates are issued by its city (金水区 → 郑州市); 开封 without a seal cannot issue', async () => {
    const jinshui = await bureauOf(ctx, '410105');
    const company = await buildOrg(ctx, { kind: 'unit', parent: jinshui });
    const p = await buildProfessional(ctx, company);
    await buildDeclaration(ctx, p, { year: 2025, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, p, { year: 2025, subject: 'professional', claimedHours: 60 });
    expect((await yearOf(ctx, await login(ctx, p), 2025)).certificate.issuerName).toBe('郑州市人力资源和社会保障局');

    const kf = await buildChain(ctx, { bureauRegion: '410200' });
    await buildDeclaration(ctx, kf.person, { year: 2025, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, kf.person, { year: 2025, subject: 'professional', claimedHours: 60 });
    const y = await yearOf(ctx, kf.cookies.person, 2025);
    expect(y).toMatchObject({ passed: true, certificate: { status: 'none', printable: false, notPrintableReason: '发证机关尚未启用电子签章，暂不能打印' } });
    const refused = await call(ctx, kf.cookies.person, 'GET', '/api/me/certificates/2025.pdf');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('2025年度的发证机关尚未启用电子签章，不能打印');
    const pub = await call(ctx, null, 'GET', `/api/public/certificates?certNo=${(await withCertNo(ctx, kf.person)).certNo}`);
    expect(pub.statusCode).toBe(404);
  });
});

describe('merged print across issuers (a transfer between cities)', () => {
  it('the page is issued and signed by the latest year’s bureau; each year keeps its own issuer', async () => {
    const p = await buildProfessional(ctx, c.unit);
    await buildDeclaration(ctx, p, { year: 2024, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, p, { year: 2024, subject: 'professional', claimedHours: 60 });
    const cookie = await login(ctx, p);
    expect((await yearOf(ctx, cookie, 2024)).certificate.issuerName).toBe('郑州市人力资源和社会保障局');
    // Moved to a 周口 unit (R-10: certificates stay with the person), whose bureau has its seal.
    const zk = await buildChain(ctx, { bureauRegion: '411600' });
    await enableSeal(ctx, zk.bureau, new Date('2017-12-01T01:00:00Z'));
    await ctx.deps.db.update(schema.accounts).set({ orgId: zk.unit.id }).where(eq(schema.accounts.id, p.accountId));
    const moved = { ...p, org: zk.unit };
    await buildDeclaration(ctx, moved, { year: 2025, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, moved, { year: 2025, subject: 'professional', claimedHours: 60 });
    const years = await completion(ctx, cookie);
    expect(years.filter((y) => y.year >= 2024).map((y) => [y.year, y.certificate.issuerName])).toEqual([
      [YEAR, null],
      [2025, '周口市人力资源和社会保障局'],
      [2024, '郑州市人力资源和社会保障局'],
    ]);
    const merged = await call(ctx, cookie, 'GET', '/api/me/certificates.pdf?from=2024&to=2025');
    expectStatus(merged, 200);
    const answer = await verify(await tokenOfPdf(merged.rawPayload));
    expect(answer).toMatchObject({ valid: true, certificate: { issuer: { id: zk.bureau.id, name: '周口市人力资源和社会保障局' } } });
    const single = await call(ctx, cookie, 'GET', '/api/me/certificates/2024.pdf');
    expect((await verify(await tokenOfPdf(single.rawPayload))).certificate.issuer.name).toBe('郑州市人力资源和社会保障局');
  });
});

describe('public query (CONTRACT)', () => {
  it('by certificate number, or ID number with the name: the masked holder and the years', async () => {
    const byNo = await call(ctx, null, 'GET', `/api/public/certificates?certNo=${holder.certNo}`);
    expectStatus(byNo, 200);
    const body = byNo.json();
    expect(body.holder).toEqual({ name: `${[...holder.name][0]}${'*'.repeat([...holder.name].length - 1)}`, certNo: holder.certNo });
    expect(body.years.map((y: { year: number; status: string }) => [y.year, y.status])).toEqual([
      [2025, 'valid'],
      [2024, 'valid'],
      [2023, 'valid'],
    ]);
    expect(body.years[1]).toEqual({ year: 2024, status: 'valid', issuer: '郑州市人力资源和社会保障局', publicHours: 30, professionalHours: 90, transferredFrom: [] });
    const byId = await call(ctx, null, 'GET', `/api/public/certificates?idNumber=${holder.idNumber}&name=${encodeURIComponent(holder.name)}`);
    expect(byId.json()).toEqual(body);
  });

  it('nobody, a wrong name, or no certificate: 404 没有搜索到相关证书', async () => {
    const none = await buildProfessional(ctx, c.unit);
    for (const url of [
      `/api/public/certificates?idNumber=${holder.idNumber}&name=${encodeURIComponent('王五')}`,
      '/api/public/certificates?certNo=4199990000001',
      `/api/public/certificates?certNo=${none.certNo}`,
    ]) {
      const res = await call(ctx, null, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '没有搜索到相关证书' });
    }
    expect((await call(ctx, null, 'GET', '/api/public/certificates')).statusCode).toBe(400);
    expect((await call(ctx, null, 'GET', `/api/public/certificates?idNumber=${holder.idNumber}`)).statusCode).toBe(400);
  });

  it('is rate-limited per client, without writing to the database', async () => {
    const ask = () => ctx.app.inject({ method: 'GET', url: '/api/public/certificates?certNo=4199990000001', remoteAddress: '10.9.8.7' });
    const limitRows = async () => (await ctx.deps.db.select().from(schema.rateLimits)).length;
    const before = await limitRows();
    for (let i = 0; i < 30; i++) expect((await ask()).statusCode).toBe(404);
    const refused = await ask();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
    expect(await limitRows()).toBe(before);
    const other = await ctx.app.inject({ method: 'GET', url: '/api/public/certificates?certNo=4199990000001', remoteAddress: '10.9.8.8' });
    expect(other.statusCode).toBe(404);
  });
});

describe('admins: one person (R-25)', () => {
  it('within the subtree (unit, department, bureau) with the permission; elsewhere 404; without it 403', async () => {
    const url = `/api/admin/certificates?certNo=${holder.certNo}`;
    for (const cookie of [c.cookies.unit, c.cookies.dept, c.cookies.bureau]) {
      const res = await call(ctx, cookie, 'GET', url);
      expectStatus(res, 200);
      expect(res.json().person).toEqual({ name: holder.name, idNumberMasked: maskIdNumber(holder.idNumber), certNo: holder.certNo, unitName: c.unit.name });
      expect(res.json().years.map((y: { year: number }) => y.year)).toEqual([2025, 2024, 2023]);
    }
    const byId = await call(ctx, c.cookies.unit, 'GET', `/api/admin/certificates?idNumber=${holder.idNumber}`);
    expect(byId.json().person.certNo).toBe(holder.certNo);
    // No certificate yet: the person, and no years.
    const fresh = await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptA.id });
    expect((await call(ctx, c.cookies.unit, 'GET', `/api/admin/certificates?certNo=${fresh.certNo}`)).json().years).toEqual([]);

    const sibling = await login(ctx, await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: c.dept })));
    const zk = await login(ctx, await buildAdmin(ctx, await bureauOf(ctx, '411600')));
    const otherFaculty = await login(ctx, await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['certificate.query'], workDepartmentIds: [c.workDeptB.id] }));
    for (const cookie of [sibling, zk, otherFaculty]) {
      const res = await call(ctx, cookie, 'GET', url);
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe('记录不存在或不在您的管理范围内');
    }
    expect((await call(ctx, c.cookies.unit, 'GET', '/api/admin/certificates?certNo=4199990000001')).statusCode).toBe(404);
    const noPermission = await login(ctx, await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['declaration.review'] }));
    expect((await call(ctx, noPermission, 'GET', url)).statusCode).toBe(403);
    const faculty = await login(ctx, await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['certificate.query'], workDepartmentIds: [c.workDeptA.id] }));
    expectStatus(await call(ctx, faculty, 'GET', url), 200);
    expect((await call(ctx, holderCookie, 'GET', url)).statusCode).toBe(404);
  });
});

describe('admins: batch query (Excel)', () => {
  it('template → filled → results: one row per person and year, others say why', async () => {
    const template = await call(ctx, c.cookies.unit, 'GET', '/api/admin/certificates/batch-template.xlsx');
    expectStatus(template, 200);
    expect(template.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await xlsxRows(template.rawPayload)).toEqual([['身份证号']]);

    const outsider = await buildChain(ctx, { bureauRegion: '411600' });
    const none = await buildProfessional(ctx, c.unit);
    const upload = await idNumbersXlsx([holder.idNumber, outsider.person.idNumber, '4101', none.idNumber, '410102199001011234']);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/admin/certificates/batch', headers: { cookie: c.cookies.unit }, payload: fileForm(upload) });
    expectStatus(res, 200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('证书批量查询结果.xlsx'));
    const rows = await xlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(['身份证号', '姓名', '证书管理号', '年度', '状态', '公需学时', '专业学时', '发证单位']);
    expect(rows.slice(1).map((r) => [r[0], r[3], r[4]])).toEqual([
      [holder.idNumber, 2025, '有效'],
      [holder.idNumber, 2024, '有效'],
      [holder.idNumber, 2023, '有效'],
      [outsider.person.idNumber, null, '不在管理范围内'],
      ['4101', null, '身份证号格式不正确'],
      [none.idNumber, null, '无证书'],
      // A valid ID number nobody registered with looks like one outside the scope.
      ['410102199001011234', null, '不在管理范围内'],
    ]);
    expect(rows[2]).toEqual([holder.idNumber, holder.name, holder.certNo, 2024, '有效', 30, 90, '郑州市人力资源和社会保障局']);
  });

  it('a file that is no Excel workbook, too many rows, or no file: 400 in Chinese', async () => {
    const send = (data: Buffer) =>
      ctx.app.inject({ method: 'POST', url: '/api/admin/certificates/batch', headers: { cookie: c.cookies.unit }, payload: fileForm(data, 'ids.xlsx') });
    for (const data of [PDF, zipOf('readme.txt', '这不是Excel'), Buffer.concat([zipOf('x', 'y').subarray(0, 20)]), Buffer.alloc(0)]) {
      const res = await send(data);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe('文件不是有效的Excel文件');
    }
    const many = await idNumbersXlsx(Array.from({ length: 5001 }, () => holder.idNumber));
    const tooMany = await send(many);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toContain('每次最多查询5000行');
    const empty = await send(await idNumbersXlsx([]));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('没有要查询的身份证号');
    const noFile = await ctx.app.inject({ method: 'POST', url: '/api/admin/certificates/batch', headers: { cookie: c.cookies.unit }, payload: new FormData() });
    expect(noFile.statusCode).toBe(400);
    const noPermission = await login(ctx, await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['declaration.review'] }));
    expect((await ctx.app.inject({ method: 'POST', url: '/api/admin/certificates/batch', headers: { cookie: noPermission }, payload: fileForm(await idNumbersXlsx([holder.idNumber])) })).statusCode).toBe(403);
  });
});
