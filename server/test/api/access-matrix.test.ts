/**
 * Authorization matrix: for every admin endpoint that names a record, an admin of another subtree
 * gets 404 (as if it did not exist); list endpoints never show another subtree's records.
 * The last test fails when an /api/admin route has no row in any cases file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin } from '../factories';
import { buildMatrixFixture, expectNotFound, type MatrixCases, type MatrixFixture } from '../access/fixture';
import foundationCases from '../access/cases/foundation';
import certificateCases from '../access/cases/certificates';
import professionalCases from '../access/cases/professionals';
import declarationCases from '../access/cases/declarations';
import certificateRecordCases from '../access/cases/certificate-records';
import orgChangeCases from '../access/cases/org-changes';
import adminLifecycleCases from '../access/cases/admin-lifecycle';
import ownMatterCases from '../access/cases/own-matters';
import statisticsCases from '../access/cases/statistics';
import homeCases from '../access/cases/home';
import declarationBatchCases from '../access/cases/declaration-batches';
import trainingPlanCases from '../access/cases/training-plans';
import provinceTransferCases from '../access/cases/province-transfers';
import portalCases from '../access/cases/portal';
import platformCases from '../access/cases/platforms';
import mfaCases from '../access/cases/mfa';
import baseClassCases from '../access/cases/base-classes';

/** One entry per capability (add yours here). */
const CASE_FILES: ((f: MatrixFixture) => MatrixCases)[] = [foundationCases, certificateCases, professionalCases, declarationCases, certificateRecordCases, orgChangeCases, adminLifecycleCases, ownMatterCases, statisticsCases, declarationBatchCases, trainingPlanCases, provinceTransferCases, portalCases, homeCases, platformCases, mfaCases, baseClassCases];

let ctx: TestContext;
let fixture: MatrixFixture;
let cases: MatrixCases[];
let targeted: MatrixCases['targeted'] = {};
let lists: MatrixCases['lists'] = {};
let scoped: NonNullable<MatrixCases['scoped']> = {};
let ownMatters: NonNullable<MatrixCases['ownMatters']> = {};

beforeAll(async () => {
  ctx = await buildTestApp();
  fixture = await buildMatrixFixture(ctx);
  cases = CASE_FILES.map((make) => make(fixture));
  for (const c of cases) await c.setup?.(fixture);
  targeted = Object.assign({}, ...cases.map((c) => c.targeted));
  lists = Object.assign({}, ...cases.map((c) => c.lists));
  scoped = Object.assign({}, ...cases.map((c) => c.scoped ?? {}));
  ownMatters = Object.assign({}, ...cases.map((c) => c.ownMatters ?? {}));
});
afterAll(() => ctx.close());

describe('authorization matrix', () => {
  it('every endpoint naming a record answers 404 to every intruder', async () => {
    for (const [endpoint, call] of Object.entries(targeted)) {
      for (const [who, intruder] of Object.entries(fixture.intruders)) {
        const cookie = await fixture.cookieOf(intruder);
        const c = call();
        const res = await ctx.app.inject({ method: c.method, url: c.url, headers: { cookie }, ...(c.payload !== undefined ? { payload: c.payload as object } : {}) });
        expectNotFound(res, `${who} → ${endpoint}`);
      }
    }
    // Every endpoint × every intruder: minutes on a busy machine.
  }, 300_000);

  it('list endpoints show nothing of another subtree', async () => {
    for (const [endpoint, check] of Object.entries(lists)) {
      for (const intruder of Object.values(fixture.intruders)) {
        const cookie = await fixture.cookieOf(intruder);
        const res = await ctx.app.inject({ method: 'GET', url: endpoint.split(' ')[1]!, headers: { cookie } });
        // A professional intruder is no admin: admin lists answer them 404.
        expect(intruder.role === 'professional' ? [404] : [200, 403], endpoint).toContain(res.statusCode);
        if (res.statusCode === 200) check(res);
      }
    }
  });

  it('endpoints answering within the caller’s scope tell intruders nothing of another subtree', async () => {
    for (const [endpoint, { call, check }] of Object.entries(scoped)) {
      for (const [who, intruder] of Object.entries(fixture.intruders)) {
        const c = call();
        const res = await ctx.app.inject({ method: c.method, url: c.url, headers: { cookie: await fixture.cookieOf(intruder) }, ...(c.payload !== undefined ? { payload: c.payload as object } : {}) });
        if (intruder.role === 'professional') expectNotFound(res, `${who} → ${endpoint}`);
        else await check(res);
      }
      const c = call();
      const anonymous = await ctx.app.inject({ method: c.method, url: c.url, ...(c.payload !== undefined ? { payload: c.payload as object } : {}) });
      expect(anonymous.statusCode, endpoint).toBe(401);
    }
  });

  it('nobody decides their own declaration, registration, change request or transfer', async () => {
    expect(Object.keys(ownMatters).length).toBeGreaterThanOrEqual(5);
    for (const [endpoint, { admin, call }] of Object.entries(ownMatters)) {
      const c = call();
      const res = await ctx.app.inject({ method: c.method, url: c.url, headers: { cookie: await fixture.cookieOf(admin()) }, ...(c.payload !== undefined ? { payload: c.payload as object } : {}) });
      expect({ endpoint, status: res.statusCode }).toEqual({ endpoint, status: 403 });
      expect(res.json()).toMatchObject({ message: '本人事项，需由其他管理员审核', details: { reason: 'OWN_MATTER' } });
    }
  });

  it('every admin endpoint needs a session', async () => {
    for (const [endpoint, call] of Object.entries(targeted)) {
      const c = call();
      const res = await ctx.app.inject({ method: c.method, url: c.url, ...(c.payload !== undefined ? { payload: c.payload as object } : {}) });
      expect(res.statusCode, endpoint).toBe(401);
    }
  });

  it('the targets are reachable by the right admin (the matrix is not vacuous)', async () => {
    const cookie = await fixture.cookieOf(fixture.zz.unitAdmin);
    const roles = await ctx.app.inject({ method: 'GET', url: `/api/admin/organisations/${fixture.zz.unit.id}/roles`, headers: { cookie } });
    expect(roles.statusCode).toBe(200);
    const deptCookie = await fixture.cookieOf(await buildAdmin(ctx, fixture.zz.dept));
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/admin/organisations/${fixture.zz.unit.id}`, headers: { cookie: deptCookie } });
    expect(detail.statusCode).toBe(200);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/admin/organisations', headers: { cookie: deptCookie } });
    expect(list.json().items.map((o: { id: number }) => o.id)).toContain(fixture.zz.unit.id);
  });

  it('covers every /api/admin route of the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/admin'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    const covered = new Set([...Object.keys(targeted), ...Object.keys(lists), ...Object.keys(scoped)]);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });
});
