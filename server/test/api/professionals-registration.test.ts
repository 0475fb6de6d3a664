import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeIdNumber, parseCertificateNumber, validateIdNumber } from '@ce/shared';
import { schema } from '../../src/db';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildWorkDepartment, bureauOf, login, uniqueIdNumber, type TestAccount } from '../factories';
import {
  PROF_PASSWORD,
  accountRow,
  auditActions,
  call,
  loginAsProfessional,
  profileOf,
  register,
  registrationBody,
} from './professionals-fixtures';

let ctx: TestContext;
let unit: OrgRow;
let unitAdmin: TestAccount;

beforeAll(async () => {
  ctx = await buildTestApp();
  unit = await buildOrg(ctx, { kind: 'unit', regionCode: '410102' });
  unitAdmin = await buildAdmin(ctx, unit);
});
afterAll(() => ctx.close());

describe('registration (R-6) → approval → login', () => {
  it('walks the whole way with every field', async () => {
    const body = registrationBody(unit, { name: '王专技' });
    const res = await register(ctx, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ message: '注册信息已经提交审核，请耐心等待', approverName: unit.name });
    const accountId = res.json().id as number;

    // Pending: login refuses with the FAQ's words and names the approver.
    const early = await loginAsProfessional(ctx, body.idNumber);
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ code: 'ACCOUNT_PENDING', message: '您的账号正在审核中，审核通过才可登录平台', details: { approverName: unit.name } });

    // The certificate number exists from registration: the unit's region + a 7-digit serial.
    const account = await accountRow(ctx, accountId);
    const profile = (await profileOf(ctx, account.personId))!;
    expect(profile.certNo).toMatch(/^410102\d{7}$/);
    expect(profile).toMatchObject({ gender: body.gender, birthDate: body.birthDate, ethnicity: '汉族', nativePlace: '河南郑州', graduatedSchool: '郑州大学', major: '计算机类', titleSeries: '工程技术', titleLevel: 'intermediate' });

    const cookie = await login(ctx, unitAdmin);
    const summary = await call(ctx, cookie, 'GET', '/api/admin/summary');
    expect(summary.json().pendingProfessionalRegistrations).toBeGreaterThanOrEqual(1);
    const queue = await call(ctx, cookie, 'GET', '/api/admin/registrations/professionals');
    const item = queue.json().items.find((i: { accountId: number }) => i.accountId === accountId);
    expect(item).toMatchObject({ name: '王专技', idNumberMasked: `${body.idNumber.slice(0, 6)}********${body.idNumber.slice(-4)}`, certNo: profile.certNo, titleLevel: 'intermediate' });
    expect(JSON.stringify(queue.json())).not.toContain(body.idNumber);

    const approve = await call(ctx, cookie, 'POST', `/api/admin/registrations/professionals/${accountId}/approve`, { version: item.version });
    expect(approve.json()).toEqual({ status: 'active' });
    const ok = await loginAsProfessional(ctx, body.idNumber);
    expect(ok.statusCode).toBe(200);
    const me = await call(ctx, sessionCookie(ok), 'GET', '/api/me/profile');
    expect(me.json()).toMatchObject({ name: '王专技', idNumber: body.idNumber, certNo: profile.certNo, unit: { id: unit.id, name: unit.name }, status: 'active' });
    expect(await auditActions(ctx, 'account', accountId)).toEqual(
      expect.arrayContaining(['registration.professional.submit', 'registration.professional.approve', 'auth.login']),
    );
  });
});

describe('ID number and the typed birth date / gender (R-4, R-6)', () => {
  const good = makeIdNumber({ regionCode: '410102', birthDate: '1988-07-15', sequence: 135 }); // odd: male
  const badCheck = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
  it.each([
    ['a valid number registers', { idNumber: good }, 201, null],
    ['a bad check digit', { idNumber: badCheck, birthDate: '1988-07-15', gender: 'male' }, 400, '身份证号非法：校验位错误'],
    ['an impossible date (30 February)', { idNumber: '410102199902301230', birthDate: '1999-02-28', gender: 'male' }, 400, '身份证号非法：出生日期无效'],
    ['a birth date that is not the one in the ID', { idNumber: makeIdNumber({ regionCode: '410102', birthDate: '1985-01-02', sequence: 11 }), birthDate: '1985-01-03', gender: 'male' }, 400, '出生日期与身份证号不一致'],
    ['a gender that is not the one in the ID', { idNumber: makeIdNumber({ regionCode: '410102', birthDate: '1985-01-02', sequence: 12 }), birthDate: '1985-01-02', gender: 'male' }, 400, '性别与身份证号不一致'],
    ['a date that is not a date', { birthDate: '1988/07/15' }, 400, null],
  ])('%s', async (_label, overrides, status, message) => {
    const res = await register(ctx, registrationBody(unit, overrides));
    expect(res.statusCode, res.body).toBe(status);
    if (message) expect(res.json().message).toBe(message);
  });

  it('a 港澳台居民居住证 number registers too', async () => {
    const idNumber = makeIdNumber({ regionCode: '810000', birthDate: '1990-01-01', sequence: 21 });
    const res = await register(ctx, registrationBody(unit, { idNumber }));
    expect(res.statusCode).toBe(201);
  });
});

describe('unit, 工作部门 and catalogues', () => {
  it('needs an approved unit', async () => {
    const pending = await buildOrg(ctx, { kind: 'unit', status: 'pending' });
    const dept = await buildOrg(ctx, { kind: 'department' });
    for (const unitId of [pending.id, dept.id, 999999]) {
      const res = await register(ctx, registrationBody(unit, { unitId }));
      expect(res.json().message).toBe('所选单位不存在或尚未通过审核');
    }
  });

  it('needs a 工作部门 of the unit when the unit has any', async () => {
    const college = await buildOrg(ctx, { kind: 'unit' });
    const wd = await buildWorkDepartment(ctx, college, '信息工程系');
    const otherWd = await buildWorkDepartment(ctx, unit);
    expect((await register(ctx, registrationBody(college))).json().message).toBe('请选择所属工作部门');
    expect((await register(ctx, registrationBody(college, { workDepartmentId: otherWd.id }))).json().message).toBe('所选工作部门不属于该单位');
    const ok = await register(ctx, registrationBody(college, { workDepartmentId: wd.id }));
    expect(ok.statusCode).toBe(201);
    expect((await accountRow(ctx, ok.json().id)).workDepartmentId).toBe(wd.id);
    await ctx.deps.db.delete(schema.workDepartments).where(eq(schema.workDepartments.id, otherWd.id));
  });

  it.each([
    ['titleSeries', '火箭科学'],
    ['titleLevel', 'expert'],
    ['major', '魔法类'],
    ['ethnicity', '火星族'],
    ['email', 'not-an-email'],
    ['phone', '12345'],
  ])('refuses %s = %s', async (field, value) => {
    const res = await register(ctx, registrationBody(unit, { [field]: value }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
  });

  it('optional fields may be left out', async () => {
    const body = registrationBody(unit, { ethnicity: null, nativePlace: undefined, graduatedSchool: '' });
    const res = await register(ctx, body);
    expect(res.statusCode).toBe(201);
    const profile = await profileOf(ctx, (await accountRow(ctx, res.json().id)).personId);
    expect(profile).toMatchObject({ ethnicity: null, nativePlace: null, graduatedSchool: null });
  });
});

describe('one person, several roles (R-1, 已是本系统用户)', () => {
  it('a unit admin registers as a professional with their existing password', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const id = validateIdNumber(admin.idNumber);
    if (!id.ok) throw new Error('bad id');
    const base = registrationBody(unit, { idNumber: admin.idNumber, name: admin.name, gender: id.gender, birthDate: id.birthDate });
    const wrong = await register(ctx, base);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ code: 'EXISTING_USER', message: '您已是本系统用户，请输入已有账号的登录密码' });
    const ok = await register(ctx, { ...base, password: admin.password });
    expect(ok.statusCode).toBe(201);
    const again = await register(ctx, { ...base, password: admin.password });
    expect(again.json().message).toBe('该身份证号已注册专业技术人员账号，不能重复注册');
  });

  it('the existing-password check is no password oracle: 10 tries an hour per ID number', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const id = validateIdNumber(admin.idNumber);
    if (!id.ok) throw new Error('bad id');
    const body = registrationBody(unit, { idNumber: admin.idNumber, name: admin.name, gender: id.gender, birthDate: id.birthDate });
    for (let i = 0; i < 10; i++) expect((await register(ctx, { ...body, password: `Guess#${i}xyz` })).json().code).toBe('EXISTING_USER');
    const blocked = await register(ctx, { ...body, password: admin.password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
  });

  it('the same ID number submitted twice at once: one registration', async () => {
    const body = registrationBody(unit);
    const results = await Promise.all([register(ctx, body), register(ctx, body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});

describe('progress query, withdraw, reject (R-7) and the certificate number kept (R-8)', () => {
  it('withdrawn, then registered at another unit of another region: same certificate number', async () => {
    const body = registrationBody(unit, { name: '赵撤回' });
    const first = await register(ctx, body);
    const accountId = first.json().id;
    const progress = await ctx.app.inject({ method: 'GET', url: `/api/registrations/progress?idNumber=${body.idNumber}&name=${encodeURIComponent('赵撤回')}` });
    expect(progress.json().items[0]).toMatchObject({ type: 'professional', role: 'professional', status: 'pending', approverName: unit.name, orgName: unit.name });
    const certNo = (await profileOf(ctx, (await accountRow(ctx, accountId)).personId))!.certNo;

    const wrong = await ctx.app.inject({ method: 'POST', url: `/api/registrations/${accountId}/withdraw`, payload: { idNumber: body.idNumber, password: 'Wrong#Pass1' } });
    expect(wrong.statusCode).toBe(401);
    const withdraw = await ctx.app.inject({ method: 'POST', url: `/api/registrations/${accountId}/withdraw`, payload: { idNumber: body.idNumber, password: PROF_PASSWORD } });
    expect(withdraw.statusCode).toBe(200);
    expect((await accountRow(ctx, accountId)).status).toBe('withdrawn');

    const zhoukou = await buildOrg(ctx, { kind: 'unit', parent: await buildOrg(ctx, { kind: 'department', parent: await bureauOf(ctx, '411600') }), regionCode: '411602' });
    const again = await register(ctx, { ...registrationBody(zhoukou), idNumber: body.idNumber, gender: body.gender, birthDate: body.birthDate, name: '赵撤回', password: 'New#Pass2026' });
    expect(again.statusCode).toBe(201);
    const profile = (await profileOf(ctx, (await accountRow(ctx, again.json().id)).personId))!;
    expect(profile.certNo).toBe(certNo);
    const after = await ctx.app.inject({ method: 'GET', url: `/api/registrations/progress?idNumber=${body.idNumber}&name=${encodeURIComponent('赵撤回')}` });
    expect(after.json().items.map((i: { status: string }) => i.status)).toEqual(['pending', 'withdrawn']);
  });

  it('rejected with a reason: the applicant sees it and may register again with the same number', async () => {
    const body = registrationBody(unit, { name: '钱驳回' });
    const accountId = (await register(ctx, body)).json().id;
    const cookie = await login(ctx, unitAdmin);
    const noReason = await call(ctx, cookie, 'POST', `/api/admin/registrations/professionals/${accountId}/reject`, { version: 0, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const reject = await call(ctx, cookie, 'POST', `/api/admin/registrations/professionals/${accountId}/reject`, { version: 0, reason: '非本单位人员' });
    expect(reject.json()).toEqual({ status: 'rejected' });
    const progress = await ctx.app.inject({ method: 'GET', url: `/api/registrations/progress?idNumber=${body.idNumber}&name=${encodeURIComponent('钱驳回')}` });
    expect(progress.json().items[0]).toMatchObject({ status: 'rejected', statusLabel: '审核不通过', rejectReason: '非本单位人员' });
    const rejectedLogin = await loginAsProfessional(ctx, body.idNumber);
    expect(rejectedLogin.json().code).toBe('ACCOUNT_NOT_FOUND');
    const certNo = (await profileOf(ctx, (await accountRow(ctx, accountId)).personId))!.certNo;
    const again = await register(ctx, body);
    expect(again.statusCode).toBe(201);
    expect((await profileOf(ctx, (await accountRow(ctx, again.json().id)).personId))!.certNo).toBe(certNo);
  });
});

describe('the queue, 工作部门 scope, bulk review, two reviewers at once', () => {
  it('a 工作部门-scoped admin sees and decides only their 工作部门; bulk reports each item', async () => {
    const college = await buildOrg(ctx, { kind: 'unit' });
    const info = await buildWorkDepartment(ctx, college, '信息工程系');
    const mech = await buildWorkDepartment(ctx, college, '机电工程系');
    const superAdmin = await buildAdmin(ctx, college);
    const scoped = await buildAdmin(ctx, college, { superAdmin: false, permissions: ['person.review'], workDepartmentIds: [info.id] });
    const inInfo = [];
    for (let i = 0; i < 3; i++) inInfo.push((await register(ctx, registrationBody(college, { workDepartmentId: info.id }))).json().id as number);
    const inMech = (await register(ctx, registrationBody(college, { workDepartmentId: mech.id }))).json().id as number;

    const scopedCookie = await login(ctx, scoped);
    const queue = await call(ctx, scopedCookie, 'GET', '/api/admin/registrations/professionals');
    expect(queue.json().items.map((i: { accountId: number }) => i.accountId)).toEqual(inInfo);
    expect((await call(ctx, scopedCookie, 'GET', '/api/admin/summary')).json().pendingProfessionalRegistrations).toBe(3);
    const outside = await call(ctx, scopedCookie, 'POST', `/api/admin/registrations/professionals/${inMech}/approve`, { version: 0 });
    expect(outside.statusCode).toBe(404);

    // Keyset pagination of the queue.
    const page1 = await call(ctx, scopedCookie, 'GET', '/api/admin/registrations/professionals?limit=2');
    expect(page1.json().items).toHaveLength(2);
    const page2 = await call(ctx, scopedCookie, 'GET', `/api/admin/registrations/professionals?limit=2&after=${page1.json().nextAfter}`);
    expect(page2.json()).toMatchObject({ items: [{ accountId: inInfo[2] }], nextAfter: null });

    // An id outside the scope in a bulk request: nothing at all is decided.
    const tampered = await call(ctx, scopedCookie, 'POST', '/api/admin/registrations/professionals/bulk-review', {
      items: [...inInfo, inMech].map((id) => ({ id, version: 0 })),
      approve: true,
    });
    expect(tampered.statusCode).toBe(404);
    expect((await accountRow(ctx, inInfo[0]!)).status).toBe('pending');

    // One of them was just decided by the super admin: the bulk reports it and decides the rest.
    await call(ctx, await login(ctx, superAdmin), 'POST', `/api/admin/registrations/professionals/${inInfo[0]}/approve`, { version: 0 });
    const noReason = await call(ctx, scopedCookie, 'POST', '/api/admin/registrations/professionals/bulk-review', { items: [{ id: inInfo[1], version: 0 }], approve: false });
    expect(noReason.statusCode).toBe(400);
    const bulk = await call(ctx, scopedCookie, 'POST', '/api/admin/registrations/professionals/bulk-review', {
      items: inInfo.map((id) => ({ id, version: 0 })),
      approve: true,
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json()).toEqual({
      results: [
        { id: inInfo[0], ok: false, code: 'ALREADY_HANDLED', message: '该记录已被他人处理，请刷新后查看最新状态' },
        { id: inInfo[1], ok: true, status: 'active' },
        { id: inInfo[2], ok: true, status: 'active' },
      ],
      succeeded: 2,
      failed: 1,
    });
    for (const id of inInfo) expect((await accountRow(ctx, id)).status).toBe('active');
    expect((await accountRow(ctx, inMech)).status).toBe('pending');
  });

  it('an admin without person.review, and a department above, cannot decide', async () => {
    const accountId = (await register(ctx, registrationBody(unit))).json().id;
    const viewer = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['registration.review'] });
    const viewerCookie = await login(ctx, viewer);
    expect((await call(ctx, viewerCookie, 'POST', `/api/admin/registrations/professionals/${accountId}/approve`, { version: 0 })).statusCode).toBe(403);
    expect((await call(ctx, viewerCookie, 'GET', '/api/admin/registrations/professionals')).statusCode).toBe(403);
    const deptAdmin = await buildAdmin(ctx, (await ctx.deps.db.select().from(schema.organisations).where(eq(schema.organisations.id, unit.parentId!)))[0]!);
    const deptCookie = await login(ctx, deptAdmin);
    expect((await call(ctx, deptCookie, 'POST', `/api/admin/registrations/professionals/${accountId}/approve`, { version: 0 })).statusCode).toBe(403);
  });

  it('two admins decide at once: exactly one lands, the other is told ALREADY_HANDLED', async () => {
    const accountId = (await register(ctx, registrationBody(unit))).json().id;
    const second = await buildAdmin(ctx, unit);
    const [a, b] = await Promise.all([login(ctx, unitAdmin), login(ctx, second)]);
    const results = await Promise.all([
      call(ctx, a, 'POST', `/api/admin/registrations/professionals/${accountId}/approve`, { version: 0 }),
      call(ctx, b, 'POST', `/api/admin/registrations/professionals/${accountId}/reject`, { version: 0, reason: '重复注册' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('ALREADY_HANDLED');
    const decisions = (await auditActions(ctx, 'account', accountId)).filter((a) => a !== 'registration.professional.submit');
    expect(decisions).toHaveLength(1);
  });
});

describe('certificate numbers under concurrent registrations (R-8, 第十三条)', () => {
  it('30 registrations in one region at once get 30 different numbers, serials 1…30', async () => {
    // A region no other test of this file uses, so its counter starts here.
    const gongyi = await buildOrg(ctx, { kind: 'unit', regionCode: '410181' });
    const bodies = Array.from({ length: 30 }, () => registrationBody(gongyi, { idNumber: uniqueIdNumber('410181') }));
    const results = await Promise.all(bodies.map((b) => register(ctx, b)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const numbers = await Promise.all(results.map(async (r) => (await profileOf(ctx, (await accountRow(ctx, r.json().id)).personId))!.certNo));
    expect(new Set(numbers).size).toBe(30);
    const serials = numbers.map((n) => {
      const parsed = parseCertificateNumber(n);
      expect(parsed?.regionCode).toBe('410181');
      return parsed!.serial;
    });
    expect(serials.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('a unit of the province level (省直) numbers from 410000', async () => {
    const province = await bureauOf(ctx, '410000');
    const provincial = await buildOrg(ctx, { kind: 'unit', parent: province, regionCode: '410000' });
    const res = await register(ctx, registrationBody(provincial));
    expect((await profileOf(ctx, (await accountRow(ctx, res.json().id)).personId))!.certNo).toMatch(/^410000\d{7}$/);
  });
});

describe('captcha', () => {
  it('is checked when on, like the organisation registration', async () => {
    const withCaptcha = await buildTestApp({ captcha: true });
    try {
      const u = await buildOrg(withCaptcha, { kind: 'unit' });
      const res = await register(withCaptcha, registrationBody(u, { captcha: 'abcd' }));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CAPTCHA_INVALID');
    } finally {
      await withCaptcha.close();
    }
  });
});
