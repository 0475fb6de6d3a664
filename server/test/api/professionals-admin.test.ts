import { sealIdNumber, sealPhone } from '../../src/db/pii';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { maskIdNumber } from '@ce/shared';
import { schema } from '../../src/db';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, buildWorkDepartment, bureauOf, login, type TestAccount } from '../factories';
import { auditActions, call, register, registrationBody, xlsxText } from './professionals-fixtures';
import { buildDeclaration } from '../factories-declarations';
import { syncPersonYear } from '../../src/modules/statistics/refresh';

let ctx: TestContext;
let bureau: OrgRow;
let dept: OrgRow;
let college: OrgRow;
let school: OrgRow;
let info: { id: number; name: string };
let mech: { id: number; name: string };
type Prof = TestAccount & { certNo: string };
let infoPeople: Prof[];
let mechPeople: Prof[];
let schoolPeople: Prof[];
let cookies: { college: string; scoped: string; dept: string; bureau: string; county: string; school: string };

beforeAll(async () => {
  ctx = await buildTestApp();
  bureau = await bureauOf(ctx, '410100');
  dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
  college = await buildOrg(ctx, { kind: 'unit', parent: dept, regionCode: '410108', name: '郑州测试职业学院' });
  school = await buildOrg(ctx, { kind: 'unit', parent: dept, regionCode: '410102', name: '郑州测试中学' });
  info = await buildWorkDepartment(ctx, college, '信息工程系').then((w) => ({ id: w.id, name: w.name }));
  mech = await buildWorkDepartment(ctx, college, '机电工程系').then((w) => ({ id: w.id, name: w.name }));
  infoPeople = [
    await buildProfessional(ctx, college, { workDepartmentId: info.id, titleSeries: '高校教师', titleLevel: 'senior' }),
    await buildProfessional(ctx, college, { workDepartmentId: info.id, titleSeries: '高校教师', titleLevel: 'intermediate' }),
    await buildProfessional(ctx, college, { workDepartmentId: info.id, titleSeries: '实验技术', titleLevel: 'junior' }),
  ];
  mechPeople = [
    await buildProfessional(ctx, college, { workDepartmentId: mech.id, titleSeries: '高校教师', titleLevel: 'senior' }),
    await buildProfessional(ctx, college, { workDepartmentId: mech.id, titleSeries: '工程技术', titleLevel: 'deputy_senior' }),
  ];
  schoolPeople = [await buildProfessional(ctx, school), await buildProfessional(ctx, school)];
  cookies = {
    college: await login(ctx, await buildAdmin(ctx, college)),
    scoped: await login(ctx, await buildAdmin(ctx, college, { superAdmin: false, permissions: ['person.review', 'account.reset'], workDepartmentIds: [info.id] })),
    dept: await login(ctx, await buildAdmin(ctx, dept)),
    bureau: await login(ctx, await buildAdmin(ctx, bureau)),
    county: await login(ctx, await buildAdmin(ctx, await bureauOf(ctx, '410102'))),
    school: await login(ctx, await buildAdmin(ctx, school)),
  };
});
afterAll(() => ctx.close());

const ids = (res: { json(): { items: { accountId: number }[] } }) => res.json().items.map((i) => i.accountId).sort((a, b) => a - b);
const idsOf = (people: Prof[]) => people.map((p) => p.accountId).sort((a, b) => a - b);

describe('专技人员信息查询 (R-31)', () => {
  it('a unit admin lists their people, masked, and filters them', async () => {
    const all = await call(ctx, cookies.college, 'GET', '/api/admin/professionals?limit=100');
    expect(ids(all)).toEqual(idsOf([...infoPeople, ...mechPeople]));
    const first = all.json().items.find((i: { accountId: number }) => i.accountId === infoPeople[0]!.accountId);
    expect(first).toMatchObject({ idNumberMasked: maskIdNumber(infoPeople[0]!.idNumber), certNo: infoPeople[0]!.certNo, workDepartment: info, unit: { id: college.id } });
    expect(first.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    for (const p of [...infoPeople, ...mechPeople]) expect(all.body).not.toContain(p.idNumber);

    const q = (query: string) => call(ctx, cookies.college, 'GET', `/api/admin/professionals?${query}`);
    expect(ids(await q(`workDepartmentId=${mech.id}`))).toEqual(idsOf(mechPeople));
    expect(ids(await q(`titleSeries=${encodeURIComponent('高校教师')}&titleLevel=senior`))).toEqual(idsOf([infoPeople[0]!, mechPeople[0]!]));
    expect(ids(await q(`q=${infoPeople[1]!.idNumber}`))).toEqual([infoPeople[1]!.accountId]);
    expect(ids(await q(`q=${encodeURIComponent(infoPeople[2]!.name.slice(-4))}`))).toContain(infoPeople[2]!.accountId);
    expect((await q('titleSeries=火箭科学')).statusCode).toBe(400);
  });

  it('pages with a keyset cursor, newest first, without overlap', async () => {
    const seen: number[] = [];
    let after: number | null = null;
    do {
      const res = await call(ctx, cookies.college, 'GET', `/api/admin/professionals?limit=2${after ? `&after=${after}` : ''}`);
      const page = res.json().items.map((i: { accountId: number }) => i.accountId);
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page);
      after = res.json().nextAfter;
    } while (after);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect([...seen].sort((a, b) => a - b)).toEqual(idsOf([...infoPeople, ...mechPeople]));
  });

  it('a department sees its subtree; a 工作部门-scoped admin only their 工作部门', async () => {
    const deptList = await call(ctx, cookies.dept, 'GET', '/api/admin/professionals?limit=100');
    expect(ids(deptList)).toEqual(expect.arrayContaining(idsOf([...infoPeople, ...mechPeople, ...schoolPeople])));
    expect(ids(await call(ctx, cookies.dept, 'GET', `/api/admin/professionals?orgId=${school.id}`))).toEqual(idsOf(schoolPeople));

    const scoped = await call(ctx, cookies.scoped, 'GET', '/api/admin/professionals?limit=100');
    expect(ids(scoped)).toEqual(idsOf(infoPeople));
    expect(ids(await call(ctx, cookies.scoped, 'GET', `/api/admin/professionals?workDepartmentId=${mech.id}`))).toEqual([]);
    expect((await call(ctx, cookies.scoped, 'GET', `/api/admin/professionals/${mechPeople[0]!.accountId}`)).statusCode).toBe(404);
    expect((await call(ctx, cookies.scoped, 'GET', `/api/admin/professionals/${infoPeople[0]!.accountId}`)).statusCode).toBe(200);
    // A sibling unit sees none of it.
    expect(ids(await call(ctx, cookies.school, 'GET', '/api/admin/professionals?limit=100'))).toEqual(idsOf(schoolPeople));
    expect((await call(ctx, cookies.school, 'GET', `/api/admin/professionals/${infoPeople[0]!.accountId}`)).statusCode).toBe(404);
  });

  it('the full ID number and phone only for the person’s own unit', async () => {
    const p = infoPeople[0]!;
    const own = (await call(ctx, cookies.college, 'GET', `/api/admin/professionals/${p.accountId}`)).json();
    expect(own).toMatchObject({ idNumber: p.idNumber, fullIdentity: true, certNo: p.certNo, titleSeries: '高校教师', major: '教育学类', changeRequests: [], transfers: [] });
    expect(own.phone).toMatch(/^\d{11}$/);
    const above = (await call(ctx, cookies.dept, 'GET', `/api/admin/professionals/${p.accountId}`)).json();
    expect(above).toMatchObject({ idNumber: maskIdNumber(p.idNumber), fullIdentity: false });
    expect(above.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(JSON.stringify(above)).not.toContain(p.idNumber);
  });
});

describe('reset password (existing endpoint) for professionals', () => {
  it('the unit resets to the last six characters; a scoped admin only inside their 工作部门', async () => {
    const p = infoPeople[2]!;
    expect((await call(ctx, cookies.scoped, 'POST', `/api/admin/accounts/${mechPeople[1]!.accountId}/reset-password`)).statusCode).toBe(404);
    const reset = await call(ctx, cookies.scoped, 'POST', `/api/admin/accounts/${p.accountId}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'professional', account: p.idNumber, password: p.idNumber.slice(-6) } });
    expect(res.json()).toMatchObject({ mustChangePassword: true });
    await call(ctx, sessionCookie(res), 'POST', '/api/auth/password', { oldPassword: p.idNumber.slice(-6), newPassword: p.password });
    expect((await call(ctx, cookies.school, 'POST', `/api/admin/accounts/${p.accountId}/reset-password`)).statusCode).toBe(404);
  });
});

describe('archive by the HRSS bureau (R-12)', () => {
  it('only a bureau above the unit; the person cannot log in; nothing is deleted; the bureau restores', async () => {
    const p = schoolPeople[1]!;
    const personCookie = await login(ctx, p);
    const body = { version: 0, reason: '退休' };
    expect((await call(ctx, cookies.school, 'POST', `/api/admin/professionals/${p.accountId}/archive`, body)).statusCode).toBe(403);
    expect((await call(ctx, cookies.dept, 'POST', `/api/admin/professionals/${p.accountId}/archive`, body)).statusCode).toBe(403);
    // The 中原区 bureau has the school's region but not the school in its subtree.
    expect((await call(ctx, cookies.county, 'POST', `/api/admin/professionals/${p.accountId}/archive`, body)).statusCode).toBe(404);
    expect((await call(ctx, cookies.bureau, 'POST', `/api/admin/professionals/${p.accountId}/archive`, { version: 0, reason: '' })).statusCode).toBe(400);

    const archived = await call(ctx, cookies.bureau, 'POST', `/api/admin/professionals/${p.accountId}/archive`, body);
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', hoursRetained: true });
    expect(archived.json().message).toContain('学时（分）记录和继续教育证书全部保留在系统中，不会删除');
    expect((await call(ctx, cookies.bureau, 'POST', `/api/admin/professionals/${p.accountId}/archive`, body)).json().code).toBe('ALREADY_HANDLED');

    // Signed out at once, and cannot sign in again.
    expect((await call(ctx, personCookie, 'GET', '/api/me/profile')).statusCode).toBe(401);
    const loginRes = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'professional', account: p.idNumber, password: p.password } });
    expect(loginRes.json().code).toBe('ACCOUNT_DISABLED');
    // Kept: hidden from the default list, found on request, the number cannot be re-registered.
    expect(ids(await call(ctx, cookies.school, 'GET', '/api/admin/professionals'))).not.toContain(p.accountId);
    expect(ids(await call(ctx, cookies.school, 'GET', '/api/admin/professionals?status=archived'))).toEqual([p.accountId]);
    const detail = (await call(ctx, cookies.school, 'GET', `/api/admin/professionals/${p.accountId}`)).json();
    expect(detail).toMatchObject({ status: 'archived', archiveReason: '退休', certNo: p.certNo });
    const again = await register(ctx, registrationBody(school, { idNumber: p.idNumber, name: p.name, password: p.password }));
    expect(again.statusCode).toBe(409);

    const restore = await call(ctx, cookies.bureau, 'POST', `/api/admin/professionals/${p.accountId}/restore`, { version: 1 });
    expect(restore.json()).toMatchObject({ status: 'active', hoursRetained: true });
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'professional', account: p.idNumber, password: p.password } })).statusCode).toBe(200);
    expect(await auditActions(ctx, 'account', p.accountId)).toEqual(expect.arrayContaining(['professional.archive', 'professional.restore']));
  });

  it('is refused while something of the person is under review', async () => {
    const p = schoolPeople[0]!;
    const change = await call(ctx, await login(ctx, p), 'POST', '/api/me/change-requests/title', { titleSeries: '会计', titleLevel: 'junior' });
    const res = await call(ctx, cookies.bureau, 'POST', `/api/admin/professionals/${p.accountId}/archive`, { version: 0, reason: '去世' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('不能注销：有待审核的专业技术职务修改申请，审核完成或撤回后才能办理');
    await call(ctx, cookies.school, 'POST', `/api/admin/professional-changes/${change.json().id}/reject`, { version: 0, reason: '无证书' });
  });
});

describe('Excel export of the current filter', () => {
  it('streams an xlsx with Chinese headers; own unit\'s ID numbers in full, with the chosen year\'s hours and result', async () => {
    // 2024: the first person passed (public 30 + professional 60); the second has 20 professional hours only.
    const [passer, short] = [infoPeople[0]!, infoPeople[1]!];
    await buildDeclaration(ctx, passer, { year: 2024, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, passer, { year: 2024, subject: 'professional', claimedHours: 60 });
    await buildDeclaration(ctx, short, { year: 2024, subject: 'professional', claimedHours: 20 });
    for (const p of [passer, short]) await syncPersonYear(ctx.deps.db, p.personId, 2024, ctx.deps.now());

    const res = await call(ctx, cookies.college, 'GET', `/api/admin/professionals/export.xlsx?workDepartmentId=${info.id}&year=2024`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('专业技术人员.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('专业技术人员')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['姓名', '身份证号', '性别', '手机号码', '所在单位', '工作部门', '职称系列', '职称级别', '证书管理号', '账号状态', '注册时间', '2024年度公需学时', '2024年度专业学时', '2024年度认定结果']);
    const body = rows.slice(1);
    // The college's own admins verify their people's ID numbers: in full (the detail drawer's rule).
    expect(body.map((r) => r[1]).sort()).toEqual(infoPeople.map((p) => p.idNumber).sort());
    expect(body.map((r) => r[5])).toEqual(Array(infoPeople.length).fill('信息工程系'));
    expect(body.find((r) => r[8] === infoPeople[0]!.certNo)?.[7]).toBe('正高级');
    const byCert = (p: Prof) => body.find((r) => r[8] === p.certNo)!.slice(11);
    expect(byCert(passer)).toEqual([30, 60, '通过']);
    expect(byCert(short)).toEqual([0, 20, '未通过']);
    // Registered after 2024 (the factories register today) and nothing counted: no result for that year.
    expect(byCert(infoPeople[2]!)).toEqual([0, 0, '—（当年尚未注册）']);

    // The department above sees the same people masked.
    const above = await call(ctx, cookies.dept, 'GET', `/api/admin/professionals/export.xlsx?orgId=${college.id}&workDepartmentId=${info.id}&year=2024`);
    const aboveBook = new ExcelJS.Workbook();
    await aboveBook.xlsx.load(above.rawPayload as unknown as ArrayBuffer);
    const aboveRows = aboveBook.getWorksheet('专业技术人员')!.getSheetValues().filter(Boolean).slice(1).map((r) => (r as unknown[]).slice(1));
    expect(aboveRows.map((r) => r[1]).sort()).toEqual(infoPeople.map((p) => maskIdNumber(p.idNumber)).sort());
    expect(aboveRows.find((r) => r[8] === passer.certNo)!.slice(11)).toEqual([30, 60, '通过']);
    expect(JSON.stringify(aboveRows)).not.toContain(infoPeople[0]!.idNumber);

    // A future year is refused in Chinese.
    const future = await call(ctx, cookies.college, 'GET', '/api/admin/professionals/export.xlsx?year=2100');
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toMatch(/^尚未到2100年度/);
    // The raw reader the authorization matrix uses sees the same content.
    expect(xlsxText(res.rawPayload)).toContain(infoPeople[0]!.certNo);
    expect(xlsxText(res.rawPayload)).not.toContain(mechPeople[0]!.certNo);

    // The scoped admin's export holds their 工作部门 only, whatever the filter says.
    const scopedRes = await call(ctx, cookies.scoped, 'GET', `/api/admin/professionals/export.xlsx?workDepartmentId=${mech.id}`);
    const scopedBook = new ExcelJS.Workbook();
    await scopedBook.xlsx.load(scopedRes.rawPayload as unknown as ArrayBuffer);
    expect(scopedBook.getWorksheet('专业技术人员')!.actualRowCount).toBe(1);
  });

  it('pages through more rows than one database page', async () => {
    const big = await buildOrg(ctx, { kind: 'unit', parent: dept, regionCode: '410104' });
    const n = 1050;
    const db = ctx.deps.db;
    const persons = await db
      .insert(schema.persons)
      .values(Array.from({ length: n }, (_, i) => ({ ...sealIdNumber(`BULK${String(i).padStart(14, '0')}`), name: `批量${i}`, passwordHash: 'x', phoneEnc: sealPhone('13800000000') })))
      .returning({ id: schema.persons.id });
    await db.insert(schema.accounts).values(persons.map((p) => ({ personId: p.id, role: 'professional' as const, orgId: big.id, orgPath: big.path, status: 'active' as const })));
    await db.insert(schema.professionalProfiles).values(
      persons.map((p, i) => ({ personId: p.id, certNo: `410104${String(i + 1).padStart(7, '0')}`, gender: 'male' as const, birthDate: '1980-01-01', major: '计算机类', titleSeries: '工程技术', titleLevel: 'junior' as const })),
    );
    const res = await call(ctx, cookies.dept, 'GET', `/api/admin/professionals/export.xlsx?orgId=${big.id}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book.getWorksheet('专业技术人员')!.getSheetValues().filter(Boolean).slice(1) as unknown[][];
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r[9])).size).toBe(n);
  });

  it('is audited, for the bureaus above to see', async () => {
    const exports = async () =>
      (await call(ctx, cookies.bureau, 'GET', '/api/admin/audit?action=professional.export')).json().items.filter(
        (e: { actorOrgName: string }) => e.actorOrgName === college.name,
      ).length;
    const before = await exports();
    await call(ctx, cookies.college, 'GET', `/api/admin/professionals/export.xlsx?titleLevel=senior`);
    expect(await exports()).toBe(before + 1);
  });
});
