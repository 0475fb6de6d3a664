/**
 * Authorization matrix: for every admin endpoint that names a record, an admin of a sibling
 * subtree gets 404 (as if it did not exist); list endpoints never show the sibling's records.
 * The last test fails when a new /api/admin route is added without a row here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildWorkDepartment, bureauOf, login, uniqueIdNumber, type TestAccount } from '../factories';
import type { OrgRow } from '../../src/modules/organisations/repo';

let ctx: TestContext;

// Zhengzhou subtree: the targets. Zhoukou subtree: the intruders.
let zz: { bureau: OrgRow; dept: OrgRow; unit: OrgRow; pendingUnit: OrgRow; countyBureau: OrgRow; unitAdmin: TestAccount; unitSecond: TestAccount; roleId: number; workDeptId: number };
const intruders: Record<string, TestAccount> = {};

beforeAll(async () => {
  ctx = await buildTestApp();
  const bureau = await bureauOf(ctx, '410100');
  const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
  const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
  const pendingUnit = await buildOrg(ctx, { kind: 'unit', parent: dept, status: 'pending' });
  await buildAdmin(ctx, pendingUnit, { status: 'pending' });
  const unitAdmin = await buildAdmin(ctx, unit);
  const unitSecond = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['registration.review'] });
  const workDept = await buildWorkDepartment(ctx, unit);
  const { schema } = await import('../../src/db');
  const { eq } = await import('drizzle-orm');
  const [role] = await ctx.deps.db.select().from(schema.adminRoles).where(eq(schema.adminRoles.orgId, unit.id));
  zz = { bureau, dept, unit, pendingUnit, countyBureau: await bureauOf(ctx, '410102'), unitAdmin, unitSecond, roleId: role!.id, workDeptId: workDept.id };

  const zkBureau = await bureauOf(ctx, '411600');
  const zkDept = await buildOrg(ctx, { kind: 'department', parent: zkBureau });
  const zkUnit = await buildOrg(ctx, { kind: 'unit', parent: zkDept });
  intruders['sibling city bureau (周口)'] = await buildAdmin(ctx, zkBureau);
  intruders['department of the sibling city'] = await buildAdmin(ctx, zkDept);
  intruders['unit of the sibling city'] = await buildAdmin(ctx, zkUnit);
  // Below the target in the same city is outside too: a unit cannot reach its department.
  intruders['a sibling unit under the same department'] = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: dept }));
});
afterAll(() => ctx.close());

const cookies = new Map<number, string>();
async function cookieOf(account: TestAccount) {
  if (!cookies.has(account.accountId)) cookies.set(account.accountId, await login(ctx, account));
  return cookies.get(account.accountId)!;
}

type Call = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: Record<string, unknown> };
const targeted: Record<string, () => Call> = {
  'GET /api/admin/organisations/:id': () => ({ method: 'GET', url: `/api/admin/organisations/${zz.unit.id}` }),
  'POST /api/admin/registrations/organisations/:id/approve': () => ({ method: 'POST', url: `/api/admin/registrations/organisations/${zz.pendingUnit.id}/approve`, payload: { version: 0 } }),
  'POST /api/admin/registrations/organisations/:id/reject': () => ({ method: 'POST', url: `/api/admin/registrations/organisations/${zz.pendingUnit.id}/reject`, payload: { version: 0, reason: '越权测试' } }),
  'GET /api/admin/organisations/:id/admins': () => ({ method: 'GET', url: `/api/admin/organisations/${zz.unit.id}/admins` }),
  'POST /api/admin/organisations/:id/admins': () => ({ method: 'POST', url: `/api/admin/organisations/${zz.countyBureau.id}/admins`, payload: { idNumber: uniqueIdNumber(), name: '越权', phone: '13800001111', email: 'x@test.cn' } }),
  'PATCH /api/admin/accounts/:id': () => ({ method: 'PATCH', url: `/api/admin/accounts/${zz.unitSecond.accountId}`, payload: { adminRoleId: null, workDepartmentIds: [] } }),
  'POST /api/admin/accounts/:id/reset-password': () => ({ method: 'POST', url: `/api/admin/accounts/${zz.unitAdmin.accountId}/reset-password` }),
  'POST /api/admin/super-admin/handover': () => ({ method: 'POST', url: '/api/admin/super-admin/handover', payload: { toAccountId: zz.unitSecond.accountId, password: 'Test@12345' } }),
  'GET /api/admin/organisations/:id/roles': () => ({ method: 'GET', url: `/api/admin/organisations/${zz.unit.id}/roles` }),
  'POST /api/admin/organisations/:id/roles': () => ({ method: 'POST', url: `/api/admin/organisations/${zz.unit.id}/roles`, payload: { name: '越权角色', permissions: ['org.view'] } }),
  'PUT /api/admin/organisations/:id/roles/:childId': () => ({ method: 'PUT', url: `/api/admin/organisations/${zz.unit.id}/roles/${zz.roleId}`, payload: { name: '越权', permissions: ['org.view'] } }),
  'DELETE /api/admin/organisations/:id/roles/:childId': () => ({ method: 'DELETE', url: `/api/admin/organisations/${zz.unit.id}/roles/${zz.roleId}` }),
  'POST /api/admin/organisations/:id/work-departments': () => ({ method: 'POST', url: `/api/admin/organisations/${zz.unit.id}/work-departments`, payload: { name: '越权系' } }),
  'DELETE /api/admin/organisations/:id/work-departments/:childId': () => ({ method: 'DELETE', url: `/api/admin/organisations/${zz.unit.id}/work-departments/${zz.workDeptId}` }),
};

/** List endpoints: each is checked for not leaking the Zhengzhou subtree. */
const lists: Record<string, (res: { json(): unknown; body: string }) => void> = {
  'GET /api/admin/organisations': (res) => {
    const ids = (res.json() as { items: { id: number }[] }).items.map((o) => o.id);
    expect(ids).not.toEqual(expect.arrayContaining([zz.dept.id]));
    expect(ids).not.toContain(zz.unit.id);
  },
  'GET /api/admin/registrations/organisations': (res) => {
    expect((res.json() as { items: { id: number }[] }).items.map((o) => o.id)).not.toContain(zz.pendingUnit.id);
  },
  'GET /api/admin/audit': (res) => {
    expect(res.body).not.toContain(zz.unit.name);
  },
  'GET /api/admin/summary': () => {},
};

describe('authorization matrix', () => {
  for (const [endpoint, call] of Object.entries(targeted)) {
    it(`${endpoint} answers 404 to every intruder`, async () => {
      for (const [who, intruder] of Object.entries(intruders)) {
        const cookie = await cookieOf(intruder);
        const c = call();
        const res = await ctx.app.inject({ method: c.method, url: c.url, headers: { cookie }, ...(c.payload ? { payload: c.payload } : {}) });
        expect({ who, status: res.statusCode }).toEqual({ who, status: 404 });
        expect(res.json().message).toBe('记录不存在或不在您的管理范围内');
      }
    });
  }

  for (const [endpoint, check] of Object.entries(lists)) {
    it(`${endpoint} shows nothing of a sibling subtree`, async () => {
      for (const intruder of Object.values(intruders)) {
        const cookie = await cookieOf(intruder);
        const url = endpoint.split(' ')[1]!;
        const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
        expect([200, 403]).toContain(res.statusCode);
        if (res.statusCode === 200) check(res);
      }
    });
  }

  it('every admin endpoint needs a session', async () => {
    for (const call of Object.values(targeted)) {
      const c = call();
      const res = await ctx.app.inject({ method: c.method, url: c.url, ...(c.payload ? { payload: c.payload } : {}) });
      expect(res.statusCode).toBe(401);
    }
  });

  it('the targets are reachable by the right admin (the matrix is not vacuous)', async () => {
    const cookie = await login(ctx, zz.unitAdmin);
    const res = await ctx.app.inject({ method: 'GET', url: `/api/admin/organisations/${zz.unit.id}/roles`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const deptAdmin = await buildAdmin(ctx, zz.dept);
    const deptCookie = await login(ctx, deptAdmin);
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/admin/organisations/${zz.unit.id}`, headers: { cookie: deptCookie } });
    expect(detail.statusCode).toBe(200);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/admin/organisations', headers: { cookie: deptCookie } });
    expect(list.json().items.map((o: { id: number }) => o.id)).toContain(zz.unit.id);
  });

  it('covers every /api/admin route of the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/admin'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    const covered = new Set([...Object.keys(targeted), ...Object.keys(lists)]);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });
});
