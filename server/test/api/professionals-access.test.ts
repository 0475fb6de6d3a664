/**
 * 工作部门 scope, explicitly: an admin of the very unit, limited to another 工作部门, gets 404 for
 * every professionals endpoint naming one of the unit's people outside their scope, and the lists
 * show them nothing of those people. The same admin without the limit reaches them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildWorkDepartment, login } from '../factories';
import { buildMatrixFixture, expectNotFound, type MatrixCases, type MatrixFixture } from '../access/fixture';
import professionalCases from '../access/cases/professionals';

let ctx: TestContext;
let fixture: MatrixFixture;
let cases: MatrixCases;

beforeAll(async () => {
  ctx = await buildTestApp();
  fixture = await buildMatrixFixture(ctx);
  cases = professionalCases(fixture);
  await cases.setup!(fixture);
});
afterAll(() => ctx.close());

const send = (cookie: string, c: ReturnType<MatrixCases['targeted'][string]>) =>
  ctx.app.inject({ method: c.method, url: c.url, headers: { cookie }, ...(c.payload !== undefined ? { payload: c.payload as object } : {}) });

describe('a 工作部门-scoped admin of the same unit', () => {
  it('gets 404 for every record of another 工作部门, and lists show none of it', async () => {
    const otherWd = await buildWorkDepartment(ctx, fixture.zz.unit, '另一个系');
    const scoped = await buildAdmin(ctx, fixture.zz.unit, {
      superAdmin: false,
      permissions: ['person.review', 'person.manage', 'account.reset'],
      workDepartmentIds: [otherWd.id],
    });
    const cookie = await login(ctx, scoped);
    const adminEndpoints = Object.entries(cases.targeted).filter(([e]) => e.includes('/api/admin/'));
    expect(adminEndpoints.length).toBeGreaterThan(10);
    for (const [endpoint, call] of adminEndpoints) {
      expectNotFound(await send(cookie, call()), `scoped admin → ${endpoint}`);
    }
    for (const [endpoint, check] of Object.entries(cases.lists)) {
      const res = await ctx.app.inject({ method: 'GET', url: endpoint.split(' ')[1]!, headers: { cookie } });
      expect(res.statusCode, endpoint).toBe(200);
      check(res);
    }
  });

  it('the same endpoints reach the records for the unit’s super admin (the check is not vacuous)', async () => {
    const cookie = await fixture.cookieOf(fixture.zz.unitAdmin);
    const reads = Object.entries(cases.targeted).filter(([e]) => e.startsWith('GET /api/admin/'));
    for (const [endpoint, call] of reads) {
      const res = await send(cookie, call());
      expect(res.statusCode, endpoint).toBe(200);
    }
    const list = await ctx.app.inject({ method: 'GET', url: '/api/admin/professional-changes', headers: { cookie } });
    expect(list.json().items.length).toBe(2);
  });
});
