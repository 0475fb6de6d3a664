/**
 * Share links for a reviewing body and 谁查看了我的证书 (issue 14): the lifecycle (create, view,
 * expire, revoke), the share's scope (nothing else of the person), every public channel logged
 * with a masked address, shown only to the holder, and the 180-day purge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { maskIdNumber, type CertificateViewList, type CreatedShare, type SharedView } from '@ce/shared';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildProfessional, login, type TestAccount } from '../factories';
import { TEST_NOW, buildChain, buildDeclaration, call, expectStatus, type Chain } from '../factories-declarations';
import { purgeOldViews } from '../../src/modules/sharing/views';
import { enableSeal, tokenOfPdf, withCertNo } from './certificates-fixtures';

let ctx: TestContext;
let c: Chain;
let holder: TestAccount & { certNo: string };
const WECHAT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40';

const publicCall = (method: 'GET' | 'POST', url: string, payload?: object, ip = '123.45.67.89') =>
  ctx.app.inject({ method, url, remoteAddress: ip, headers: { 'user-agent': WECHAT }, ...(payload ? { payload } : {}) });
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const views = async (query = ''): Promise<CertificateViewList> => {
  const res = await call(ctx, c.cookies.person, 'GET', `/api/me/certificate-views${query}`);
  expectStatus(res, 200);
  return res.json() as CertificateViewList;
};
const share = async (body: object, cookie = c.cookies.person) => call(ctx, cookie, 'POST', '/api/me/shares', body);

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  await enableSeal(ctx, c.bureau, new Date('2017-12-01T01:00:00Z'));
  holder = await withCertNo(ctx, c.person);
  for (const [year, professional] of [[2022, 44], [2023, 62], [2024, 84]] as const) {
    await buildDeclaration(ctx, holder, { year, subject: 'public', claimedHours: 30, submittedAt: new Date(`${year}-04-10T02:00:00Z`) });
    await buildDeclaration(ctx, holder, { year, subject: 'professional', claimedHours: professional, submittedAt: new Date(`${year}-09-10T02:00:00Z`) });
  }
  // A record under review and a rejected one of a shared year: not for the committee's eyes.
  await buildDeclaration(ctx, holder, { year: 2024, subject: 'professional', claimedHours: 12, title: '尚在审核的培训', outcome: 'pending' });
  await buildDeclaration(ctx, holder, { year: 2024, subject: 'professional', claimedHours: 8, title: '被退回的培训', outcome: 'rejected' });
});
afterAll(() => ctx.close());

describe('share links (职称评审 / 岗位聘用)', () => {
  let created: CreatedShare;

  it('creation validates recipient, years (none in the future) and 1–90 days', async () => {
    for (const [body, message] of [
      [{ recipient: '', years: [2024], validDays: 30, showFullId: false }, '请填写接收单位名称（至少2个字）'],
      [{ recipient: '评审委员会', years: [], validDays: 30, showFullId: false }, '请至少选择一个年度'],
      [{ recipient: '评审委员会', years: [2024], validDays: 91, showFullId: false }, '有效期最长90天'],
      [{ recipient: '评审委员会', years: [2024], validDays: 0, showFullId: false }, '有效期至少1天'],
      [{ recipient: '评审委员会', years: [2027], validDays: 30, showFullId: false }, '尚未到2027年度，不能共享'],
    ] as const) {
      const res = await share(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(message);
    }
    expect((await call(ctx, null, 'POST', '/api/me/shares', { recipient: '评审委员会', years: [2024], validDays: 30, showFullId: false })).statusCode).toBe(401);
  });

  it('the holder creates one; the link opens without an account, read-only, the chosen years only', async () => {
    const res = await share({ recipient: '河南省中小学教师高级职称评审委员会', years: [2023, 2024], validDays: 30, showFullId: false });
    expectStatus(res, 201);
    created = res.json() as CreatedShare;
    expect(created).toMatchObject({ state: 'active', stateLabel: '有效', years: [2023, 2024], views: 0, showFullId: false });
    expect(created.url).toMatch(new RegExp(`^${ctx.deps.config.publicUrl}/share/[A-Za-z0-9_-]{32}$`));
    expect(created.expiresAt).toBe(new Date(TEST_NOW.getTime() + 30 * 86_400_000).toISOString());
    // Only a hash of the token is stored.
    const [row] = await ctx.deps.db.select().from(schema.certificateShares).where(eq(schema.certificateShares.id, created.id));
    expect(row!.tokenHash).not.toContain(tokenOf(created.url));

    const opened = await publicCall('GET', `/api/public/shares/${tokenOf(created.url)}`);
    expectStatus(opened, 200);
    expect(opened.headers['cache-control']).toBe('no-store');
    const page = opened.json() as SharedView;
    expect(page).toMatchObject({
      state: 'active',
      recipient: '河南省中小学教师高级职称评审委员会',
      holder: { name: holder.name, idNumber: maskIdNumber(holder.idNumber), idNumberMasked: true, certNo: holder.certNo },
    });
    expect(page.years.map((y) => y.year)).toEqual([2024, 2023]);
    const y2024 = page.years[0]!;
    expect(y2024).toMatchObject({
      publicHours: 30,
      professionalHours: 84,
      resultLabel: '通过',
      certificate: { status: 'valid', statusLabel: '有效', issuerName: '郑州市人力资源和社会保障局', issuedOn: '2024-09-13' },
    });
    expect(y2024.byForm).toEqual([{ formLabel: '培训、研修活动', hours: 114 }]);
    expect(y2024.records).toHaveLength(2);
    expect(y2024.records[0]).toMatchObject({ source: '本人申报，经审核备案', subject: 'public', hours: 30 });
    expect(y2024.records[0]!.trail.map((t) => t.label)).toEqual(['提交申报', '审核通过', '审核通过', '审核通过']);
    // The review trail names the organisations that reviewed each record, with dates.
    expect(y2024.records[0]!.trail.map((t) => t.orgName)).toEqual([c.unit.name, c.unit.name, c.dept.name, '郑州市人力资源和社会保障局']);
    // Nothing else of the person: no other year, no record under review or rejected, no full ID, no ids.
    const text = JSON.stringify(page);
    for (const hidden of ['2022', '尚在审核的培训', '被退回的培训', holder.idNumber, `"personId"`, `"id"`]) {
      expect(text).not.toContain(hidden);
    }
  });

  it('the full ID number only when the holder chose so', async () => {
    const res = await share({ recipient: '郑州大学岗位聘用工作小组', years: [2024], validDays: 1, showFullId: true });
    expectStatus(res, 201);
    const page = (await publicCall('GET', `/api/public/shares/${tokenOf(res.json().url)}`)).json() as SharedView;
    expect(page.holder).toMatchObject({ idNumber: holder.idNumber, idNumberMasked: false });
  });

  it('a link expires after its days and says so; a wrong link is 404', async () => {
    const res = await share({ recipient: '某评审委员会', years: [2024], validDays: 2, showFullId: false });
    const token = tokenOf(res.json().url);
    ctx.clock.now = new Date(TEST_NOW.getTime() + 2 * 86_400_000);
    try {
      const page = (await publicCall('GET', `/api/public/shares/${token}`)).json() as SharedView;
      expect(page).toMatchObject({ state: 'expired', holder: null, years: [] });
      expect(page.message).toContain('该共享链接已过期');
      // (Two days on, the holder signs in again.)
      const mine = (await call(ctx, await login(ctx, holder), 'GET', '/api/me/shares')).json().items as { id: number; state: string }[];
      expect(mine.find((s) => s.id === res.json().id)!.state).toBe('expired');
    } finally {
      ctx.clock.now = new Date(TEST_NOW);
      c.cookies.person = await login(ctx, holder);
    }
    expect((await publicCall('GET', `/api/public/shares/${'x'.repeat(32)}`)).statusCode).toBe(404);
    expect((await publicCall('GET', '/api/public/shares/short')).statusCode).toBe(400);
  });

  it('the holder revokes it: the link says so at once; a second revocation is already handled; others cannot', async () => {
    const other = await buildProfessional(ctx, c.unit);
    const otherCookie = await login(ctx, other);
    expect((await call(ctx, otherCookie, 'POST', `/api/me/shares/${created.id}/revoke`, { version: 0 })).statusCode).toBe(404);
    expect((await call(ctx, c.cookies.unit, 'POST', `/api/me/shares/${created.id}/revoke`, { version: 0 })).statusCode).toBe(404);

    const revoked = await call(ctx, c.cookies.person, 'POST', `/api/me/shares/${created.id}/revoke`, { version: 0 });
    expectStatus(revoked, 200);
    expect(revoked.json()).toMatchObject({ state: 'revoked', stateLabel: '已撤销' });
    expect((await call(ctx, c.cookies.person, 'POST', `/api/me/shares/${created.id}/revoke`, { version: 0 })).statusCode).toBe(409);
    const page = (await publicCall('GET', `/api/public/shares/${tokenOf(created.url)}`)).json() as SharedView;
    expect(page).toMatchObject({ state: 'revoked', holder: null, years: [] });
    expect(page.message).toContain('已被持证人撤销');

    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.objectType, 'certificateShare'));
    expect(audit.map((a) => a.action)).toContain('certificate.share.revoke');
  });
});

describe('谁查看了我的证书', () => {
  it('every public channel is logged with a masked address; the holder sees them and counts per year', async () => {
    const before = (await views()).total;
    // QR verification of a printed 2024 certificate.
    const pdf = await call(ctx, c.cookies.person, 'GET', '/api/me/certificates/2024.pdf');
    const token = await tokenOfPdf(pdf.rawPayload);
    expect((await publicCall('POST', '/api/public/certificates/verify', { token }, '10.20.30.40')).json().valid).toBe(true);
    // The credential.
    const jwt = (await call(ctx, c.cookies.person, 'GET', '/api/me/certificates/2023/credential')).body;
    expect((await publicCall('POST', '/api/public/certificates/verify', { token: jwt }, '2408:8207:1850:3a0::1f')).json().valid).toBe(true);
    // The public query by number.
    expectStatus(await publicCall('GET', `/api/public/certificates?certNo=${holder.certNo}`), 200);
    // A tampered token names nobody: not logged.
    const [h, p, sig] = token.split('.');
    const at = Math.floor(p!.length / 2);
    const tampered = [h, p!.slice(0, at) + (p![at] === 'A' ? 'B' : 'A') + p!.slice(at + 1), sig].join('.');
    expect((await publicCall('POST', '/api/public/certificates/verify', { token: tampered })).json().valid).toBe(false);

    const list = await views();
    expect(list.total).toBe(before + 3);
    const [query, credential, qr] = list.items;
    expect(qr).toMatchObject({ channel: 'qr', channelLabel: '扫描证书二维码验证', years: [2024], outcome: 'valid', ipMasked: '10.20.*.*', uaFamily: '微信（手机）', recipient: null });
    expect(credential).toMatchObject({ channel: 'credential', years: [2023], ipMasked: '2408:8207:1850:*' });
    expect(query).toMatchObject({ channel: 'query', years: [2023, 2024], outcome: 'shown', ipMasked: '123.45.*.*' });
    expect(list.retentionDays).toBe(180);
    // The share views of the lifecycle above, with their recipient.
    const shareViews = list.items.filter((v) => v.channel === 'share');
    expect(shareViews.map((v) => v.recipient)).toContain('河南省中小学教师高级职称评审委员会');
    const count = (year: number) => list.perYear.find((p) => p.year === year)?.count ?? 0;
    expect(count(2024)).toBeGreaterThan(count(2023));
    // 2022 did not pass: no certificate, never shown.
    expect(count(2022)).toBe(0);
    // No full address is stored anywhere.
    const rows = await ctx.deps.db.select().from(schema.certificateViews);
    expect(JSON.stringify(rows)).not.toMatch(/123\.45\.67\.89|10\.20\.30\.40/);
    // A share's own views.
    const shares = (await call(ctx, c.cookies.person, 'GET', '/api/me/shares')).json().items as { id: number; views: number; recipient: string }[];
    const committee = shares.find((s) => s.recipient === '河南省中小学教师高级职称评审委员会')!;
    expect(committee.views).toBe(1);
    expect((await views(`?shareId=${committee.id}`)).items).toHaveLength(1);
  });

  it('only the holder sees their log: another professional sees their own (empty), an admin and nobody cannot', async () => {
    const other = await buildProfessional(ctx, c.unit);
    const res = await call(ctx, await login(ctx, other), 'GET', '/api/me/certificate-views');
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ items: [], total: 0, perYear: [] });
    expect((await call(ctx, c.cookies.unit, 'GET', '/api/me/certificate-views')).statusCode).toBe(404);
    expect((await call(ctx, null, 'GET', '/api/me/certificate-views')).statusCode).toBe(401);
  });

  it('rows older than 180 days are purged', async () => {
    const total = (await views()).total;
    await ctx.deps.db.insert(schema.certificateViews).values([
      { personId: holder.personId, at: new Date(TEST_NOW.getTime() - 181 * 86_400_000), channel: 'query', years: [2022], outcome: 'shown', ipMasked: '1.2.*.*', uaFamily: 'Chrome（电脑）' },
      { personId: holder.personId, at: new Date(TEST_NOW.getTime() - 179 * 86_400_000), channel: 'query', years: [2022], outcome: 'shown', ipMasked: '1.2.*.*', uaFamily: 'Chrome（电脑）' },
    ]);
    expect((await views()).total).toBe(total + 2);
    expect(await purgeOldViews(ctx.deps.db, TEST_NOW)).toBe(1);
    expect((await views()).total).toBe(total + 1);
  });
});
