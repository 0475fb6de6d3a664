import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { registerPendingWorkCheck } from '../../src/modules/professionals/pending';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, buildWorkDepartment, login, type TestAccount } from '../factories';
import { accountRow, auditActions, call, profileOf } from './professionals-fixtures';

let ctx: TestContext;
let dept: OrgRow;
let oldUnit: OrgRow;
let newUnit: OrgRow;
let newWd: { id: number; name: string };
let otherWd: { id: number; name: string };
let oldAdmin: TestAccount;
let newAdmin: TestAccount;
let oldCookie: string;
let newCookie: string;

/** People another module reports as busy (e.g. a declaration under review). */
const busy = new Set<number>();
registerPendingWorkCheck('test-busy', async (_q, personId) => (busy.has(personId) ? '有待审核的学时申报' : null));

beforeAll(async () => {
  ctx = await buildTestApp();
  dept = await buildOrg(ctx, { kind: 'department' });
  oldUnit = await buildOrg(ctx, { kind: 'unit', parent: dept, regionCode: '410102', name: '郑州市测试一中' });
  newUnit = await buildOrg(ctx, { kind: 'unit', parent: dept, regionCode: '410105', name: '郑州市测试二中' });
  const wd = (name: string) => buildWorkDepartment(ctx, newUnit, name).then((w) => ({ id: w.id, name: w.name }));
  newWd = await wd('高中部');
  otherWd = await wd('初中部');
  oldAdmin = await buildAdmin(ctx, oldUnit);
  newAdmin = await buildAdmin(ctx, newUnit);
});
beforeEach(async () => {
  [oldCookie, newCookie] = await Promise.all([login(ctx, oldAdmin), login(ctx, newAdmin)]);
});
afterAll(() => ctx.close());

const requestTransfer = (cookie: string, body: object) => call(ctx, cookie, 'POST', '/api/me/transfers', body);
const approve = (cookie: string, id: number, body: object) => call(ctx, cookie, 'POST', `/api/admin/transfers/${id}/approve`, body);

describe('(a) the person asks → old unit approves out → new unit approves in', () => {
  it('moves the account; the certificate number and the history stay with the person', async () => {
    const prof = await buildProfessional(ctx, oldUnit);
    const cookie = await login(ctx, prof);
    // A change decided before the transfer stays in the person's history.
    const change = await call(ctx, cookie, 'POST', '/api/me/change-requests/title', { titleSeries: '中小学教师', titleLevel: 'deputy_senior' });
    await call(ctx, oldCookie, 'POST', `/api/admin/professional-changes/${change.json().id}/approve`, { version: 0 });

    expect((await requestTransfer(cookie, { toUnitId: newUnit.id })).json().message).toBe('请选择所属工作部门');
    expect((await requestTransfer(cookie, { toUnitId: oldUnit.id, toWorkDepartmentId: null })).json().message).toBe('调入单位不能是当前所在单位');
    const res = await requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id, note: '工作调动' });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    expect((await call(ctx, cookie, 'GET', '/api/me/profile')).json().liveTransferId).toBe(id);

    expect((await call(ctx, oldCookie, 'GET', '/api/admin/summary')).json().pendingTransfers).toBe(1);
    const out = await call(ctx, oldCookie, 'GET', '/api/admin/transfers?direction=out');
    expect(out.json().items).toEqual([
      expect.objectContaining({ id, status: 'pending_out', initiatedBy: 'person', from: { id: oldUnit.id, name: oldUnit.name }, toWorkDepartment: newWd, note: '工作调动', person: expect.objectContaining({ certNo: prof.certNo }) }),
    ]);

    // Not the new unit's turn yet.
    const early = await approve(newCookie, id, { version: 0 });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe(`该调转申请正等待${oldUnit.name}同意转出`);

    const outOk = await approve(oldCookie, id, { version: 0 });
    expect(outOk.json()).toMatchObject({ status: 'pending_in' });
    expect((await approve(oldCookie, id, { version: 1 })).statusCode).toBe(409);
    const incoming = await call(ctx, newCookie, 'GET', '/api/admin/transfers?direction=in');
    expect(incoming.json().items.map((t: { id: number }) => t.id)).toEqual([id]);
    expect((await call(ctx, newCookie, 'GET', '/api/admin/summary')).json().pendingTransfers).toBe(1);

    const inOk = await approve(newCookie, id, { version: 1 });
    expect(inOk.json()).toMatchObject({ status: 'completed', message: expect.stringContaining('证书管理号不变') });
    const account = await accountRow(ctx, prof.accountId);
    expect(account).toMatchObject({ orgId: newUnit.id, workDepartmentId: newWd.id, status: 'active' });
    expect((await profileOf(ctx, prof.personId))!.certNo).toBe(prof.certNo);
    const me = (await call(ctx, cookie, 'GET', '/api/me/profile')).json();
    expect(me).toMatchObject({ unit: { id: newUnit.id }, workDepartment: newWd, certNo: prof.certNo, liveTransferId: null, titleLevel: 'deputy_senior' });
    expect((await call(ctx, cookie, 'GET', '/api/me/change-requests')).json().items).toHaveLength(1);
    expect((await call(ctx, cookie, 'GET', '/api/me/transfers')).json().items[0]).toMatchObject({ id, status: 'completed', statusLabel: '调转完成' });
    expect(await auditActions(ctx, 'transfer', id)).toEqual(['professional.transfer.request', 'professional.transfer.approveOut', 'professional.transfer.approveIn']);

    // The new unit manages the person now; the old one no longer sees them.
    expect((await call(ctx, newCookie, 'GET', `/api/admin/professionals/${prof.accountId}`)).statusCode).toBe(200);
    expect((await call(ctx, oldCookie, 'GET', `/api/admin/professionals/${prof.accountId}`)).statusCode).toBe(404);
  });

  it('the new unit may refuse with a reason; the person may then ask again', async () => {
    const prof = await buildProfessional(ctx, oldUnit);
    const cookie = await login(ctx, prof);
    const id = (await requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id })).json().id;
    await approve(oldCookie, id, { version: 0 });
    const reject = await call(ctx, newCookie, 'POST', `/api/admin/transfers/${id}/reject`, { version: 1, reason: '本校无此岗位' });
    expect(reject.json().status).toBe('rejected');
    expect((await call(ctx, cookie, 'GET', '/api/me/transfers')).json().items[0]).toMatchObject({ status: 'rejected', rejectReason: '本校无此岗位', rejectedBy: newUnit.name });
    expect((await accountRow(ctx, prof.accountId)).orgId).toBe(oldUnit.id);
    expect((await requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id })).statusCode).toBe(201);
  });

  it('the person withdraws a request under way', async () => {
    const prof = await buildProfessional(ctx, oldUnit);
    const cookie = await login(ctx, prof);
    const id = (await requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id })).json().id;
    expect((await call(ctx, cookie, 'POST', `/api/me/transfers/${id}/withdraw`)).statusCode).toBe(200);
    expect((await call(ctx, cookie, 'POST', `/api/me/transfers/${id}/withdraw`)).json().code).toBe('ALREADY_HANDLED');
    expect((await approve(oldCookie, id, { version: 1 })).json().code).toBe('ALREADY_HANDLED');
  });
});

describe('who sees a transfer', () => {
  it('admins of both units and above; 403 inside without the permission; 404 outside', async () => {
    const prof = await buildProfessional(ctx, oldUnit);
    const id = (await requestTransfer(await login(ctx, prof), { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id })).json().id;
    expect((await call(ctx, oldCookie, 'GET', `/api/admin/transfers/${id}`)).statusCode).toBe(200);
    expect((await call(ctx, newCookie, 'GET', `/api/admin/transfers/${id}`)).statusCode).toBe(200);
    expect((await call(ctx, await login(ctx, await buildAdmin(ctx, dept)), 'GET', `/api/admin/transfers/${id}`)).statusCode).toBe(200);
    const noPermission = await login(ctx, await buildAdmin(ctx, newUnit, { superAdmin: false, permissions: ['org.view'] }));
    expect((await call(ctx, noPermission, 'GET', `/api/admin/transfers/${id}`)).statusCode).toBe(403);
    const stranger = await login(ctx, await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: dept })));
    expect((await call(ctx, stranger, 'GET', `/api/admin/transfers/${id}`)).statusCode).toBe(404);
    await call(ctx, await login(ctx, prof), 'POST', `/api/me/transfers/${id}/withdraw`);
  });
});

describe('(b) 人员调出: the old unit initiates, the new unit approves', () => {
  it('completes with the 工作部门 the new unit picks', async () => {
    const prof = await buildProfessional(ctx, oldUnit);
    const res = await call(ctx, oldCookie, 'POST', `/api/admin/professionals/${prof.accountId}/transfer-out`, { toUnitId: newUnit.id });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    const detail = await call(ctx, newCookie, 'GET', `/api/admin/transfers/${id}`);
    expect(detail.json()).toMatchObject({ status: 'pending_in', initiatedBy: 'unit', toWorkDepartment: null });
    // The person cannot withdraw what the unit started.
    expect((await call(ctx, await login(ctx, prof), 'POST', `/api/me/transfers/${id}/withdraw`)).statusCode).toBe(409);
    expect((await approve(newCookie, id, { version: 0 })).json().message).toBe('请选择所属工作部门');
    const done = await approve(newCookie, id, { version: 0, workDepartmentId: otherWd.id });
    expect(done.json().status).toBe('completed');
    expect(await accountRow(ctx, prof.accountId)).toMatchObject({ orgId: newUnit.id, workDepartmentId: otherWd.id });
    expect(await auditActions(ctx, 'transfer', id)).toEqual(['professional.transfer.initiate', 'professional.transfer.approveIn']);
  });

  it('needs person.manage in the person’s own unit', async () => {
    const prof = await buildProfessional(ctx, oldUnit);
    const reviewer = await login(ctx, await buildAdmin(ctx, oldUnit, { superAdmin: false, permissions: ['person.review'] }));
    expect((await call(ctx, reviewer, 'POST', `/api/admin/professionals/${prof.accountId}/transfer-out`, { toUnitId: newUnit.id })).statusCode).toBe(403);
    expect((await call(ctx, newCookie, 'POST', `/api/admin/professionals/${prof.accountId}/transfer-out`, { toUnitId: newUnit.id })).statusCode).toBe(404);
  });
});

describe('nothing pending (R-10) and no double submission', () => {
  it('refuses while a change request is under review, and says why', async () => {
    const prof = await buildProfessional(ctx, oldUnit);
    const cookie = await login(ctx, prof);
    const change = await call(ctx, cookie, 'POST', '/api/me/change-requests/title', { titleSeries: '高校教师', titleLevel: 'senior' });
    const own = await requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id });
    expect(own.statusCode).toBe(409);
    expect(own.json().message).toBe('不能办理单位调转：有待审核的专业技术职务修改申请，审核完成或撤回后才能办理');
    const byUnit = await call(ctx, oldCookie, 'POST', `/api/admin/professionals/${prof.accountId}/transfer-out`, { toUnitId: newUnit.id });
    expect(byUnit.json().message).toContain('有待审核的专业技术职务修改申请');
    await call(ctx, cookie, 'POST', `/api/me/change-requests/${change.json().id}/withdraw`);
    const ok = await requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id });
    expect(ok.statusCode).toBe(201);
    // And no new change request while the transfer runs.
    const during = await call(ctx, cookie, 'POST', '/api/me/change-requests/title', { titleSeries: '高校教师', titleLevel: 'senior' });
    expect(during.json().message).toBe('单位调转办理中，暂不能提交变更申请');
  });

  it('honours the checks other modules register (hasPendingWork), at start and at each approval', async () => {
    const prof = await buildProfessional(ctx, oldUnit);
    const cookie = await login(ctx, prof);
    busy.add(prof.personId);
    expect((await requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id })).json().message).toBe('不能办理单位调转：有待审核的学时申报');
    busy.delete(prof.personId);
    const id = (await requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id })).json().id;
    busy.add(prof.personId);
    expect((await approve(oldCookie, id, { version: 0 })).json().message).toBe('不能办理单位调转：有待审核的学时申报');
    busy.delete(prof.personId);
    expect((await approve(oldCookie, id, { version: 0 })).json().status).toBe('pending_in');
  });

  it('two requests at once: one transfer; two approvals at once: one lands', async () => {
    const prof = await buildProfessional(ctx, oldUnit);
    const cookie = await login(ctx, prof);
    const both = await Promise.all([
      requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id }),
      requestTransfer(cookie, { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const id = both.find((r) => r.statusCode === 201)!.json().id;
    const second = await login(ctx, await buildAdmin(ctx, oldUnit));
    const decisions = await Promise.all([approve(oldCookie, id, { version: 0 }), approve(second, id, { version: 0 })]);
    expect(decisions.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await auditActions(ctx, 'transfer', id)).toEqual(['professional.transfer.request', 'professional.transfer.approveOut']);
  });
});

describe('a 工作部门-scoped admin of the new unit', () => {
  it('sees incoming people of their 工作部门 only, and can place them only there', async () => {
    const scoped = await login(ctx, await buildAdmin(ctx, newUnit, { superAdmin: false, permissions: ['person.review'], workDepartmentIds: [newWd.id] }));
    const mine = await buildProfessional(ctx, oldUnit);
    const theirs = await buildProfessional(ctx, oldUnit);
    const a = (await requestTransfer(await login(ctx, mine), { toUnitId: newUnit.id, toWorkDepartmentId: newWd.id })).json().id;
    const b = (await requestTransfer(await login(ctx, theirs), { toUnitId: newUnit.id, toWorkDepartmentId: otherWd.id })).json().id;
    await approve(oldCookie, a, { version: 0 });
    await approve(oldCookie, b, { version: 0 });
    const list = await call(ctx, scoped, 'GET', '/api/admin/transfers?direction=in');
    const listed = list.json().items as { id: number; toWorkDepartment: { id: number } }[];
    expect(listed.map((t) => t.id)).toContain(a);
    expect(listed.map((t) => t.id)).not.toContain(b);
    expect(listed.every((t) => t.toWorkDepartment.id === newWd.id)).toBe(true);
    expect((await call(ctx, scoped, 'GET', `/api/admin/transfers/${b}`)).statusCode).toBe(404);
    expect((await approve(scoped, b, { version: 1 })).statusCode).toBe(404);
    expect((await approve(scoped, a, { version: 1, workDepartmentId: otherWd.id })).json().message).toBe('只能调入您负责的工作部门');
    expect((await approve(scoped, a, { version: 1 })).json().status).toBe('completed');
  });
});
