/** Admin lifecycle: 停用 / 启用 / 移除, the super-admin handover, roles offering only what fits the kind. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, login, TEST_PASSWORD } from '../factories';
import { call, expectStatus } from '../factories-declarations';
import { auditActions } from './professionals-fixtures';

let ctx: TestContext;
let unit: OrgRow;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const statusOf = async (accountId: number) =>
  (await ctx.deps.db.select().from(schema.accounts).where(eq(schema.accounts.id, accountId)))[0]!.status;
const tryLogin = (a: { idNumber: string; password: string; role: string }) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: a.role, account: a.idNumber, password: a.password, captcha: '' } });

describe('停用、启用、移除', () => {
  it('a disabled admin is signed out at once and cannot sign in until enabled; removal archives the account and keeps its trail', async () => {
    unit = await buildOrg(ctx, { kind: 'unit' });
    const boss = await buildAdmin(ctx, unit);
    const clerk = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['person.review'] });
    const bossCookie = await login(ctx, boss);
    const clerkCookie = await login(ctx, clerk);
    expectStatus(await call(ctx, clerkCookie, 'GET', '/api/auth/me'), 200);

    const disabled = await call(ctx, bossCookie, 'POST', `/api/admin/accounts/${clerk.accountId}/disable`);
    expect(disabled.json()).toEqual({ ok: true, message: '已停用该管理员，其登录已失效' });
    expectStatus(await call(ctx, clerkCookie, 'GET', '/api/auth/me'), 401);
    const refused = await tryLogin(clerk);
    expect([refused.statusCode, refused.json().message]).toEqual([403, '该管理员账号已被停用，如需恢复请联系本单位超级管理员']);
    expectStatus(await call(ctx, bossCookie, 'POST', `/api/admin/accounts/${clerk.accountId}/disable`), 409);
    const listed = (await call(ctx, bossCookie, 'GET', `/api/admin/organisations/${unit.id}/admins`)).json().items;
    expect(listed.find((a: { accountId: number }) => a.accountId === clerk.accountId).status).toBe('disabled');

    expectStatus(await call(ctx, bossCookie, 'POST', `/api/admin/accounts/${clerk.accountId}/enable`), 200);
    expectStatus(await tryLogin(clerk), 200);

    expectStatus(await call(ctx, bossCookie, 'POST', `/api/admin/accounts/${clerk.accountId}/remove`), 200);
    expect(await statusOf(clerk.accountId)).toBe('removed');
    const after = (await call(ctx, bossCookie, 'GET', `/api/admin/organisations/${unit.id}/admins`)).json().items;
    expect(after.map((a: { accountId: number }) => a.accountId)).not.toContain(clerk.accountId);
    expect((await tryLogin(clerk)).statusCode).toBe(401);
    expect(await auditActions(ctx, 'account', clerk.accountId)).toEqual(['auth.login', 'admin.disable', 'admin.enable', 'auth.login', 'admin.remove']);

    // A removed admin may be added again (here or elsewhere): the slot is free.
    const again = await call(ctx, bossCookie, 'POST', `/api/admin/organisations/${unit.id}/admins`, {
      idNumber: clerk.idNumber,
      name: clerk.name,
      phone: '13900001111',
      email: 'again@test.cn',
      adminRoleId: null,
      workDepartmentIds: [],
    });
    expectStatus(again, 201);
  });

  it('is the super admin’s call, never on themselves or on the super admin', async () => {
    const org = await buildOrg(ctx, { kind: 'unit' });
    const boss = await buildAdmin(ctx, org);
    const clerk = await buildAdmin(ctx, org, { superAdmin: false, permissions: ['account.reset', 'person.manage'] });
    const clerkCookie = await login(ctx, clerk);
    expectStatus(await call(ctx, clerkCookie, 'POST', `/api/admin/accounts/${boss.accountId}/disable`), 403);
    const bossCookie = await login(ctx, boss);
    expect((await call(ctx, bossCookie, 'POST', `/api/admin/accounts/${boss.accountId}/remove`)).json().message).toBe('不能停用或移除自己的账号');
    const parentCookie = await login(ctx, await buildAdmin(ctx, (await ctx.deps.db.select().from(schema.organisations).where(eq(schema.organisations.id, org.parentId!)))[0]!));
    expectStatus(await call(ctx, parentCookie, 'POST', `/api/admin/accounts/${clerk.accountId}/disable`), 403);
  });
});

describe('移交超级管理员', () => {
  it('the previous super admin keeps nothing by default', async () => {
    const org = await buildOrg(ctx, { kind: 'unit' });
    const boss = await buildAdmin(ctx, org);
    const next = await buildAdmin(ctx, org, { superAdmin: false, permissions: ['person.review'] });
    const bossCookie = await login(ctx, boss);
    const res = await call(ctx, bossCookie, 'POST', '/api/admin/super-admin/handover', { toAccountId: next.accountId, password: TEST_PASSWORD });
    expect(res.json().message).toBe('超级管理员已移交，您的管理员账号已移除');
    expect(await statusOf(boss.accountId)).toBe('removed');
    expectStatus(await call(ctx, bossCookie, 'GET', '/api/auth/me'), 401);
    const nextCookie = await login(ctx, next);
    expect((await call(ctx, nextCookie, 'GET', '/api/auth/me')).json()).toMatchObject({ isSuperAdmin: true });
  });

  it('or keeps working with the role the handover names, and only that role’s rights', async () => {
    const org = await buildOrg(ctx, { kind: 'unit' });
    const boss = await buildAdmin(ctx, org);
    const next = await buildAdmin(ctx, org, { superAdmin: false, permissions: ['person.review'] });
    const [role] = await ctx.deps.db.insert(schema.adminRoles).values({ orgId: org.id, name: '人员审核', permissions: ['person.review'] }).returning();
    const bossCookie = await login(ctx, boss);
    await call(ctx, bossCookie, 'POST', '/api/admin/super-admin/handover', { toAccountId: next.accountId, password: TEST_PASSWORD, previousRoleId: role!.id });
    const me = (await call(ctx, bossCookie, 'GET', '/api/auth/me')).json();
    expect(me).toMatchObject({ isSuperAdmin: false, permissions: ['person.review'], adminRoleName: '人员审核' });
    expectStatus(await call(ctx, bossCookie, 'GET', `/api/admin/organisations/${org.id}/roles`), 403);
  });
});

describe('role editor: only permissions that fit the organisation', () => {
  it('refuses 抽查审验 and 电子签章 for a unit, accepts 工作部门管理', async () => {
    const org = await buildOrg(ctx, { kind: 'unit' });
    const cookie = await login(ctx, await buildAdmin(ctx, org));
    const bad = await call(ctx, cookie, 'POST', `/api/admin/organisations/${org.id}/roles`, { name: '越界角色', permissions: ['declaration.sampling', 'seal.manage', 'person.review'] });
    expect([bad.statusCode, bad.json().message]).toEqual([400, '以下权限不适用于用人单位：抽查审验、电子签章']);
    expectStatus(await call(ctx, cookie, 'POST', `/api/admin/organisations/${org.id}/roles`, { name: '系部管理', permissions: ['workdept.manage', 'person.review'] }), 201);
  });
});

describe('切换角色 (R-1): one person, two roles, no second sign-in', () => {
  it('a unit admin who is also a teacher switches to the teacher and back; the old session ends', async () => {
    const org = await buildOrg(ctx, { kind: 'unit' });
    const admin = await buildAdmin(ctx, org);
    await buildProfessional(ctx, org, { idNumber: admin.idNumber });
    const adminCookie = await login(ctx, admin);
    expect((await call(ctx, adminCookie, 'GET', '/api/auth/me')).json().otherRoles).toEqual(['professional']);

    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/switch-role', headers: { cookie: adminCookie }, payload: { role: 'professional' } });
    expectStatus(res, 200);
    const teacherCookie = `ce_session=${res.cookies.find((c) => c.name === 'ce_session')!.value}`;
    expect((await call(ctx, teacherCookie, 'GET', '/api/auth/me')).json()).toMatchObject({ role: 'professional', otherRoles: ['unit'] });
    expectStatus(await call(ctx, adminCookie, 'GET', '/api/auth/me'), 401);
    expectStatus(await call(ctx, teacherCookie, 'GET', '/api/me/profile'), 200);

    const back = await ctx.app.inject({ method: 'POST', url: '/api/auth/switch-role', headers: { cookie: teacherCookie }, payload: { role: 'unit' } });
    expectStatus(back, 200);
    const none = await ctx.app.inject({ method: 'POST', url: '/api/auth/switch-role', headers: { cookie: teacherCookie }, payload: { role: 'hrss' } });
    expectStatus(none, 401); // that session ended with the switch back
    const unitCookie = `ce_session=${back.cookies.find((c) => c.name === 'ce_session')!.value}`;
    const noRole = await ctx.app.inject({ method: 'POST', url: '/api/auth/switch-role', headers: { cookie: unitCookie }, payload: { role: 'hrss' } });
    expect([noRole.statusCode, noRole.json().message]).toEqual([400, '您没有人社部门账号']);
    expect(await auditActions(ctx, 'account', admin.accountId)).toContain('auth.switchRole');
  });
});
