import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { makeCreditCode } from '@ce/shared';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, bureauOf, login, uniqueCreditCode, uniqueIdNumber, type TestAccount } from '../factories';

let ctx: TestContext;
let zzBureauAdmin: TestAccount;

beforeAll(async () => {
  ctx = await buildTestApp();
  zzBureauAdmin = await buildAdmin(ctx, await bureauOf(ctx, '410100'));
});
afterAll(() => ctx.close());

const orgFields = (overrides: Record<string, unknown> = {}) => ({
  name: `测试机构${Math.random().toString().slice(2, 8)}`,
  creditCode: uniqueCreditCode(),
  regionCode: '410100',
  nature: '机关',
  level: '市级',
  industry: '教育',
  address: '郑州市中原区测试路1号',
  contactName: '张联系',
  contactPhone: '0371-66668888',
  ...overrides,
});
const adminFields = (overrides: Record<string, unknown> = {}) => ({
  idNumber: uniqueIdNumber(),
  name: '张注册',
  phone: '13912345678',
  email: 'reg@test.cn',
  password: 'Reg#Pass2026',
  ...overrides,
});
const register = (body: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: '/api/registrations/organisations', payload: body });

async function orgOfRegistration(accountId: number) {
  const [row] = await ctx.deps.db
    .select({ org: schema.organisations })
    .from(schema.accounts)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.accounts.orgId))
    .where(eq(schema.accounts.id, accountId));
  return row!.org;
}

describe('department → bureau approves → unit → department approves → unit admin logs in', () => {
  it('walks the whole chain', async () => {
    const bureau = zzBureauAdmin.org;
    const deptAdmin = adminFields();
    const submitted = await register({ kind: 'department', parentId: bureau.id, org: orgFields({ name: '郑州市测试局' }), admin: deptAdmin });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json()).toMatchObject({ message: '注册信息已经提交审核，请耐心等待', approverName: '郑州市人力资源和社会保障局' });
    const dept = await orgOfRegistration(submitted.json().id);
    expect(dept.status).toBe('pending');
    expect(dept.path).toBe(`${bureau.path}${dept.id}/`);

    // Not yet approved: the login says so and names the approver.
    const early = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'department', account: deptAdmin.idNumber, password: deptAdmin.password } });
    expect(early.json()).toMatchObject({ code: 'ACCOUNT_PENDING', details: { approverName: '郑州市人力资源和社会保障局' } });

    const bureauCookie = await login(ctx, zzBureauAdmin);
    const summary = await ctx.app.inject({ method: 'GET', url: '/api/admin/summary', headers: { cookie: bureauCookie } });
    expect(summary.json().pendingOrganisationRegistrations).toBeGreaterThanOrEqual(1);
    const queue = await ctx.app.inject({ method: 'GET', url: '/api/admin/registrations/organisations', headers: { cookie: bureauCookie } });
    expect(queue.json().items.map((o: { id: number }) => o.id)).toContain(dept.id);

    const approve = await ctx.app.inject({ method: 'POST', url: `/api/admin/registrations/organisations/${dept.id}/approve`, headers: { cookie: bureauCookie }, payload: { version: dept.version } });
    expect(approve.statusCode).toBe(200);

    const deptCookie = await login(ctx, { idNumber: deptAdmin.idNumber, password: deptAdmin.password, org: { kind: 'department' } });
    const unitAdmin = adminFields();
    const unitReg = await register({ kind: 'unit', parentId: dept.id, org: orgFields({ name: '郑州市测试学校', nature: '事业单位' }), admin: unitAdmin });
    expect(unitReg.json().approverName).toBe('郑州市测试局');
    const unit = await orgOfRegistration(unitReg.json().id);
    expect(unit.noDepartment).toBe(false);

    const unitApprove = await ctx.app.inject({ method: 'POST', url: `/api/admin/registrations/organisations/${unit.id}/approve`, headers: { cookie: deptCookie }, payload: { version: unit.version } });
    expect(unitApprove.statusCode).toBe(200);
    const unitCookie = await login(ctx, { idNumber: unitAdmin.idNumber, password: unitAdmin.password, org: { kind: 'unit' } });
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: unitCookie } });
    expect(me.json()).toMatchObject({ role: 'unit', isSuperAdmin: true, org: { name: '郑州市测试学校' } });

    // Both decisions are in the audit log, in the bureau's subtree.
    const audit = await ctx.app.inject({ method: 'GET', url: '/api/admin/audit', headers: { cookie: bureauCookie } });
    const actions = audit.json().items.map((e: { action: string; objectId: string }) => `${e.action}:${e.objectId}`);
    expect(actions).toEqual(expect.arrayContaining([`registration.org.approve:${dept.id}`, `registration.org.approve:${unit.id}`, `registration.org.submit:${unit.id}`]));
  });

  it('a unit with no competent department registers directly under an HRSS bureau (无主管部门)', async () => {
    const res = await register({ kind: 'unit', parentId: zzBureauAdmin.org.id, org: orgFields({ nature: '企业' }), admin: adminFields() });
    expect(res.statusCode).toBe(201);
    expect((await orgOfRegistration(res.json().id)).noDepartment).toBe(true);
  });

  it('a unit cannot register under a CE base, a department not under a department', async () => {
    const base = await buildOrg(ctx, { kind: 'base' });
    const dept = await buildOrg(ctx, { kind: 'department' });
    expect((await register({ kind: 'unit', parentId: base.id, org: orgFields(), admin: adminFields() })).json().message).toBe('所选上级单位的类型不能接收此类注册');
    expect((await register({ kind: 'department', parentId: dept.id, org: orgFields(), admin: adminFields() })).statusCode).toBe(400);
  });
});

describe('credit code (GB 32100)', () => {
  it.each([
    ['', '单位无统一社会信用代码无法进行注册'],
    ['91410100MA123', '统一社会信用代码应为18位'],
    [makeCreditCode('91410100MA3X00001').slice(0, 17) + (makeCreditCode('91410100MA3X00001').endsWith('0') ? '1' : '0'), '统一社会信用代码校验位错误'],
  ])('%j → %s', async (creditCode, message) => {
    const res = await register({ kind: 'department', parentId: zzBureauAdmin.org.id, org: orgFields({ creditCode }), admin: adminFields() });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it('a credit code registered (or pending) once cannot register again', async () => {
    const creditCode = uniqueCreditCode();
    expect((await register({ kind: 'department', parentId: zzBureauAdmin.org.id, org: orgFields({ creditCode }), admin: adminFields() })).statusCode).toBe(201);
    const again = await register({ kind: 'department', parentId: zzBureauAdmin.org.id, org: orgFields({ creditCode }), admin: adminFields() });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已注册或正在审核中');
  });

  it('refuses an invalid ID number for the admin with the reason', async () => {
    const id = uniqueIdNumber();
    const badCheck = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    const res = await register({ kind: 'department', parentId: zzBureauAdmin.org.id, org: orgFields(), admin: adminFields({ idNumber: badCheck }) });
    expect(res.json().message).toBe('身份证号非法：校验位错误');
  });
});

describe('reject, progress query and withdraw (R-7)', () => {
  it('a rejected registration shows the reason and frees the credit code and ID number', async () => {
    const admin = adminFields();
    const creditCode = uniqueCreditCode();
    const first = await register({ kind: 'department', parentId: zzBureauAdmin.org.id, org: orgFields({ creditCode }), admin });
    const org = await orgOfRegistration(first.json().id);
    const cookie = await login(ctx, zzBureauAdmin);
    const noReason = await ctx.app.inject({ method: 'POST', url: `/api/admin/registrations/organisations/${org.id}/reject`, headers: { cookie }, payload: { version: org.version, reason: '' } });
    expect(noReason.statusCode).toBe(400);
    const reject = await ctx.app.inject({ method: 'POST', url: `/api/admin/registrations/organisations/${org.id}/reject`, headers: { cookie }, payload: { version: org.version, reason: '单位名称与营业执照不一致' } });
    expect(reject.statusCode).toBe(200);

    const progress = await ctx.app.inject({ method: 'GET', url: `/api/registrations/progress?idNumber=${admin.idNumber}&name=${encodeURIComponent(admin.name)}` });
    expect(progress.json().items[0]).toMatchObject({ status: 'rejected', statusLabel: '审核不通过', rejectReason: '单位名称与营业执照不一致', approverName: '郑州市人力资源和社会保障局' });
    const byCode = await ctx.app.inject({ method: 'GET', url: `/api/registrations/progress?creditCode=${creditCode}` });
    expect(byCode.json().items[0]).toMatchObject({ status: 'rejected' });

    const again = await register({ kind: 'department', parentId: zzBureauAdmin.org.id, org: orgFields({ creditCode }), admin: { ...admin, password: 'Another#Pass1' } });
    expect(again.statusCode).toBe(201);
  });

  it('the applicant withdraws a pending registration with their password', async () => {
    const admin = adminFields();
    const res = await register({ kind: 'department', parentId: zzBureauAdmin.org.id, org: orgFields(), admin });
    const id = res.json().id;
    const wrong = await ctx.app.inject({ method: 'POST', url: `/api/registrations/${id}/withdraw`, payload: { idNumber: admin.idNumber, password: 'Nope#12345' } });
    expect(wrong.json().message).toBe('密码错误，请输入注册时设置的密码');
    const ok = await ctx.app.inject({ method: 'POST', url: `/api/registrations/${id}/withdraw`, payload: { idNumber: admin.idNumber, password: admin.password } });
    expect(ok.statusCode).toBe(200);
    const progress = await ctx.app.inject({ method: 'GET', url: `/api/registrations/progress?idNumber=${admin.idNumber}&name=${encodeURIComponent(admin.name)}` });
    expect(progress.json().items[0]).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回' });
    expect((await orgOfRegistration(id)).status).toBe('withdrawn');
    const twice = await ctx.app.inject({ method: 'POST', url: `/api/registrations/${id}/withdraw`, payload: { idNumber: admin.idNumber, password: admin.password } });
    expect(twice.statusCode).toBe(404);
  });

  it('a wrong name shows nothing', async () => {
    const admin = adminFields();
    await register({ kind: 'department', parentId: zzBureauAdmin.org.id, org: orgFields(), admin });
    const res = await ctx.app.inject({ method: 'GET', url: `/api/registrations/progress?idNumber=${admin.idNumber}&name=${encodeURIComponent('李四')}` });
    expect(res.json().items).toEqual([]);
  });
});

describe('second role of an existing person (R-1, 已是本系统用户)', () => {
  it('asks for the existing password and then shares it', async () => {
    const unitAdmin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const base = { kind: 'department', parentId: zzBureauAdmin.org.id, org: orgFields() };
    const wrong = await register({ ...base, admin: adminFields({ idNumber: unitAdmin.idNumber, name: unitAdmin.name, password: 'Other#Pass2026' }) });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ code: 'EXISTING_USER', message: '您已是本系统用户，请输入已有账号的登录密码' });
    const sameRole = await ctx.app.inject({ method: 'POST', url: '/api/registrations/organisations', payload: { kind: 'unit', parentId: (await buildOrg(ctx, { kind: 'department' })).id, org: orgFields(), admin: adminFields({ idNumber: unitAdmin.idNumber, name: unitAdmin.name, password: unitAdmin.password }) } });
    expect(sameRole.json().message).toBe('该身份证号已注册用人单位账号，不能重复注册');
    const ok = await register({ ...base, admin: adminFields({ idNumber: unitAdmin.idNumber, name: unitAdmin.name, password: unitAdmin.password }) });
    expect(ok.statusCode).toBe(201);
  });
});

describe('two reviewers at once', () => {
  it('exactly one approval lands; the other is told it was handled', async () => {
    const dept = await buildOrg(ctx, { kind: 'department', status: 'pending', parent: zzBureauAdmin.org });
    await buildAdmin(ctx, dept, { status: 'pending' });
    const second = await buildAdmin(ctx, zzBureauAdmin.org);
    const [a, b] = await Promise.all([login(ctx, zzBureauAdmin), login(ctx, second)]);
    const results = await Promise.all([
      ctx.app.inject({ method: 'POST', url: `/api/admin/registrations/organisations/${dept.id}/approve`, headers: { cookie: a }, payload: { version: dept.version } }),
      ctx.app.inject({ method: 'POST', url: `/api/admin/registrations/organisations/${dept.id}/reject`, headers: { cookie: b }, payload: { version: dept.version, reason: '重复注册' } }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(loser.json()).toMatchObject({ code: 'ALREADY_HANDLED', message: '该记录已被他人处理，请刷新后查看最新状态' });
    const decisions = await ctx.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.objectId, String(dept.id)), eq(schema.auditLog.objectType, 'organisation')));
    expect(decisions).toHaveLength(1);
  });
});

describe('bureaus set up from above', () => {
  it('the city bureau creates a county bureau admin, who must change the initial password', async () => {
    const county = await bureauOf(ctx, '410102');
    const cookie = await login(ctx, zzBureauAdmin);
    const idNumber = uniqueIdNumber('410102');
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/organisations/${county.id}/admins`,
      headers: { cookie },
      payload: { idNumber, name: '区管理员', phone: '13811112222', email: 'county@test.cn' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().message).toContain('初始密码为身份证号后六位');
    const loginRes = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'hrss', account: idNumber, password: idNumber.slice(-6) } });
    expect(loginRes.json().mustChangePassword).toBe(true);
    // The province cannot be managed from below.
    const province = await bureauOf(ctx, '410000');
    const up = await ctx.app.inject({ method: 'POST', url: `/api/admin/organisations/${province.id}/admins`, headers: { cookie }, payload: { idNumber: uniqueIdNumber(), name: '越权', phone: '13811112223', email: 'x@test.cn' } });
    expect(up.statusCode).toBe(404);
  });
});

describe('choosing an organisation by region', () => {
  it('a city includes its districts; the province code means 省直 only', async () => {
    const dept = await buildOrg(ctx, { kind: 'department' });
    const unit = await buildOrg(ctx, { kind: 'unit', parent: dept, regionCode: '410102', name: `中原区测试学校${Date.now()}` });
    const search = (regionCode: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/public/organisations?kind=unit&regionCode=${regionCode}&q=${encodeURIComponent(unit.name)}` });
    expect((await search('410100')).json().items.map((o: { id: number }) => o.id)).toContain(unit.id);
    expect((await search('410102')).json().items.map((o: { id: number }) => o.id)).toContain(unit.id);
    expect((await search('410103')).json().items).toEqual([]);
    expect((await search('410000')).json().items).toEqual([]);
  });
});
