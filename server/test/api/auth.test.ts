import { personColumns } from '../../src/db/pii';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { CAPTCHA_PER_MINUTE, storeCaptchaAnswer } from '../../src/modules/captcha/captcha';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';
import { buildAdmin, buildOrg, login, type TestAccount } from '../factories';

let ctx: TestContext;
let unitAdmin: TestAccount;

beforeAll(async () => {
  ctx = await buildTestApp();
  unitAdmin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
});
afterAll(() => ctx.close());

const loginRaw = (body: Record<string, unknown>, cookie?: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { captcha: '', ...body }, headers: cookie ? { cookie } : {} });

describe('login errors (R-2): each distinct, in Chinese', () => {
  it.each([
    ['an unknown ID number', () => ({ role: 'unit', account: '110105194912310029', password: 'x' }), 401, 'ACCOUNT_NOT_FOUND', '您的帐号不存在，若未注册，可点此立即注册'],
    ['a role the person does not hold', () => ({ role: 'department', account: unitAdmin.idNumber, password: unitAdmin.password }), 401, 'ROLE_NOT_REGISTERED', '您选择的登录角色未注册，请选择正确的登录角色'],
    ['a wrong password', () => ({ role: 'unit', account: unitAdmin.idNumber, password: 'Wrong@pass1' }), 401, 'WRONG_PASSWORD', '账户或密码错误'],
  ])('%s', async (_label, body, status, code, message) => {
    const res = await loginRaw(body());
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ code, message });
  });

  it('a registration not yet approved names who must approve it', async () => {
    const parent = await buildOrg(ctx, { kind: 'department', name: '待审上级主管部门' });
    const pendingUnit = await buildOrg(ctx, { kind: 'unit', parent, status: 'pending' });
    const pending = await buildAdmin(ctx, pendingUnit, { status: 'pending' });
    const res = await loginRaw({ role: 'unit', account: pending.idNumber, password: pending.password });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'ACCOUNT_PENDING',
      message: '您的账号正在审核中，审核通过才可登录平台',
      details: { approverName: '待审上级主管部门' },
    });
  });

  it('accepts a lowercase x in the ID number and records the login in the audit log', async () => {
    const res = await loginRaw({ role: 'unit', account: unitAdmin.idNumber.toLowerCase(), password: unitAdmin.password });
    expect(res.statusCode).toBe(200);
    const [row] = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'auth.login')).orderBy(desc(schema.auditLog.id)).limit(1);
    expect(row).toMatchObject({ result: 'success', objectId: String(unitAdmin.accountId) });
  });
});

describe('captcha', () => {
  let captchaCtx: TestContext;
  let admin: TestAccount;
  beforeAll(async () => {
    captchaCtx = await buildTestApp({ captcha: true });
    admin = await buildAdmin(captchaCtx, await buildOrg(captchaCtx, { kind: 'unit' }));
  });
  afterAll(() => captchaCtx.close());

  it('serves an SVG image and binds its answer to a cookie', async () => {
    const res = await captchaCtx.app.inject({ method: 'GET', url: '/api/captcha' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.body).toContain('<svg');
    expect(res.cookies.find((c) => c.name === 'ce_captcha')?.httpOnly).toBe(true);
  });

  it('a new image replaces the one the cookie names, and one address gets CAPTCHA_PER_MINUTE images a minute (issue 9 item 6)', async () => {
    const rows = async () => (await captchaCtx.deps.db.select().from(schema.captchas)).length;
    const before = await rows();
    const first = await captchaCtx.app.inject({ method: 'GET', url: '/api/captcha', remoteAddress: '10.9.0.1' });
    let cookie = `ce_captcha=${first.cookies.find((c) => c.name === 'ce_captcha')!.value}`;
    for (let i = 0; i < 10; i++) {
      const next = await captchaCtx.app.inject({ method: 'GET', url: '/api/captcha', headers: { cookie }, remoteAddress: '10.9.0.1' });
      expect(next.statusCode).toBe(200);
      cookie = `ce_captcha=${next.cookies.find((c) => c.name === 'ce_captcha')!.value}`;
    }
    expect(await rows()).toBe(before + 1); // refreshing eleven times keeps one row
    const more = CAPTCHA_PER_MINUTE - 11;
    for (let i = 0; i < more; i++) expect((await captchaCtx.app.inject({ method: 'GET', url: '/api/captcha', remoteAddress: '10.9.0.1' })).statusCode).toBe(200);
    const limited = await captchaCtx.app.inject({ method: 'GET', url: '/api/captcha', remoteAddress: '10.9.0.1' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toBe('操作过于频繁，请稍后再试');
    expect(await rows()).toBe(before + 1 + more);
    // Another address is not affected; the window passes.
    expect((await captchaCtx.app.inject({ method: 'GET', url: '/api/captcha', remoteAddress: '10.9.0.2' })).statusCode).toBe(200);
    captchaCtx.clock.advanceMinutes(1.1);
    expect((await captchaCtx.app.inject({ method: 'GET', url: '/api/captcha', remoteAddress: '10.9.0.1' })).statusCode).toBe(200);
  });

  it('refuses a login without the right captcha, accepts the right one once', async () => {
    const body = { role: 'unit', account: admin.idNumber, password: admin.password };
    const none = await captchaCtx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { ...body, captcha: 'abcd' } });
    expect(none.json()).toMatchObject({ code: 'CAPTCHA_INVALID', message: '验证码错误' });

    const id = await storeCaptchaAnswer(captchaCtx.deps.db, 'K7pQ', captchaCtx.clock.now);
    const wrong = await captchaCtx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { ...body, captcha: 'zzzz' }, headers: { cookie: `ce_captcha=${id}` } });
    expect(wrong.json().code).toBe('CAPTCHA_INVALID');
    // An answer is consumed by the first try, right or wrong.
    const reused = await captchaCtx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { ...body, captcha: 'k7pq' }, headers: { cookie: `ce_captcha=${id}` } });
    expect(reused.json().code).toBe('CAPTCHA_INVALID');

    const fresh = await storeCaptchaAnswer(captchaCtx.deps.db, 'K7pQ', captchaCtx.clock.now);
    const ok = await captchaCtx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { ...body, captcha: 'k7pq' }, headers: { cookie: `ce_captcha=${fresh}` } });
    expect(ok.statusCode).toBe(200);
  });

  it('expires after five minutes', async () => {
    const id = await storeCaptchaAnswer(captchaCtx.deps.db, 'ABCD', captchaCtx.clock.now);
    captchaCtx.clock.advanceMinutes(6);
    const res = await captchaCtx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { role: 'unit', account: admin.idNumber, password: admin.password, captcha: 'ABCD' },
      headers: { cookie: `ce_captcha=${id}` },
    });
    expect(res.json().code).toBe('CAPTCHA_INVALID');
  });
});

describe('lockout: 5 wrong passwords within 15 minutes lock for 30 minutes', () => {
  it('locks, refuses even the right password, and unlocks after 30 minutes', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const attempt = (password: string) => loginRaw({ role: 'unit', account: admin.idNumber, password });
    for (let i = 1; i <= 4; i++) {
      const res = await attempt('Wrong@pass1');
      expect(res.json()).toMatchObject({ code: 'WRONG_PASSWORD', details: { remainingAttempts: 5 - i } });
    }
    const fifth = await attempt('Wrong@pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    expect(fifth.json().message).toContain('账号已锁定30分钟');

    const rightButLocked = await attempt(admin.password);
    expect(rightButLocked.json().code).toBe('ACCOUNT_LOCKED');

    ctx.clock.advanceMinutes(29);
    expect((await attempt(admin.password)).json().code).toBe('ACCOUNT_LOCKED');
    ctx.clock.advanceMinutes(2);
    expect((await attempt(admin.password)).statusCode).toBe(200);
  });

  it('forgets failures older than 15 minutes', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const attempt = (password: string) => loginRaw({ role: 'unit', account: admin.idNumber, password });
    for (let i = 0; i < 4; i++) await attempt('Wrong@pass1');
    ctx.clock.advanceMinutes(16);
    const res = await attempt('Wrong@pass1');
    expect(res.json()).toMatchObject({ code: 'WRONG_PASSWORD', details: { remainingAttempts: 4 } });
  });
});

describe('sessions', () => {
  it('me describes the signed-in admin; logout ends the session', async () => {
    const cookie = await login(ctx, unitAdmin);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ role: 'unit', isSuperAdmin: true, org: { id: unitAdmin.org.id }, idleMinutes: 30 });
    expect(me.json().idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    const after = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toBe('登录已过期或尚未登录，请重新登录');
  });

  it('an admin session ends after 30 idle minutes, not while in use', async () => {
    const cookie = await login(ctx, unitAdmin);
    const me = () => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    ctx.clock.advanceMinutes(20);
    expect((await me()).statusCode).toBe(200);
    ctx.clock.advanceMinutes(20);
    expect((await me()).statusCode).toBe(200); // 20 idle minutes since the last request
    ctx.clock.advanceMinutes(31);
    expect((await me()).statusCode).toBe(401);
  });

  it('the idle rule counts from the last request, to the second (issue 9 item 6)', async () => {
    const cookie = await login(ctx, unitAdmin);
    const me = () => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    // A request 59 seconds after sign-in, then 29 minutes 59 seconds of quiet: 30 minutes 58 seconds
    // after sign-in, but only 29:59 idle — still signed in.
    ctx.clock.advanceMinutes(59 / 60);
    expect((await me()).statusCode).toBe(200);
    ctx.clock.advanceMinutes(29 + 59 / 60);
    expect((await me()).statusCode).toBe(200);
    ctx.clock.advanceMinutes(30 + 1 / 60);
    expect((await me()).statusCode).toBe(401);
  });

  it('the session cookie is httpOnly and SameSite=Strict', async () => {
    const res = await loginRaw({ role: 'unit', account: unitAdmin.idNumber, password: unitAdmin.password });
    const c = res.cookies.find((x) => x.name === 'ce_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
  });
});

describe('passwords', () => {
  it('change password needs the old one and follows the rules', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const cookie = await login(ctx, admin);
    const change = (oldPassword: string, newPassword: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { oldPassword, newPassword } });
    expect((await change('Nope@1234', 'New#Pass2026')).json()).toMatchObject({ code: 'WRONG_PASSWORD', message: '原密码错误' });
    expect((await change(admin.password, 'short')).json().message).toBe('密码长度应为8至64位');
    expect((await change(admin.password, 'alllowercase')).json().message).toContain('至少三类');
    // Any printable character is allowed, punctuation and spaces included.
    expect((await change(admin.password, 'Pa ss;"word\'1')).statusCode).toBe(200);
    expect((await loginRaw({ role: 'unit', account: admin.idNumber, password: 'Pa ss;"word\'1' })).statusCode).toBe(200);
  });

  it('admin reset: last six of the ID number, forced change at next login', async () => {
    const unit = await buildOrg(ctx, { kind: 'unit' });
    const superAdmin = await buildAdmin(ctx, unit);
    const other = await buildAdmin(ctx, unit, { superAdmin: false });
    const adminCookie = await login(ctx, superAdmin);
    const reset = await ctx.app.inject({ method: 'POST', url: `/api/admin/accounts/${other.accountId}/reset-password`, headers: { cookie: adminCookie } });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().message).toContain('身份证号后六位');

    expect((await loginRaw({ role: 'unit', account: other.idNumber, password: other.password })).json().code).toBe('WRONG_PASSWORD');
    const res = await loginRaw({ role: 'unit', account: other.idNumber, password: other.idNumber.slice(-6) });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const cookie = sessionCookie(res);

    const blocked = await ctx.app.inject({ method: 'GET', url: '/api/admin/summary', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: '您的密码已被重置，请先修改密码' });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().mustChangePassword).toBe(true);

    const change = await ctx.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { oldPassword: other.idNumber.slice(-6), newPassword: 'Fresh#Pass2026' } });
    expect(change.statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/admin/summary', headers: { cookie } })).statusCode).toBe(200);
  });

  it('forgot password: a one-time code through the outbox sets a new password', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const [person] = await ctx.deps.db.select(personColumns).from(schema.persons).where(eq(schema.persons.id, admin.personId));
    const wrongContact = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset/code', payload: { idNumber: admin.idNumber, contact: '13000000000' } });
    expect(wrongContact.json().message).toBe('手机号码或电子邮箱与注册时填写的不一致');

    const sent = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset/code', payload: { idNumber: admin.idNumber, contact: person!.phone } });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().sentTo).toMatch(/^139\*{4}\d{4}$/);
    // The recipient is encrypted at rest: compared after reading.
    const message = (await ctx.deps.db.select().from(schema.outbox)).findLast((m) => m.recipient === person!.phone);
    const code = /验证码为 (\d{6})/.exec(message!.body)![1]!;

    const bad = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { idNumber: admin.idNumber, code: code === '000000' ? '111111' : '000000', newPassword: 'Brand#New2026' } });
    expect(bad.json().message).toBe('验证码错误或已过期，请重新获取');
    const ok = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { idNumber: admin.idNumber, code, newPassword: 'Brand#New2026' } });
    expect(ok.statusCode).toBe(200);
    const reuse = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { idNumber: admin.idNumber, code, newPassword: 'Other#New2026' } });
    expect(reuse.statusCode).toBe(400);
    expect((await loginRaw({ role: 'unit', account: admin.idNumber, password: 'Brand#New2026' })).statusCode).toBe(200);
  });
});

describe('cross-site requests', () => {
  it('refuses form-encoded and text bodies (only JSON is parsed)', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ role: 'unit', account: unitAdmin.idNumber, password: unitAdmin.password }),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toBe('不支持的请求格式，请以 JSON 提交');
  });
});

describe('password reset by an admin who is not the super admin', () => {
  it('resets a professional of a unit without 工作部门, but not a fellow admin', async () => {
    const { buildProfessional } = await import('../factories');
    const unit = await buildOrg(ctx, { kind: 'unit' });
    await buildAdmin(ctx, unit);
    const resetter = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['account.reset'] });
    const fellow = await buildAdmin(ctx, unit, { superAdmin: false });
    const teacher = await buildProfessional(ctx, unit);
    const cookie = await login(ctx, resetter);
    const reset = (id: number) => ctx.app.inject({ method: 'POST', url: `/api/admin/accounts/${id}/reset-password`, headers: { cookie } });
    expect((await reset(teacher.accountId)).statusCode).toBe(200);
    expect((await reset(fellow.accountId)).statusCode).toBe(403);
  });
});
