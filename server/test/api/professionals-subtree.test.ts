/**
 * 人员管理 lists a subtree by the organisation path kept on each account (accounts.org_path, read
 * through accounts_depth2/3/4 for a city, a county and a county's department; by the organisations'
 * paths below that). The lists follow an account to its new place after a registration, a transfer
 * between units, a 更换上级部门 of its unit (the whole subtree's paths rewritten) and a 单位合并.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { findOrg, type OrgRow } from '../../src/modules/organisations/repo';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login } from '../factories';
import { expectStatus } from '../factories-declarations';
import { accountRow, call, register, registrationBody } from './professionals-fixtures';

let ctx: TestContext;
let city: OrgRow;
let jinshui: OrgRow;
let zhongyuan: OrgRow;
let cookies: { city: string; jinshui: string; zhongyuan: string; province: string };

beforeAll(async () => {
  ctx = await buildTestApp();
  city = await bureauOf(ctx, '410100');
  jinshui = await bureauOf(ctx, '410105');
  zhongyuan = await bureauOf(ctx, '410102');
  cookies = {
    city: await adminCookie(city),
    jinshui: await adminCookie(jinshui),
    zhongyuan: await adminCookie(zhongyuan),
    province: await adminCookie(await bureauOf(ctx, '410000')),
  };
});
afterAll(() => ctx.close());

async function adminCookie(org: OrgRow) {
  return login(ctx, await buildAdmin(ctx, org));
}

/** Every account id of a list, page by page (two a page), checking the order and the cursor. */
async function listed(cookie: string): Promise<number[]> {
  const seen: number[] = [];
  let after: number | null = null;
  do {
    const res = await call(ctx, cookie, 'GET', `/api/admin/professionals?limit=2${after ? `&after=${after}` : ''}`);
    expectStatus(res, 200);
    const page = res.json().items.map((i: { accountId: number }) => i.accountId) as number[];
    expect(page.length).toBeLessThanOrEqual(2);
    seen.push(...page);
    after = res.json().nextAfter;
  } while (after);
  expect(seen).toEqual([...seen].sort((a, b) => b - a));
  return seen;
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const pathOf = async (accountId: number) => (await accountRow(ctx, accountId)).orgPath;

/** A department under a county bureau with a unit and a sub-unit, each with an admin. */
async function countyBranch(county: OrgRow) {
  const dept = await buildOrg(ctx, { kind: 'department', parent: county, regionCode: county.regionCode });
  const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
  const sub = await buildOrg(ctx, { kind: 'unit', parent: unit });
  return { dept, unit, sub, cookies: { dept: await adminCookie(dept), unit: await adminCookie(unit), sub: await adminCookie(sub) } };
}

describe('人员管理 by subtree', () => {
  it('a registration and a transfer between counties: every level lists the person where they are', async () => {
    const a = await countyBranch(jinshui);
    const b = await countyBranch(zhongyuan);
    const stays = await buildProfessional(ctx, a.sub);
    const moves = await buildProfessional(ctx, a.unit);
    const reg = await register(ctx, registrationBody(a.unit));
    expectStatus(reg, 201);
    const registered = reg.json().id as number;
    expect(await pathOf(registered)).toBe(a.unit.path);

    // Before: the county (depth 3), its department (depth 4), the unit and the sub-unit (by path).
    expect(sorted(await listed(a.cookies.dept))).toEqual(sorted([stays.accountId, moves.accountId, registered]));
    expect(sorted(await listed(a.cookies.unit))).toEqual(sorted([stays.accountId, moves.accountId, registered]));
    expect(await listed(a.cookies.sub)).toEqual([stays.accountId]);
    expect(await listed(b.cookies.dept)).toEqual([]);

    const out = await call(ctx, a.cookies.unit, 'POST', `/api/admin/professionals/${moves.accountId}/transfer-out`, { toUnitId: b.unit.id });
    expectStatus(out, 201);
    const done = await call(ctx, b.cookies.unit, 'POST', `/api/admin/transfers/${out.json().id}/approve`, { version: 0, workDepartmentId: null });
    expect(done.json().status).toBe('completed');
    expect(await accountRow(ctx, moves.accountId)).toMatchObject({ orgId: b.unit.id, orgPath: b.unit.path });

    expect(sorted(await listed(a.cookies.dept))).toEqual(sorted([stays.accountId, registered]));
    expect(sorted(await listed(a.cookies.unit))).toEqual(sorted([stays.accountId, registered]));
    expect(await listed(b.cookies.dept)).toEqual([moves.accountId]);
    expect(await listed(b.cookies.unit)).toEqual([moves.accountId]);
    expect(await listed(b.cookies.sub)).toEqual([]);
    const jinshuiList = await listed(cookies.jinshui);
    expect(jinshuiList).toEqual(expect.arrayContaining([stays.accountId, registered]));
    expect(jinshuiList).not.toContain(moves.accountId);
    expect(await listed(cookies.zhongyuan)).toContain(moves.accountId);
    // The city (depth 2) holds both counties.
    expect(await listed(cookies.city)).toEqual(expect.arrayContaining([stays.accountId, registered, moves.accountId]));
    // The single record still opens where the person now is, and no longer where they were.
    expectStatus(await call(ctx, b.cookies.dept, 'GET', `/api/admin/professionals/${moves.accountId}`), 200);
    expectStatus(await call(ctx, a.cookies.dept, 'GET', `/api/admin/professionals/${moves.accountId}`), 404);
  });

  it('更换上级部门 to another county: the unit’s and its sub-unit’s people follow, at every depth', async () => {
    const a = await countyBranch(jinshui);
    const newDept = await buildOrg(ctx, { kind: 'department', parent: zhongyuan, regionCode: zhongyuan.regionCode });
    const newDeptCookie = await adminCookie(newDept);
    const inUnit = await buildProfessional(ctx, a.unit);
    const inSub = await buildProfessional(ctx, a.sub);
    const other = await buildProfessional(ctx, await buildOrg(ctx, { kind: 'unit', parent: a.dept }));

    const res = await call(ctx, a.cookies.unit, 'POST', `/api/admin/organisations/${a.unit.id}/changes/parent`, { newParentId: newDept.id });
    expectStatus(res, 201);
    const changeId = res.json().id as number;
    const version = async () => (await ctx.deps.db.select().from(schema.orgChanges).where(eq(schema.orgChanges.id, changeId)))[0]!.version;
    expectStatus(await call(ctx, newDeptCookie, 'POST', `/api/admin/org-changes/${changeId}/approve`, { version: await version() }), 200);
    // Not moved until both parents agree: the lists are as before.
    expect(await listed(newDeptCookie)).toEqual([]);
    const second = await call(ctx, a.cookies.dept, 'POST', `/api/admin/org-changes/${changeId}/approve`, { version: await version() });
    expect(second.json()).toMatchObject({ status: 'approved' });

    const unit = (await findOrg(ctx.deps.db, a.unit.id))!;
    const sub = (await findOrg(ctx.deps.db, a.sub.id))!;
    expect(unit.path).toBe(`${newDept.path}${unit.id}/`);
    expect(await pathOf(inUnit.accountId)).toBe(unit.path);
    expect(await pathOf(inSub.accountId)).toBe(sub.path);
    expect(await pathOf(other.accountId)).toBe(`${a.dept.path}${other.org.id}/`);

    expect(await listed(a.cookies.dept)).toEqual([other.accountId]);
    expect(sorted(await listed(newDeptCookie))).toEqual(sorted([inUnit.accountId, inSub.accountId]));
    expect(sorted(await listed(a.cookies.unit))).toEqual(sorted([inUnit.accountId, inSub.accountId]));
    expect(await listed(a.cookies.sub)).toEqual([inSub.accountId]);
    const jinshuiList = await listed(cookies.jinshui);
    expect(jinshuiList).toContain(other.accountId);
    expect(jinshuiList).not.toContain(inUnit.accountId);
    expect(jinshuiList).not.toContain(inSub.accountId);
    expect(await listed(cookies.zhongyuan)).toEqual(expect.arrayContaining([inUnit.accountId, inSub.accountId]));
    expect(await listed(cookies.city)).toEqual(expect.arrayContaining([inUnit.accountId, inSub.accountId, other.accountId]));
  });

  it('单位合并 into a unit of another county: the merged unit’s people and its sub-unit’s follow', async () => {
    const a = await countyBranch(jinshui);
    const b = await countyBranch(zhongyuan);
    const fromPerson = await buildProfessional(ctx, a.unit);
    const subPerson = await buildProfessional(ctx, a.sub);
    const intoPerson = await buildProfessional(ctx, b.unit);

    const res = await call(ctx, cookies.province, 'POST', '/api/admin/org-merges', { fromOrgId: a.unit.id, intoOrgId: b.unit.id, confirmName: a.unit.name });
    expectStatus(res, 200);
    const sub = (await findOrg(ctx.deps.db, a.sub.id))!;
    expect(sub.path).toBe(`${b.unit.path}${sub.id}/`);
    expect(await pathOf(fromPerson.accountId)).toBe(b.unit.path);
    expect(await pathOf(subPerson.accountId)).toBe(sub.path);

    expect(await listed(a.cookies.dept)).toEqual([]);
    expect(sorted(await listed(b.cookies.dept))).toEqual(sorted([fromPerson.accountId, subPerson.accountId, intoPerson.accountId]));
    expect(sorted(await listed(b.cookies.unit))).toEqual(sorted([fromPerson.accountId, subPerson.accountId, intoPerson.accountId]));
    expect(await listed(a.cookies.sub)).toEqual([subPerson.accountId]);
    const jinshuiList = await listed(cookies.jinshui);
    expect(jinshuiList).not.toContain(fromPerson.accountId);
    expect(jinshuiList).not.toContain(subPerson.accountId);
    expect(await listed(cookies.zhongyuan)).toEqual(expect.arrayContaining([fromPerson.accountId, subPerson.accountId, intoPerson.accountId]));
    // Every account now at the kept unit (the merged unit's admin among them) carries its path.
    const kept = await ctx.deps.db.select().from(schema.accounts).where(eq(schema.accounts.orgId, b.unit.id));
    expect(kept.length).toBe(4);
    expect(kept.map((k) => k.orgPath)).toEqual(kept.map(() => b.unit.path));
  });
});
