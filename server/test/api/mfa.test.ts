/**
 * Administrators' second factor (issue 9 item 7): who needs it, the pending session, TOTP codes
 * (wrong, replayed, parallel guesses against the lockout), enrolment, recovery codes, the reset by
 * the admin above, a role switch, and the province's switch.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { schema } from '../../src/db';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';
import {
  buildAdmin,
  buildOrg,
  uniqueIdNumber,
  buildProfessional,
  bureauOf,
  login,
  passSecondFactor,
  TEST_TOTP_SECRET,
  totpCodeAt,
  type TestAccount,
} from '../factories';

let ctx: TestContext;
let dept: OrgRow;
let unit: OrgRow;
let deptAdmin: TestAccount;
let unitSuper: TestAccount;

beforeAll(async () => {
  ctx = await buildTestApp();
  dept = await buildOrg(ctx, { kind: 'department', parent: await bureauOf(ctx, '410100') });
  unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
  deptAdmin = await buildAdmin(ctx, dept);
  unitSuper = await buildAdmin(ctx, unit);
});
afterAll(() => ctx.close());

const signIn = (a: TestAccount, role: string = a.role) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role, account: a.idNumber, password: a.password, captcha: '' } });
const get = (cookie: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (cookie: string, url: string, payload: Record<string, unknown> = {}) =>
  ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const codeAt = (offsetSteps = 0) => totpCodeAt(TEST_TOTP_SECRET, new Date(ctx.clock.now.getTime() + offsetSteps * 30_000));
const wrongCode = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');
const mfaRow = async (personId: number) => (await ctx.deps.db.select().from(schema.personMfa).where(eq(schema.personMfa.personId, personId)))[0];
const audits = (action: string, accountId: number) =>
  ctx.deps.db
    .select()
    .from(schema.auditLog)
    .where(sql`${schema.auditLog.action} = ${action} and ${schema.auditLog.objectId} = ${String(accountId)}`)
    .orderBy(schema.auditLog.id);
/** A pending session whose person has not used a code in this clock step yet. */
async function pendingSession(a: TestAccount) {
  await ctx.deps.db.update(schema.personMfa).set({ lastUsedStep: null }).where(eq(schema.personMfa.personId, a.personId));
  const res = await signIn(a);
  expect(res.statusCode, res.body).toBe(200);
  return { res, cookie: sessionCookie(res) };
}

describe('who needs the second factor', () => {
  it('HRSS and department admins and units’ super admins; not ordinary unit admins nor professionals', async () => {
    const bureauAdmin = await buildAdmin(ctx, await bureauOf(ctx, '410100'));
    const clerk = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['person.review'] });
    const prof = await buildProfessional(ctx, unit);
    for (const [a, expected] of [[bureauAdmin, 'verify'], [deptAdmin, 'verify'], [unitSuper, 'verify'], [clerk, null], [prof, null]] as const) {
      const res = await signIn(a);
      expect({ role: a.role, secondFactor: res.json().secondFactor }).toEqual({ role: a.role, secondFactor: expected });
    }
  });
});

describe('a pending session', () => {
  it('reaches only the MFA endpoints and logout, with a Chinese 401, until the code passes', async () => {
    const { res, cookie } = await pendingSession(unitSuper);
    expect(res.json()).toMatchObject({ accountId: unitSuper.accountId, secondFactor: 'verify' });
    for (const url of ['/api/auth/me', `/api/admin/organisations/${unit.id}/admins`, '/api/admin/home/queues', '/api/admin/security-settings']) {
      const r = await get(cookie, url);
      expect({ url, status: r.statusCode }).toEqual({ url, status: 401 });
      expect(r.json()).toMatchObject({ code: 'MFA_REQUIRED', message: '请先完成动态口令验证（双因素认证）后再使用管理功能' });
    }
    const status = await get(cookie, '/api/auth/mfa');
    expect(status.json()).toMatchObject({ required: true, enrolled: true, pending: true, recoveryCodesLeft: 0 });

    const ok = await post(cookie, '/api/auth/mfa/verify', { code: codeAt() });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'unit', mustChangePassword: false });
    expect((await get(cookie, `/api/admin/organisations/${unit.id}/admins`)).statusCode).toBe(200);
    expect((await get(cookie, '/api/auth/me')).json()).toMatchObject({ accountId: unitSuper.accountId });
    // Passed once: verifying again is refused, and the audit log has the Chinese trail.
    expect((await post(cookie, '/api/auth/mfa/verify', { code: codeAt(1) })).statusCode).toBe(409);
    const rows = await audits('auth.mfa.verify', unitSuper.accountId);
    expect(rows.some((r) => r.result === 'success')).toBe(true);
  });

  it('logging out of a pending session works', async () => {
    const { cookie } = await pendingSession(unitSuper);
    expect((await post(cookie, '/api/auth/logout')).statusCode).toBe(200);
    expect((await get(cookie, '/api/auth/mfa')).statusCode).toBe(401);
  });
});

describe('codes', () => {
  it('a wrong code is refused with the attempts left; the same right code is accepted only once', async () => {
    const admin = await buildAdmin(ctx, unit);
    const first = await pendingSession(admin);
    const wrong = await post(first.cookie, '/api/auth/mfa/verify', { code: wrongCode(codeAt()) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'MFA_CODE_INVALID', details: { remainingAttempts: 4 } });
    expect(wrong.json().message).toContain('动态验证码错误');
    expect((await post(first.cookie, '/api/auth/mfa/verify', { code: codeAt() })).statusCode).toBe(200);

    // A second sign-in within the same 30 seconds: the code just used is refused (replay) …
    const second = sessionCookie(await signIn(admin));
    const replay = await post(second, '/api/auth/mfa/verify', { code: codeAt() });
    expect(replay.json()).toMatchObject({ code: 'MFA_CODE_INVALID' });
    // … and so is the previous step's code (older than the one used); the next step's passes.
    expect((await post(second, '/api/auth/mfa/verify', { code: codeAt(-1) })).statusCode).toBe(401);
    expect((await post(second, '/api/auth/mfa/verify', { code: codeAt(1) })).statusCode).toBe(200);
    const reasons = (await audits('auth.mfa.verify', admin.accountId)).filter((r) => r.result === 'failure').map((r) => r.detail?.reason);
    expect(reasons).toEqual(['WRONG_CODE', 'REPLAYED_CODE', 'REPLAYED_CODE']);
    // The step is stored, not the code.
    expect((await mfaRow(admin.personId))!.lastUsedStep).toBe(Math.floor(ctx.clock.now.getTime() / 30_000) + 1);
  });

  it('30 wrong codes at once: at most five are compared, then the person is locked and the pending session ends', async () => {
    const admin = await buildAdmin(ctx, unit);
    const { cookie } = await pendingSession(admin);
    const bad = wrongCode(codeAt());
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(cookie, '/api/auth/mfa/verify', { code: bad })));
    const codes = answers.map((a) => a.json().code as string);
    expect(codes.filter((c) => c === 'MFA_CODE_INVALID').length).toBeLessThanOrEqual(4);
    expect(codes.every((c) => ['MFA_CODE_INVALID', 'ACCOUNT_LOCKED', 'UNAUTHENTICATED'].includes(c))).toBe(true);
    expect(codes).toContain('ACCOUNT_LOCKED');
    const compared = (await audits('auth.mfa.verify', admin.accountId)).filter((r) => r.detail?.reason === 'WRONG_CODE');
    expect(compared.length).toBeLessThanOrEqual(5);
    // The session is gone and the right password does not open a new one for 30 minutes.
    expect((await post(cookie, '/api/auth/mfa/verify', { code: codeAt() })).statusCode).toBe(401);
    expect((await signIn(admin)).json().code).toBe('ACCOUNT_LOCKED');
    ctx.clock.advanceMinutes(31);
    try {
      const again = await pendingSession(admin);
      expect((await post(again.cookie, '/api/auth/mfa/verify', { code: codeAt() })).statusCode).toBe(200);
    } finally {
      ctx.clock.advanceMinutes(-31);
    }
  });

  it('signing in again with the password does not give back the wrong codes’ attempts', async () => {
    const admin = await buildAdmin(ctx, unit);
    for (let i = 0; i < 2; i++) {
      const { cookie } = await pendingSession(admin);
      await post(cookie, '/api/auth/mfa/verify', { code: wrongCode(codeAt()) });
      await post(cookie, '/api/auth/mfa/verify', { code: wrongCode(codeAt()) });
    }
    const { cookie } = await pendingSession(admin);
    const fifth = await post(cookie, '/api/auth/mfa/verify', { code: wrongCode(codeAt()) });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().message).toMatch(/^验证码连续输错次数过多，账号已锁定，请于\d\d:\d\d后再试$/);
  });
});

describe('enrolment', () => {
  it('binds an authenticator by QR code, shows ten recovery codes once, stores neither in clear', async () => {
    const admin = await buildAdmin(ctx, dept, { mfa: false });
    const res = await signIn(admin);
    expect(res.json().secondFactor).toBe('enrol');
    const cookie = sessionCookie(res);
    expect((await get(cookie, '/api/admin/home/queues')).json().code).toBe('MFA_REQUIRED');
    expect((await post(cookie, '/api/auth/mfa/verify', { code: codeAt() })).statusCode).toBe(409);

    const start = await post(cookie, '/api/auth/mfa/enrolment');
    expect(start.statusCode, start.body).toBe(200);
    const { secret, otpauthUri, qrDataUrl } = start.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const row = (await mfaRow(admin.personId))!;
    expect(row.confirmedAt).toBeNull();
    expect(row.secretSealed).not.toContain(secret);

    const wrong = await post(cookie, '/api/auth/mfa/enrolment/confirm', { code: wrongCode(totpCodeAt(secret, ctx.clock.now)) });
    expect(wrong.json().code).toBe('MFA_CODE_INVALID');
    const done = await post(cookie, '/api/auth/mfa/enrolment/confirm', { code: totpCodeAt(secret, ctx.clock.now) });
    expect(done.statusCode, done.body).toBe(200);
    const { recoveryCodes } = done.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await get(cookie, '/api/admin/home/queues')).statusCode).toBe(200);
    expect((await get(cookie, '/api/auth/mfa')).json()).toMatchObject({ enrolled: true, pending: false, recoveryCodesLeft: 10 });

    // Stored: hashes only; nothing of the secret or the codes in any audit row.
    const stored = await ctx.deps.db.select().from(schema.mfaRecoveryCodes).where(eq(schema.mfaRecoveryCodes.personId, admin.personId));
    expect(stored.map((s) => s.codeHash)).not.toContain(recoveryCodes[0]);
    const allAudit = JSON.stringify(await ctx.deps.db.select().from(schema.auditLog));
    expect(allAudit).not.toContain(secret);
    expect(allAudit).not.toContain(recoveryCodes[0]);
    expect((await audits('auth.mfa.enrol', admin.accountId)).map((r) => r.result)).toEqual(['failure', 'success']);

    // Enrolled: a new enrolment is refused; the next sign-in asks for the code.
    const next = await signIn(admin);
    expect(next.json().secondFactor).toBe('verify');
    expect((await post(sessionCookie(next), '/api/auth/mfa/enrolment')).statusCode).toBe(409);
  });
});

describe('recovery codes', () => {
  it('each works once; regenerating them (with a current code) voids the old ones', async () => {
    const admin = await buildAdmin(ctx, dept, { mfa: false });
    const codes = await passSecondFactor(ctx, sessionCookie(await signIn(admin)), null);
    const first = sessionCookie(await signIn(admin));
    const used = await post(first, '/api/auth/mfa/recovery', { code: codes[0]!.toUpperCase().replace('-', ' ') });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toMatchObject({ recoveryCodesLeft: 9 });
    expect((await get(first, '/api/admin/home/queues')).statusCode).toBe(200);

    const second = sessionCookie(await signIn(admin));
    const again = await post(second, '/api/auth/mfa/recovery', { code: codes[0]! });
    expect(again.json()).toMatchObject({ code: 'MFA_CODE_INVALID' });
    expect(again.json().message).toContain('恢复码错误或已使用');

    const mfa = await mfaRow(admin.personId);
    expect(mfa?.confirmedAt).not.toBeNull();
    // 账号安全: new codes need a code of the authenticator — the enrolment's secret is not known to the
    // test, so read it back through the sealed row's box.
    const { mfaSecretBox } = await import('../../src/modules/auth/mfa-secrets');
    const secret = mfaSecretBox(ctx.deps.config).open(mfa!.secretSealed, admin.personId);
    expect((await post(first, '/api/auth/mfa/recovery-codes', { code: '000000' === totpCodeAt(secret, ctx.clock.now) ? '111111' : '000000' })).statusCode).toBe(401);
    const fresh = await post(first, '/api/auth/mfa/recovery-codes', { code: totpCodeAt(secret, new Date(ctx.clock.now.getTime() + 30_000)) });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json().recoveryCodes).toHaveLength(10);
    expect((await post(second, '/api/auth/mfa/recovery', { code: codes[1]! })).json().code).toBe('MFA_CODE_INVALID');
    expect((await post(second, '/api/auth/mfa/recovery', { code: fresh.json().recoveryCodes[0] })).statusCode).toBe(200);
    expect((await audits('auth.mfa.recoveryCodes', admin.accountId)).map((r) => r.result)).toEqual(['failure', 'success']);
  });
});

describe('重置动态口令 by the admin above', () => {
  it('the department resets its unit’s super admin, the super admin their ordinary admin; audited in Chinese', async () => {
    const boss = await buildAdmin(ctx, unit);
    const clerk = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['person.review'] });
    const bossCookie = await login(ctx, boss);
    const deptCookie = await login(ctx, deptAdmin);

    const listed = (await get(bossCookie, `/api/admin/organisations/${unit.id}/admins`)).json().items as { accountId: number; mfaEnrolled: boolean }[];
    expect(listed.find((a) => a.accountId === boss.accountId)?.mfaEnrolled).toBe(true);

    const reset = await post(deptCookie, `/api/admin/accounts/${boss.accountId}/mfa-reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().message).toBe(`已重置 ${boss.name} 的动态口令，其下次登录时须重新绑定`);
    expect(await mfaRow(boss.personId)).toBeUndefined();
    expect((await get(bossCookie, '/api/admin/home/queues')).statusCode).toBe(401); // signed out at once
    expect((await signIn(boss)).json().secondFactor).toBe('enrol');
    expect((await post(deptCookie, `/api/admin/accounts/${boss.accountId}/mfa-reset`)).statusCode).toBe(409);

    const newBossCookie = await login(ctx, boss); // enrols anew (factories' login)
    expect((await post(newBossCookie, `/api/admin/accounts/${clerk.accountId}/mfa-reset`)).statusCode).toBe(200);

    const province = await login(ctx, await buildAdmin(ctx, await bureauOf(ctx, '410000')));
    const audit = (await get(province, `/api/admin/audit?action=account.resetMfa&limit=50`)).json();
    const rows = (audit.items as { actionLabel: string; summary: string; objectLabel?: string }[]).filter((r) => r.actionLabel === '重置动态口令');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.map((r) => r.summary)).toContain(`机构：${unit.name}；姓名/名称：${boss.name}`);
  });

  it('the organisation right above lists the admins it may reset; the level above that and a clerk without 账号重置 may not', async () => {
    const boss = await buildAdmin(ctx, unit);
    const deptClerk = await buildAdmin(ctx, dept, { superAdmin: false, permissions: ['person.review'] });
    const deptResetter = await buildAdmin(ctx, dept, { superAdmin: false, permissions: ['account.reset'] });
    const cityAdmin = await buildAdmin(ctx, await bureauOf(ctx, '410100'));
    const list = async (who: TestAccount) => get(await login(ctx, who), `/api/admin/organisations/${unit.id}/admins`);
    for (const who of [deptAdmin, deptResetter]) {
      const res = await list(who);
      expect(res.statusCode, res.body).toBe(200);
      const row = (res.json().items as { accountId: number; isSuperAdmin: boolean; mfaEnrolled: boolean }[]).find((a) => a.accountId === boss.accountId);
      expect(row).toMatchObject({ isSuperAdmin: true, mfaEnrolled: true });
    }
    expect((await list(deptClerk)).statusCode).toBe(403);
    expect((await list(cityAdmin)).statusCode).toBe(403);
    // Reading is all it gains: creating an admin there stays the unit's own super admin's call.
    const create = await post(await login(ctx, deptAdmin), `/api/admin/organisations/${unit.id}/admins`, { idNumber: uniqueIdNumber(), name: '越级', phone: '13800002222', email: 'y@test.cn' });
    expect(create.statusCode).toBe(403);
    expect((await post(await login(ctx, deptResetter), `/api/admin/accounts/${boss.accountId}/mfa-reset`)).statusCode).toBe(200);
  });

  it('only the admin right above: not oneself, not a fellow ordinary admin, not the level above that for an ordinary admin; another subtree gets 404', async () => {
    const boss = await buildAdmin(ctx, unit);
    const clerk = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['account.reset', 'person.review'] });
    const clerk2 = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['person.review'] });
    const otherUnitAdmin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: dept }));
    const zkDeptAdmin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'department', parent: await bureauOf(ctx, '411600') }));
    const prof = await buildProfessional(ctx, unit);
    const reset = async (who: TestAccount, target: TestAccount) =>
      (await post(await login(ctx, who), `/api/admin/accounts/${target.accountId}/mfa-reset`)).statusCode;
    expect(await reset(boss, boss)).toBe(403);
    expect(await reset(clerk, clerk2)).toBe(403);
    expect(await reset(clerk, boss)).toBe(403);
    expect(await reset(deptAdmin, clerk2)).toBe(403);
    expect(await reset(otherUnitAdmin, boss)).toBe(404);
    expect(await reset(zkDeptAdmin, boss)).toBe(404);
    expect(await reset(boss, prof)).toBe(404);
    expect(await mfaRow(boss.personId)).toBeDefined();
    expect(await mfaRow(clerk2.personId)).toBeDefined();
  });
});

describe('one person, two roles', () => {
  it('switching from the professional role to the admin role asks for the code', async () => {
    const boss = await buildAdmin(ctx, unit);
    await buildProfessional(ctx, unit, { idNumber: boss.idNumber });
    const prof = await signIn(boss, 'professional');
    expect(prof.json().secondFactor).toBeNull();
    const switched = await post(sessionCookie(prof), '/api/auth/switch-role', { role: 'unit' });
    expect(switched.json()).toMatchObject({ role: 'unit', secondFactor: 'verify' });
    const cookie = sessionCookie(switched);
    expect((await get(cookie, '/api/admin/home/queues')).json().code).toBe('MFA_REQUIRED');
    await ctx.deps.db.update(schema.personMfa).set({ lastUsedStep: null }).where(eq(schema.personMfa.personId, boss.personId));
    expect((await post(cookie, '/api/auth/mfa/verify', { code: codeAt() })).statusCode).toBe(200);
    // Back and forth inside a verified session: no new code.
    const back = await post(cookie, '/api/auth/switch-role', { role: 'professional' });
    const again = await post(sessionCookie(back), '/api/auth/switch-role', { role: 'unit' });
    expect(again.json().secondFactor).toBeNull();
    expect((await get(sessionCookie(again), '/api/admin/home/queues')).statusCode).toBe(200);
  });
});

describe('所有管理员启用双因素认证 (province)', () => {
  it('only the province’s super admin switches it; then ordinary admins need the second factor too', async () => {
    const province = await bureauOf(ctx, '410000');
    const provinceSuper = await login(ctx, await buildAdmin(ctx, province));
    const provinceClerk = await login(ctx, await buildAdmin(ctx, province, { superAdmin: false, permissions: ['declaration.settings'] }));
    const cityBureau = await login(ctx, await buildAdmin(ctx, await bureauOf(ctx, '410100')));
    expect((await get(cityBureau, '/api/admin/security-settings')).json()).toMatchObject({ mfaAllAdmins: false, canEdit: false });
    expect((await get(provinceSuper, '/api/admin/security-settings')).json()).toMatchObject({ canEdit: true });
    const put = (cookie: string, on: boolean) =>
      ctx.app.inject({ method: 'PUT', url: '/api/admin/security-settings', headers: { cookie }, payload: { mfaAllAdmins: on } });
    expect((await put(provinceClerk, true)).statusCode).toBe(403);
    expect((await put(cityBureau, true)).statusCode).toBe(404);

    const clerk = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['person.review'], mfa: false });
    expect((await signIn(clerk)).json().secondFactor).toBeNull();
    const on = await put(provinceSuper, true);
    expect(on.json()).toMatchObject({ mfaAllAdmins: true, canEdit: true });
    expect(on.json().updatedByName).not.toBeNull();
    try {
      expect((await signIn(clerk)).json().secondFactor).toBe('enrol');
      const prof = await buildProfessional(ctx, unit);
      expect((await signIn(prof)).json().secondFactor).toBeNull();
    } finally {
      expect((await put(provinceSuper, false)).json().mfaAllAdmins).toBe(false);
    }
    const rows = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'security.mfaAllAdmins')).orderBy(schema.auditLog.id);
    expect(rows.map((r) => r.detail)).toEqual([{ before: false, mfaAllAdmins: true }, { before: true, mfaAllAdmins: false }]);
  });
});

it('a sealed secret does not open for another person', async () => {
  const { mfaSecretBoxFrom } = await import('../../src/modules/auth/mfa-secrets');
  const box = mfaSecretBoxFrom(crypto.randomBytes(32).toString('base64url'));
  const sealed = box.seal(TEST_TOTP_SECRET, 1);
  expect(box.open(sealed, 1)).toBe(TEST_TOTP_SECRET);
  expect(() => box.open(sealed, 2)).toThrow();
});
