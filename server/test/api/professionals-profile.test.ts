import { personColumns } from '../../src/db/pii';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeIdNumber } from '@ce/shared';
import { schema } from '../../src/db';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, buildWorkDepartment, login, type TestAccount } from '../factories';
import { auditActions, call, gif, idCardPhotos, jpeg, profileOf, submitIdentityChange } from './professionals-fixtures';

let ctx: TestContext;
let unit: OrgRow;
let unitAdmin: TestAccount;
let adminCookie: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  unit = await buildOrg(ctx, { kind: 'unit', regionCode: '410102' });
  unitAdmin = await buildAdmin(ctx, unit);
});
// A fresh session per test: one test moves the clock by 30 days.
beforeEach(async () => {
  adminCookie = await login(ctx, unitAdmin);
});
afterAll(() => ctx.close());

async function person(ctx: TestContext, personId: number) {
  const [row] = await ctx.deps.db.select(personColumns).from(schema.persons).where(eq(schema.persons.id, personId));
  return row!;
}

/** All files under the storage root (the attachments of this test app). */
function storedFileCount() {
  const root = ctx.deps.config.filesDir;
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root, { recursive: true }).filter((f) => fs.statSync(path.join(root, String(f))).isFile()).length;
}

describe('basic information (基本信息修改, R-9)', () => {
  it('the professional reads their profile and edits basic info directly', async () => {
    const prof = await buildProfessional(ctx, unit);
    const cookie = await login(ctx, prof);
    const me = await call(ctx, cookie, 'GET', '/api/me/profile');
    expect(me.json()).toMatchObject({ idNumber: prof.idNumber, certNo: prof.certNo, titleSeries: '中小学教师', titleLevel: 'intermediate', pendingChanges: [], liveTransferId: null, identityChangeAllowedFrom: null });

    const res = await call(ctx, cookie, 'PATCH', '/api/me/profile', {
      phone: '13900001111',
      email: 'new@test.cn',
      ethnicity: '回族',
      nativePlace: '河南开封',
      graduatedSchool: '河南大学',
      major: '数学类',
      // Not editable here: ignored.
      name: '改名',
      titleLevel: 'senior',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: '13900001111', email: 'new@test.cn', ethnicity: '回族', nativePlace: '河南开封', graduatedSchool: '河南大学', major: '数学类', name: prof.name, titleLevel: 'intermediate' });
    expect(await auditActions(ctx, 'account', prof.accountId)).toContain('professional.profile.update');
    expect((await call(ctx, cookie, 'PATCH', '/api/me/profile', { phone: '123' })).statusCode).toBe(400);
    // An admin has no profile of their own here.
    expect((await call(ctx, adminCookie, 'GET', '/api/me/profile')).statusCode).toBe(404);
  });
});

describe('专业技术职务 change: a request the unit approves', () => {
  it('applies only once approved; one pending at a time; history shows the outcome', async () => {
    const prof = await buildProfessional(ctx, unit);
    const cookie = await login(ctx, prof);
    const same = await call(ctx, cookie, 'POST', '/api/me/change-requests/title', { titleSeries: '中小学教师', titleLevel: 'intermediate' });
    expect(same.json().message).toBe('新的专业技术职务与当前一致，无需修改');

    const submit = await call(ctx, cookie, 'POST', '/api/me/change-requests/title', { titleSeries: '中小学教师', titleLevel: 'deputy_senior' });
    expect(submit.statusCode).toBe(201);
    expect(submit.json().message).toBe('信息已经提交审核');
    const again = await call(ctx, cookie, 'POST', '/api/me/change-requests/title', { titleSeries: '高校教师', titleLevel: 'senior' });
    expect(again.statusCode).toBe(409);
    expect((await call(ctx, cookie, 'GET', '/api/me/profile')).json()).toMatchObject({ titleLevel: 'intermediate', pendingChanges: ['title'] });

    const queue = await call(ctx, adminCookie, 'GET', '/api/admin/professional-changes');
    const item = queue.json().items.find((i: { id: number }) => i.id === submit.json().id);
    expect(item).toMatchObject({ kind: 'title', kindLabel: '专业技术职务修改', status: 'pending', before: { titleLevel: 'intermediate' }, after: { titleLevel: 'deputy_senior' }, person: { accountId: prof.accountId } });
    expect((await call(ctx, adminCookie, 'GET', '/api/admin/summary')).json().pendingProfessionalChanges).toBeGreaterThanOrEqual(1);

    const approve = await call(ctx, adminCookie, 'POST', `/api/admin/professional-changes/${item.id}/approve`, { version: item.version });
    expect(approve.json()).toEqual({ status: 'approved' });
    expect((await call(ctx, cookie, 'GET', '/api/me/profile')).json()).toMatchObject({ titleLevel: 'deputy_senior', pendingChanges: [] });
    const twice = await call(ctx, adminCookie, 'POST', `/api/admin/professional-changes/${item.id}/approve`, { version: item.version });
    expect(twice.json().code).toBe('ALREADY_HANDLED');

    const second = await call(ctx, cookie, 'POST', '/api/me/change-requests/title', { titleSeries: '高校教师', titleLevel: 'senior' });
    const reject = await call(ctx, adminCookie, 'POST', `/api/admin/professional-changes/${second.json().id}/reject`, { version: 0, reason: '未取得正高级职称证书' });
    expect(reject.json()).toEqual({ status: 'rejected' });
    const history = await call(ctx, cookie, 'GET', '/api/me/change-requests');
    expect(history.json().items.map((i: { status: string; rejectReason: string | null }) => [i.status, i.rejectReason])).toEqual([
      ['rejected', '未取得正高级职称证书'],
      ['approved', null],
    ]);
    expect((await profileOf(ctx, prof.personId))!.titleSeries).toBe('中小学教师');
    expect(await auditActions(ctx, 'changeRequest', item.id)).toEqual(expect.arrayContaining(['professional.change.submit', 'professional.change.approve']));
  });

  it('the professional withdraws a pending request', async () => {
    const prof = await buildProfessional(ctx, unit);
    const cookie = await login(ctx, prof);
    const submit = await call(ctx, cookie, 'POST', '/api/me/change-requests/title', { titleSeries: '会计', titleLevel: 'junior' });
    const withdraw = await call(ctx, cookie, 'POST', `/api/me/change-requests/${submit.json().id}/withdraw`);
    expect(withdraw.statusCode).toBe(200);
    expect((await call(ctx, cookie, 'POST', `/api/me/change-requests/${submit.json().id}/withdraw`)).json().code).toBe('ALREADY_HANDLED');
    expect((await call(ctx, adminCookie, 'POST', `/api/admin/professional-changes/${submit.json().id}/approve`, { version: 1 })).json().code).toBe('ALREADY_HANDLED');
  });
});

describe('证件信息修改: name or ID number, with ID card photos', () => {
  it('refuses what the rules forbid, before anything is stored', async () => {
    const prof = await buildProfessional(ctx, unit);
    const cookie = await login(ctx, prof);
    const before = storedFileCount();
    const other = await buildProfessional(ctx, unit);
    const newId = makeIdNumber({ regionCode: '410102', birthDate: '1991-02-03', sequence: 301 });
    const cases: [Record<string, string>, Record<string, { data: Buffer; filename: string; type: string }>, number, string][] = [
      [{}, idCardPhotos(), 400, '姓名和身份证号均未修改'],
      [{ name: '新名字', idNumber: newId }, idCardPhotos(), 400, '姓名、身份证号中必须有一项与修改前一致'],
      [{ idNumber: newId.slice(0, 17) + (newId.endsWith('0') ? '1' : '0') }, idCardPhotos(), 400, '身份证号非法：校验位错误'],
      [{ idNumber: other.idNumber }, idCardPhotos(), 409, '新的身份证号已被其他人员使用，请核实'],
      [{ name: '新名字' }, { front: idCardPhotos().front }, 400, '请上传身份证反面照片'],
      [{ name: '新名字' }, { ...idCardPhotos(), front: { data: gif(), filename: 'front.jpg', type: 'image/jpeg' } }, 415, '身份证正面照片：只能上传JPG、PNG格式的文件'],
      [{ name: '新名字' }, { ...idCardPhotos(), back: { data: jpeg(5 * 1024 * 1024), filename: 'back.jpg', type: 'image/jpeg' } }, 413, '单个文件不能超过5MB'],
    ];
    for (const [fields, files, status, message] of cases) {
      const res = await submitIdentityChange(ctx, cookie, fields, files);
      expect({ status: res.statusCode, message: res.json().message }).toEqual({ status, message: expect.stringContaining(message) });
    }
    expect(storedFileCount()).toBe(before);
  });

  it('a new ID number: photos to owner and reviewers only; approval changes the account, not the certificate number', async () => {
    const prof = await buildProfessional(ctx, unit);
    const cookie = await login(ctx, prof);
    const newId = makeIdNumber({ regionCode: '410105', birthDate: '1979-11-30', sequence: 402 }); // even: female
    const photos = idCardPhotos();
    const submit = await submitIdentityChange(ctx, cookie, { idNumber: newId }, photos);
    expect(submit.statusCode, submit.body).toBe(201);
    const id = submit.json().id as number;

    // The photos: stored outside the web root, served to the owner and the reviewing unit only.
    const own = await call(ctx, cookie, 'GET', `/api/me/change-requests/${id}/photos/front`);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(own.rawPayload, photos.front.data)).toBe(0);
    const reviewer = await call(ctx, adminCookie, 'GET', `/api/admin/professional-changes/${id}/photos/back`);
    expect(reviewer.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(reviewer.rawPayload, photos.back.data)).toBe(0);
    const stranger = await login(ctx, await buildProfessional(ctx, unit));
    expect((await call(ctx, stranger, 'GET', `/api/me/change-requests/${id}/photos/front`)).statusCode).toBe(404);
    const viewer = await login(ctx, await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['person.manage'] }));
    expect((await call(ctx, viewer, 'GET', `/api/admin/professional-changes/${id}/photos/front`)).statusCode).toBe(403);

    // The reviewing unit sees both numbers in full; a department above sees them masked.
    const detail = await call(ctx, adminCookie, 'GET', `/api/admin/professional-changes/${id}`);
    expect(detail.json()).toMatchObject({ kind: 'identity', before: { idNumber: prof.idNumber }, after: { idNumber: newId }, hasPhotos: true });
    const dept = (await ctx.deps.db.select().from(schema.organisations).where(eq(schema.organisations.id, unit.parentId!)))[0]!;
    const deptView = await call(ctx, await login(ctx, await buildAdmin(ctx, dept)), 'GET', `/api/admin/professional-changes/${id}`);
    expect(deptView.json().after.idNumber).toBe(`${newId.slice(0, 6)}********${newId.slice(-4)}`);

    // A second request while this one is pending is refused, and leaves no file behind.
    const filesBefore = storedFileCount();
    const again = await submitIdentityChange(ctx, cookie, { name: '另一个名字' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('已有待审核的证件信息修改申请，请等待单位审核或先撤回');
    expect(storedFileCount()).toBe(filesBefore);

    const approve = await call(ctx, adminCookie, 'POST', `/api/admin/professional-changes/${id}/approve`, { version: 0 });
    expect(approve.json()).toEqual({ status: 'approved' });
    expect((await person(ctx, prof.personId)).idNumber).toBe(newId);
    expect(await profileOf(ctx, prof.personId)).toMatchObject({ certNo: prof.certNo, birthDate: '1979-11-30', gender: 'female' });
    const oldLogin = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'professional', account: prof.idNumber, password: prof.password } });
    expect(oldLogin.json().code).toBe('ACCOUNT_NOT_FOUND');
    const newLogin = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'professional', account: newId, password: prof.password } });
    expect(newLogin.statusCode).toBe(200);

    // At most once in 30 days, counted from the approval.
    const soon = await submitIdentityChange(ctx, cookie, { name: '改个名' });
    expect(soon.statusCode).toBe(409);
    expect(soon.json().message).toMatch(/^证件信息30天内只允许修改一次，请于\d{4}-\d{2}-\d{2}后再申请$/);
    expect((await call(ctx, cookie, 'GET', '/api/me/profile')).json().identityChangeAllowedFrom).not.toBeNull();
    ctx.clock.advanceMinutes(30 * 24 * 60 + 1);
    const later = await submitIdentityChange(ctx, await login(ctx, { ...prof, idNumber: newId }), { name: '改个名' });
    expect(later.statusCode).toBe(201);
  });

  it('a rejected request does not count against the 30 days', async () => {
    const prof = await buildProfessional(ctx, unit);
    const cookie = await login(ctx, prof);
    const first = await submitIdentityChange(ctx, cookie, { name: '错名字' });
    await call(ctx, adminCookie, 'POST', `/api/admin/professional-changes/${first.json().id}/reject`, { version: 0, reason: '照片不清晰' });
    const second = await submitIdentityChange(ctx, cookie, { name: '对名字' });
    expect(second.statusCode).toBe(201);
    await call(ctx, adminCookie, 'POST', `/api/admin/professional-changes/${second.json().id}/approve`, { version: 0 });
    expect((await person(ctx, prof.personId)).name).toBe('对名字');
    const history = (await call(ctx, cookie, 'GET', '/api/me/change-requests')).json().items;
    expect(history.map((h: { kind: string; status: string }) => `${h.kind}:${h.status}`)).toEqual(['identity:approved', 'identity:rejected']);
  });

  it('approval is refused when the new ID number was taken meanwhile', async () => {
    const prof = await buildProfessional(ctx, unit);
    const cookie = await login(ctx, prof);
    const newId = makeIdNumber({ regionCode: '410102', birthDate: '1982-03-04', sequence: 503 });
    const submit = await submitIdentityChange(ctx, cookie, { idNumber: newId });
    await buildProfessional(ctx, unit, { idNumber: newId });
    const approve = await call(ctx, adminCookie, 'POST', `/api/admin/professional-changes/${submit.json().id}/approve`, { version: 0 });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().message).toBe('新的身份证号已被其他人员使用，不能通过');
    const [row] = await ctx.deps.db.select().from(schema.professionalChangeRequests).where(eq(schema.professionalChangeRequests.id, submit.json().id));
    expect(row!.status).toBe('pending');
  });
});

describe('a 工作部门-scoped reviewer', () => {
  it('sees and decides change requests of their 工作部门 only', async () => {
    const college = await buildOrg(ctx, { kind: 'unit' });
    const info = await buildWorkDepartment(ctx, college, '信息工程系');
    const mech = await buildWorkDepartment(ctx, college, '机电工程系');
    const scoped = await login(ctx, await buildAdmin(ctx, college, { superAdmin: false, permissions: ['person.review'], workDepartmentIds: [info.id] }));
    const mine = await buildProfessional(ctx, college, { workDepartmentId: info.id });
    const theirs = await buildProfessional(ctx, college, { workDepartmentId: mech.id });
    const a = await call(ctx, await login(ctx, mine), 'POST', '/api/me/change-requests/title', { titleSeries: '高校教师', titleLevel: 'senior' });
    const b = await call(ctx, await login(ctx, theirs), 'POST', '/api/me/change-requests/title', { titleSeries: '高校教师', titleLevel: 'senior' });
    const queue = await call(ctx, scoped, 'GET', '/api/admin/professional-changes');
    expect(queue.json().items.map((i: { id: number }) => i.id)).toEqual([a.json().id]);
    expect((await call(ctx, scoped, 'GET', '/api/admin/summary')).json().pendingProfessionalChanges).toBe(1);
    expect((await call(ctx, scoped, 'GET', `/api/admin/professional-changes/${b.json().id}`)).statusCode).toBe(404);
    expect((await call(ctx, scoped, 'POST', `/api/admin/professional-changes/${b.json().id}/approve`, { version: 0 })).statusCode).toBe(404);
    expect((await call(ctx, scoped, 'POST', `/api/admin/professional-changes/${a.json().id}/approve`, { version: 0 })).json()).toEqual({ status: 'approved' });
  });
});
