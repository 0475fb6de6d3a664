/** 机构变更: 更换上级部门 (both parents approve), 修改单位信息 (licence, one in flight, withdraw), 单位合并. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { findOrg, type OrgRow } from '../../src/modules/organisations/repo';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, buildWorkDepartment, bureauOf, login, uniqueCreditCode } from '../factories';
import { PDF, PNG, buildDeclaration, call, expectStatus } from '../factories-declarations';
import { auditActions, gif, multipart } from './professionals-fixtures';

let ctx: TestContext;
let bureau: OrgRow;
beforeAll(async () => {
  ctx = await buildTestApp();
  bureau = await bureauOf(ctx, '410100');
});
afterAll(() => ctx.close());

async function adminWithCookie(org: OrgRow, opts: Parameters<typeof buildAdmin>[2] = {}) {
  const admin = await buildAdmin(ctx, org, opts);
  return { admin, cookie: await login(ctx, admin) };
}

const infoChange = (cookie: string, orgId: number, fields: Record<string, string>, licence: { data: Buffer; filename: string; type: string } | null) => {
  const body = multipart(fields, licence ? { licence } : {});
  return ctx.app.inject({ method: 'POST', url: `/api/admin/organisations/${orgId}/changes/info`, headers: { cookie, ...body.headers }, payload: body.payload });
};
const pngLicence = { data: PNG, filename: '营业执照.png', type: 'image/png' };
const version = async (id: number) => (await ctx.deps.db.select().from(schema.orgChanges).where(eq(schema.orgChanges.id, id)))[0]!.version;

describe('更换上级部门', () => {
  it('moves the unit, its sub-units and its records only after the old and the new parent both approve', async () => {
    const oldDept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const newDept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const unit = await buildOrg(ctx, { kind: 'unit', parent: oldDept });
    const subUnit = await buildOrg(ctx, { kind: 'unit', parent: unit });
    const person = await buildProfessional(ctx, subUnit);
    const record = await buildDeclaration(ctx, person);
    const me = await adminWithCookie(unit);
    const oldSide = await adminWithCookie(oldDept);
    const newSide = await adminWithCookie(newDept);

    const res = await call(ctx, me.cookie, 'POST', `/api/admin/organisations/${unit.id}/changes/parent`, { newParentId: newDept.id });
    expectStatus(res, 201);
    const changeId = res.json().id as number;
    expect(res.json().message).toContain('双方审核通过后生效');

    // Both parents see it in their queue; the new parent although the unit is not yet below it.
    for (const side of [oldSide, newSide]) {
      const queue = await call(ctx, side.cookie, 'GET', '/api/admin/org-changes');
      expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(changeId);
    }
    const first = await call(ctx, newSide.cookie, 'POST', `/api/admin/org-changes/${changeId}/approve`, { version: await version(changeId) });
    expectStatus(first, 200);
    expect(first.json()).toMatchObject({ status: 'pending', message: '审核通过，等待另一方上级单位审核' });
    expect((await findOrg(ctx.deps.db, unit.id))!.parentId).toBe(oldDept.id);
    // The same side cannot decide twice.
    expectStatus(await call(ctx, newSide.cookie, 'POST', `/api/admin/org-changes/${changeId}/approve`, { version: await version(changeId) }), 409);

    const second = await call(ctx, oldSide.cookie, 'POST', `/api/admin/org-changes/${changeId}/approve`, { version: await version(changeId) });
    expect(second.json()).toMatchObject({ status: 'approved', message: '审核通过，变更已生效' });
    const moved = (await findOrg(ctx.deps.db, unit.id))!;
    expect(moved).toMatchObject({ parentId: newDept.id, path: `${newDept.path}${unit.id}/`, depth: newDept.depth + 1 });
    expect((await findOrg(ctx.deps.db, subUnit.id))!.path).toBe(`${newDept.path}${unit.id}/${subUnit.id}/`);
    const [d] = await ctx.deps.db.select().from(schema.declarations).where(eq(schema.declarations.id, record.id));
    expect(d!.unitPath).toBe(`${newDept.path}${unit.id}/${subUnit.id}/`);

    // The old parent no longer sees the unit; the new one does.
    expectStatus(await call(ctx, oldSide.cookie, 'GET', `/api/admin/organisations/${unit.id}`), 404);
    expectStatus(await call(ctx, newSide.cookie, 'GET', `/api/admin/organisations/${unit.id}`), 200);
    const history = await call(ctx, me.cookie, 'GET', `/api/admin/organisations/${unit.id}/changes`);
    expect(history.json().items[0]).toMatchObject({
      kind: 'parent',
      status: 'approved',
      statusLabel: '已生效',
      summary: [`上级单位：${oldDept.name} → ${newDept.name}`],
      oldParent: { id: oldDept.id, decision: 'approved' },
      newParent: { id: newDept.id, decision: 'approved' },
    });
    expect(await auditActions(ctx, 'orgChange', changeId)).toEqual(['org.change.submit', 'org.change.approve', 'org.change.approve']);
  });

  it('is rejected by either parent and then nothing moves', async () => {
    const oldDept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const newDept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const unit = await buildOrg(ctx, { kind: 'unit', parent: oldDept });
    const me = await adminWithCookie(unit);
    const oldSide = await adminWithCookie(oldDept);
    const id = (await call(ctx, me.cookie, 'POST', `/api/admin/organisations/${unit.id}/changes/parent`, { newParentId: newDept.id })).json().id;
    const res = await call(ctx, oldSide.cookie, 'POST', `/api/admin/org-changes/${id}/reject`, { version: await version(id), reason: '本单位仍属本部门管理' });
    expect(res.json()).toMatchObject({ status: 'rejected' });
    expect((await findOrg(ctx.deps.db, unit.id))!.parentId).toBe(oldDept.id);
    const history = (await call(ctx, me.cookie, 'GET', `/api/admin/organisations/${unit.id}/changes`)).json();
    expect(history.items[0]).toMatchObject({ status: 'rejected', rejectReason: '本单位仍属本部门管理', rejectedByName: oldDept.name });
  });

  it('refuses a parent of the wrong kind, the own subtree, and admins who are not the super admin', async () => {
    const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
    const sub = await buildOrg(ctx, { kind: 'unit', parent: unit });
    const base = await buildOrg(ctx, { kind: 'base', parent: bureau });
    const me = await adminWithCookie(unit);
    const notSuper = await adminWithCookie(unit, { superAdmin: false, permissions: ['registration.review'] });
    const to = (cookie: string, newParentId: number) => call(ctx, cookie, 'POST', `/api/admin/organisations/${unit.id}/changes/parent`, { newParentId });
    const wrongKind = await to(me.cookie, base.id);
    expect([wrongKind.statusCode, wrongKind.json().message]).toEqual([400, '所选上级单位的类型不能管理本类机构']);
    expect((await to(me.cookie, sub.id)).json().message).toBe('不能选择本单位或本单位的下级单位作为上级');
    expect((await to(me.cookie, dept.id)).json().message).toBe('所选单位已是本单位的上级，无需更换');
    expectStatus(await to(notSuper.cookie, bureau.id), 403);
    // A unit may go straight under an HRSS bureau (无主管部门): approval sets the flag.
    const id = (await to(me.cookie, bureau.id)).json().id;
    const deptSide = await adminWithCookie(dept);
    const bureauSide = await adminWithCookie(bureau);
    await call(ctx, deptSide.cookie, 'POST', `/api/admin/org-changes/${id}/approve`, { version: await version(id) });
    await call(ctx, bureauSide.cookie, 'POST', `/api/admin/org-changes/${id}/approve`, { version: await version(id) });
    expect(await findOrg(ctx.deps.db, unit.id)).toMatchObject({ parentId: bureau.id, noDepartment: true });
  });

  it('waits while anything of the unit is pending', async () => {
    const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const other = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
    await buildProfessional(ctx, unit, { status: 'pending' });
    const me = await adminWithCookie(unit);
    const res = await call(ctx, me.cookie, 'POST', `/api/admin/organisations/${unit.id}/changes/parent`, { newParentId: other.id });
    expect([res.statusCode, res.json().message]).toEqual([409, '有待审核的注册申请，处理完毕后才能更换上级部门']);
  });
});

describe('修改单位信息', () => {
  it('needs the licence scan, checks it by content, keeps one change in flight, and applies on the parent’s approval', async () => {
    const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
    const me = await adminWithCookie(unit);
    const parent = await adminWithCookie(dept);
    const newCode = uniqueCreditCode();

    const noFile = await infoChange(me.cookie, unit.id, { name: '新名称学校' }, null);
    expect([noFile.statusCode, noFile.json().message]).toEqual([400, '请上传证件扫描件（营业执照或事业单位法人证书等）']);
    const badFile = await infoChange(me.cookie, unit.id, { name: '新名称学校' }, { data: gif(), filename: 'x.png', type: 'image/png' });
    expect([badFile.statusCode, badFile.json().message]).toEqual([415, '证件扫描件：只能上传JPG、PNG、PDF格式的文件']);
    const badCode = await infoChange(me.cookie, unit.id, { creditCode: '91410100MA0000000X' }, pngLicence);
    expect(badCode.statusCode).toBe(400);
    const same = await infoChange(me.cookie, unit.id, { name: unit.name }, pngLicence);
    expect(same.json().message).toBe('新的单位名称和统一社会信用代码与当前一致，无需修改');

    const ok = await infoChange(me.cookie, unit.id, { name: '郑州市新名称学校', creditCode: newCode }, pngLicence);
    expectStatus(ok, 201);
    const id = ok.json().id as number;
    const again = await infoChange(me.cookie, unit.id, { name: '另一个名称' }, { data: PDF, filename: 'a.pdf', type: 'application/pdf' });
    expect([again.statusCode, again.json().message]).toEqual([409, '已有修改单位信息在审核流程中']);
    const parentAgain = await call(ctx, me.cookie, 'POST', `/api/admin/organisations/${unit.id}/changes/parent`, { newParentId: bureau.id });
    expect(parentAgain.json().message).toBe('已有修改单位信息在审核流程中');

    // The reviewer sees the scan; so does the unit; an unrelated unit does not.
    const scan = await call(ctx, parent.cookie, 'GET', `/api/admin/org-changes/${id}/licence`);
    expect([scan.statusCode, scan.headers['content-type']]).toEqual([200, 'image/png']);
    expectStatus(await call(ctx, me.cookie, 'GET', `/api/admin/org-changes/${id}/licence`), 200);
    const stranger = await adminWithCookie(await buildOrg(ctx, { kind: 'unit', parent: dept }));
    expectStatus(await call(ctx, stranger.cookie, 'GET', `/api/admin/org-changes/${id}/licence`), 404);
    // Only the parent decides: the bureau above is not asked.
    const bureauSide = await adminWithCookie(bureau);
    expectStatus(await call(ctx, bureauSide.cookie, 'POST', `/api/admin/org-changes/${id}/approve`, { version: await version(id) }), 403);

    const res = await call(ctx, parent.cookie, 'POST', `/api/admin/org-changes/${id}/approve`, { version: await version(id) });
    expect(res.json()).toMatchObject({ status: 'approved' });
    expect(await findOrg(ctx.deps.db, unit.id)).toMatchObject({ name: '郑州市新名称学校', creditCode: newCode });
    const history = (await call(ctx, me.cookie, 'GET', `/api/admin/organisations/${unit.id}/changes`)).json();
    expect(history.items[0].summary).toEqual([`单位名称：${unit.name} → 郑州市新名称学校`, `统一社会信用代码：${unit.creditCode} → ${newCode}`]);
  });

  it('can be withdrawn while under review, after which a new change may be asked', async () => {
    const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
    const me = await adminWithCookie(unit);
    const parent = await adminWithCookie(dept);
    const id = (await infoChange(me.cookie, unit.id, { name: '要撤销的名称' }, pngLicence)).json().id;
    expectStatus(await call(ctx, parent.cookie, 'POST', `/api/admin/org-changes/${id}/withdraw`), 403);
    expectStatus(await call(ctx, me.cookie, 'POST', `/api/admin/org-changes/${id}/withdraw`), 200);
    expectStatus(await call(ctx, me.cookie, 'POST', `/api/admin/org-changes/${id}/withdraw`), 409);
    expectStatus(await call(ctx, parent.cookie, 'POST', `/api/admin/org-changes/${id}/approve`, { version: await version(id) }), 409);
    expect((await call(ctx, parent.cookie, 'GET', '/api/admin/org-changes')).json().items).toEqual([]);
    expectStatus(await infoChange(me.cookie, unit.id, { name: '新的名称' }, pngLicence), 201);
    const history = (await call(ctx, me.cookie, 'GET', `/api/admin/organisations/${unit.id}/changes`)).json();
    expect(history.items.map((i: { statusLabel: string }) => i.statusLabel)).toEqual(['审核中', '已撤销']);
  });

  it('refuses a credit code another live organisation holds', async () => {
    const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
    const other = await buildOrg(ctx, { kind: 'unit', parent: dept });
    const me = await adminWithCookie(unit);
    const res = await infoChange(me.cookie, unit.id, { creditCode: other.creditCode! }, pngLicence);
    expect([res.statusCode, res.json().message]).toEqual([409, '该统一社会信用代码已被其他单位使用，请核实']);
  });
});

describe('单位合并', () => {
  async function mergeWorld() {
    const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const from = await buildOrg(ctx, { kind: 'unit', parent: dept, name: `被合并学校${Math.random().toString().slice(2, 8)}` });
    const into = await buildOrg(ctx, { kind: 'unit', parent: dept });
    const sub = await buildOrg(ctx, { kind: 'unit', parent: from });
    const shared = await buildWorkDepartment(ctx, from, '教务处');
    const own = await buildWorkDepartment(ctx, from, '信息中心');
    const intoShared = await buildWorkDepartment(ctx, into, '教务处');
    const fromSuper = await buildAdmin(ctx, from);
    const fromSecond = await buildAdmin(ctx, from, { superAdmin: false, permissions: ['person.review', 'declaration.review'], workDepartmentIds: [shared.id] });
    const intoSuper = await buildAdmin(ctx, into);
    const p1 = await buildProfessional(ctx, from, { workDepartmentId: shared.id });
    const p2 = await buildProfessional(ctx, from, { workDepartmentId: own.id });
    const record = await buildDeclaration(ctx, p1);
    return { dept, from, into, sub, shared, own, intoShared, fromSuper, fromSecond, intoSuper, p1, p2, record };
  }
  const province = async () => adminWithCookie(await bureauOf(ctx, '410000'));

  it('moves people, records, 工作部门, roles, admins and sub-units in one go and archives the merged unit', async () => {
    const w = await mergeWorld();
    const op = await province();
    const preview = await call(ctx, op.cookie, 'GET', `/api/admin/org-merges/preview?fromOrgId=${w.from.id}&intoOrgId=${w.into.id}`);
    expect(preview.json()).toMatchObject({ professionals: 2, admins: 2, childOrganisations: 1, workDepartments: 2, declarations: 1, blockers: [] });
    const wrongName = await call(ctx, op.cookie, 'POST', '/api/admin/org-merges', { fromOrgId: w.from.id, intoOrgId: w.into.id, confirmName: '别的名称' });
    expect(wrongName.json().message).toBe('确认名称与被合并单位的名称不一致');

    const res = await call(ctx, op.cookie, 'POST', '/api/admin/org-merges', { fromOrgId: w.from.id, intoOrgId: w.into.id, confirmName: w.from.name });
    expectStatus(res, 200);
    expect(res.json().moved).toEqual({ professionals: 2, admins: 2, childOrganisations: 1, declarations: 1 });

    const db = ctx.deps.db;
    expect((await findOrg(db, w.from.id))!.status).toBe('archived');
    expect((await findOrg(db, w.sub.id))!).toMatchObject({ parentId: w.into.id, path: `${w.into.path}${w.sub.id}/` });
    const accounts = await db.select().from(schema.accounts).where(eq(schema.accounts.orgId, w.into.id));
    const byId = new Map(accounts.map((a) => [a.id, a]));
    expect(byId.get(w.p1.accountId)!.workDepartmentId).toBe(w.intoShared.id); // 教务处 folded into the kept one
    expect(byId.get(w.p2.accountId)!.workDepartmentId).toBe(w.own.id); // 信息中心 moved over
    expect(byId.get(w.fromSuper.accountId)).toMatchObject({ isSuperAdmin: false, status: 'active' });
    expect(byId.get(w.intoSuper.accountId)).toMatchObject({ isSuperAdmin: true });
    const scopes = await db.select().from(schema.adminWorkDepartmentScopes).where(eq(schema.adminWorkDepartmentScopes.accountId, w.fromSecond.accountId));
    expect(scopes.map((s) => s.workDepartmentId)).toEqual([w.intoShared.id]);
    const [role] = await db.select().from(schema.adminRoles).where(eq(schema.adminRoles.id, byId.get(w.fromSecond.accountId)!.adminRoleId!));
    expect(role!.orgId).toBe(w.into.id);
    const [d] = await db.select().from(schema.declarations).where(eq(schema.declarations.id, w.record.id));
    expect(d).toMatchObject({ unitId: w.into.id, unitPath: w.into.path, workDepartmentId: w.intoShared.id });
    expect(await db.select().from(schema.workDepartments).where(eq(schema.workDepartments.orgId, w.from.id))).toEqual([]);

    // Both histories show it; the audit row names both.
    for (const orgId of [w.from.id, w.into.id]) {
      const h = (await call(ctx, op.cookie, 'GET', `/api/admin/organisations/${orgId}/changes`)).json();
      expect(h.items[0]).toMatchObject({ kind: 'merge', status: 'approved', mergedInto: { id: w.into.id } });
    }
    const [audit] = await db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'org.merge'), eq(schema.auditLog.objectId, String(w.into.id))));
    expect(audit!.detail).toMatchObject({ from: w.from.name, into: w.into.name, professionals: 2 });
    // The merged unit's admin signs in to the kept unit now.
    const cookie = await login(ctx, w.fromSuper);
    expect((await call(ctx, cookie, 'GET', '/api/auth/me')).json().org.id).toBe(w.into.id);
    // An archived unit cannot be merged again.
    expectStatus(await call(ctx, op.cookie, 'POST', '/api/admin/org-merges', { fromOrgId: w.from.id, intoOrgId: w.into.id, confirmName: w.from.name }), 409);
  });

  it('refuses while anything of either unit is pending, and leaves everything as it was', async () => {
    const w = await mergeWorld();
    const op = await province();
    await buildDeclaration(ctx, w.p2, { outcome: 'pending' });
    const res = await call(ctx, op.cookie, 'POST', '/api/admin/org-merges', { fromOrgId: w.from.id, intoOrgId: w.into.id, confirmName: w.from.name });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(`${w.from.name}：本单位人员有审核中的学时申报`);
    await buildProfessional(ctx, w.into, { status: 'pending' });
    const preview = (await call(ctx, op.cookie, 'GET', `/api/admin/org-merges/preview?fromOrgId=${w.from.id}&intoOrgId=${w.into.id}`)).json();
    expect(preview.blockers).toContain(`${w.into.name}：有待审核的注册申请`);
    expect((await findOrg(ctx.deps.db, w.from.id))!.status).toBe('active');
    const [p] = await ctx.deps.db.select().from(schema.accounts).where(eq(schema.accounts.id, w.p1.accountId));
    expect(p!.orgId).toBe(w.from.id);
  });

  it('is the province operators’ alone', async () => {
    const w = await mergeWorld();
    const city = await adminWithCookie(bureau);
    const body = { fromOrgId: w.from.id, intoOrgId: w.into.id, confirmName: w.from.name };
    expectStatus(await call(ctx, city.cookie, 'POST', '/api/admin/org-merges', body), 403);
    const provinceWithoutRight = await adminWithCookie(await bureauOf(ctx, '410000'), { superAdmin: false, permissions: ['org.view'] });
    expectStatus(await call(ctx, provinceWithoutRight.cookie, 'POST', '/api/admin/org-merges', body), 403);
    const unitAdmin = await adminWithCookie(w.into);
    expectStatus(await call(ctx, unitAdmin.cookie, 'POST', '/api/admin/org-merges', body), 404);
  });
});

