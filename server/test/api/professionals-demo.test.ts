import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificateNumber } from '@ce/shared';
import { DEMO_BUREAU_ADMINS, DEMO_PASSWORD, DEMO_ORGS, DEMO_SCOPED_ADMIN, DEMO_TOTP_SECRET, demoIdNumber, seedDemoDataIfEmpty } from '../../src/demo/seed';
import { passSecondFactor } from '../factories';
import { DEMO_CERT_HOLDER, DEMO_PROFESSIONALS } from '../../src/demo/professionals';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';
import { call } from './professionals-fixtures';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await buildTestApp();
  expect(await seedDemoDataIfEmpty(ctx.deps)).toBe(true);
});
afterAll(() => ctx.close());

/** Signs a demo account in; admins who need the second factor answer it with the demo secret. */
const signIn = async (role: string, account: string) => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role, account, password: DEMO_PASSWORD, captcha: '' } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = sessionCookie(res);
  secondFactors.set(`${role}:${account}`, res.json().secondFactor);
  if (res.json().secondFactor) await passSecondFactor(ctx, cookie, DEMO_TOTP_SECRET);
  return cookie;
};
const secondFactors = new Map<string, string | null>();
const adminOf = (key: string) => demoIdNumber(DEMO_ORGS.find((o) => o.key === key)!.admin);

describe('demo professionals', () => {
  it('张伟 of 郑州市第一中学 holds the demo certificate number', async () => {
    expect(DEMO_CERT_HOLDER).toMatchObject({ name: '张伟', certNo: '4101020000001' });
    expect(parseCertificateNumber(DEMO_CERT_HOLDER.certNo)).toEqual({ regionCode: '410102', serial: 1 });
    const me = await call(ctx, await signIn('professional', DEMO_CERT_HOLDER.idNumber), 'GET', '/api/me/profile');
    expect(me.json()).toMatchObject({ name: '张伟', idNumber: DEMO_CERT_HOLDER.idNumber, certNo: DEMO_CERT_HOLDER.certNo, unit: { name: '郑州市第一中学' }, status: 'active' });
  });

  it('README names the same person and number (CONTRACT: 演示证书管理号)', () => {
    const readme = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`演示证书管理号: ${DEMO_CERT_HOLDER.certNo}`);
    expect(readme).toMatch(new RegExp(`\\| professional[^|]*\\| ${DEMO_CERT_HOLDER.idNumber} \\| ${DEMO_PASSWORD} \\| 张伟`));
    // The demo admins' authenticator secret, for adding to an app by hand.
    expect(readme).toContain(`\`${DEMO_TOTP_SECRET}\``);
  });

  it('demo admins who need the second factor are enrolled with the demo secret; the scoped reviewer and teachers are not asked', async () => {
    const province = demoIdNumber(DEMO_BUREAU_ADMINS.find((b) => b.region === '410000')!.admin);
    await signIn('hrss', province);
    await signIn('unit', adminOf('zz-school'));
    await signIn('department', adminOf('zz-edu'));
    await signIn('unit', demoIdNumber(DEMO_SCOPED_ADMIN.admin));
    await signIn('professional', DEMO_CERT_HOLDER.idNumber);
    expect(Object.fromEntries(secondFactors)).toMatchObject({
      [`hrss:${province}`]: 'verify',
      [`unit:${adminOf('zz-school')}`]: 'verify',
      [`department:${adminOf('zz-edu')}`]: 'verify',
      [`unit:${demoIdNumber(DEMO_SCOPED_ADMIN.admin)}`]: null,
      [`professional:${DEMO_CERT_HOLDER.idNumber}`]: null,
    });
  });

  it('周杰 signs in as the school’s admin and as one of its teachers, with one password', async () => {
    const zhou = adminOf('zz-school');
    const asTeacher = await call(ctx, await signIn('professional', zhou), 'GET', '/api/me/profile');
    expect(asTeacher.json()).toMatchObject({ name: '周杰', unit: { name: '郑州市第一中学' } });
    const admin = await signIn('unit', zhou);
    const summary = (await call(ctx, admin, 'GET', '/api/admin/summary')).json();
    expect(summary).toMatchObject({ pendingProfessionalRegistrations: 1, pendingProfessionalChanges: 1, pendingTransfers: 0 });
    const people = (await call(ctx, admin, 'GET', '/api/admin/professionals?limit=100')).json().items.map((i: { name: string }) => i.name);
    expect(people).toEqual(expect.arrayContaining(['刘芳', '周杰', '张伟', '陈晨']));
  });

  it('the college’s people are spread over its 工作部门; 郑伟 reviews 信息工程系 only', async () => {
    const college = DEMO_PROFESSIONALS.filter((p) => p.org === 'zz-college');
    expect(new Set(college.map((p) => p.workDepartment)).size).toBe(4);
    const wu = await signIn('unit', adminOf('zz-college'));
    expect((await call(ctx, wu, 'GET', '/api/admin/registrations/professionals')).json().items.map((i: { name: string }) => i.name)).toEqual(['许静', '郭丽']);
    expect((await call(ctx, wu, 'GET', '/api/admin/transfers')).json().items.map((t: { person: { name: string } }) => t.person.name)).toEqual(['胡军']);
    const zheng = await signIn('unit', demoIdNumber(DEMO_SCOPED_ADMIN.admin));
    expect((await call(ctx, zheng, 'GET', '/api/admin/registrations/professionals')).json().items.map((i: { name: string }) => i.name)).toEqual(['许静']);
    const scopedList = (await call(ctx, zheng, 'GET', '/api/admin/professionals')).json().items;
    expect(new Set(scopedList.map((i: { workDepartment: { name: string } }) => i.workDepartment.name))).toEqual(new Set(['信息工程系']));
  });

  it('pending ones cannot sign in yet; every certificate number is different', async () => {
    const pending = DEMO_PROFESSIONALS.filter((p) => p.status === 'pending');
    expect(pending.length).toBeGreaterThanOrEqual(4);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { role: 'professional', account: demoIdNumber(pending[0]!), password: DEMO_PASSWORD, captcha: '' },
    });
    expect(res.json().code).toBe('ACCOUNT_PENDING');
    const bureau = await signIn('hrss', demoIdNumber(DEMO_BUREAU_ADMINS.find((b) => b.region === '410000')!.admin));
    const all = (await call(ctx, bureau, 'GET', '/api/admin/professionals?limit=100')).json().items as { certNo: string }[];
    expect(all.length).toBeGreaterThanOrEqual(DEMO_PROFESSIONALS.length);
    expect(new Set(all.map((i) => i.certNo)).size).toBe(all.length);
  });
});
