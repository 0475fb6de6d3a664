/**
 * 查询统计 over a fixture province: every figure the API gives is compared with counts computed
 * here, independently, from the raw rows (accounts, profiles, organisations, declarations), and no
 * admin ever sees figures or names from outside their subtree.
 */
import { personColumns } from '../../src/db/pii';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { desc, eq } from 'drizzle-orm';
import type { FormCode, TitleLevel } from '@ce/shared';
import { schema } from '../../src/db';
import { submitted } from '../../src/modules/declarations/submitted';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, buildWorkDepartment, bureauOf, login, type TestAccount } from '../factories';
import { approve, buildDeclaration, call, expectStatus, TEST_NOW, YEAR } from '../factories-declarations';

let ctx: TestContext;
let province: OrgRow;
let zz: OrgRow;
let zzDept: OrgRow;
let zzUnit: OrgRow;
let zzUnit2: OrgRow;
let jinshui: OrgRow;
let jsUnit: OrgRow;
let zk: OrgRow;
let zkUnit: OrgRow;
let szUnit: OrgRow;
let wdA: { id: number; name: string };
let wdB: { id: number; name: string };
const cookies: Record<string, string> = {};
let pendingId = 0;
let pendingPerson: TestAccount;

interface Plan {
  unit: () => OrgRow;
  wd?: () => { id: number };
  series: string;
  level: TitleLevel;
  /** [subject, form, hours, outcome] */
  records: [('public' | 'professional'), FormCode, number, ('approved' | 'pending' | 'rejected')][];
  archived?: boolean;
}

const PLANS: Plan[] = [
  // Zhengzhou unit with two 工作部门
  { unit: () => zzUnit, wd: () => wdA, series: '高校教师', level: 'senior', records: [['public', 'training', 30, 'approved'], ['professional', 'training', 60, 'approved']] },
  { unit: () => zzUnit, wd: () => wdA, series: '高校教师', level: 'intermediate', records: [['public', 'training', 12, 'approved'], ['professional', 'grassroots_service', 18, 'approved']] },
  { unit: () => zzUnit, wd: () => wdB, series: '工程技术', level: 'junior', records: [['professional', 'training', 40, 'pending']] },
  { unit: () => zzUnit, wd: () => wdB, series: '工程技术', level: 'intermediate', records: [['public', 'training', 30, 'approved'], ['professional', 'training', 70, 'approved'], ['professional', 'training', 8, 'rejected']] },
  { unit: () => zzUnit, series: '会计', level: 'junior', records: [] },
  { unit: () => zzUnit, series: '会计', level: 'junior', records: [['public', 'training', 50, 'approved']], archived: true },
  // Zhengzhou unit located in 金水区, under the same department
  { unit: () => zzUnit2, series: '卫生技术', level: 'senior', records: [['public', 'training', 36, 'approved'], ['professional', 'grassroots_service', 66, 'approved']] },
  { unit: () => zzUnit2, series: '卫生技术', level: 'intermediate', records: [['professional', 'grassroots_service', 12, 'approved']] },
  // 金水区 bureau's own unit
  { unit: () => jsUnit, series: '中小学教师', level: 'intermediate', records: [['public', 'training', 30, 'approved'], ['professional', 'training', 30, 'approved'], ['professional', 'grassroots_service', 30, 'approved']] },
  { unit: () => jsUnit, series: '中小学教师', level: 'junior', records: [['public', 'training', 6, 'approved']] },
  // Zhoukou
  { unit: () => zkUnit, series: '农业技术', level: 'intermediate', records: [['public', 'training', 30, 'approved'], ['professional', 'training', 60, 'approved']] },
  { unit: () => zkUnit, series: '农业技术', level: 'junior', records: [['public', 'training', 3, 'approved']] },
  // 省直
  { unit: () => szUnit, series: '经济', level: 'senior', records: [['public', 'training', 30, 'pending'], ['professional', 'training', 90, 'approved']] },
];

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  province = await bureauOf(ctx, '410000');
  zz = await bureauOf(ctx, '410100');
  jinshui = await bureauOf(ctx, '410105');
  zk = await bureauOf(ctx, '411600');
  zzDept = await buildOrg(ctx, { kind: 'department', parent: zz, name: '郑州市教育局' });
  zzUnit = await buildOrg(ctx, { kind: 'unit', parent: zzDept, name: '郑州职业技术学院' });
  zzUnit2 = await buildOrg(ctx, { kind: 'unit', parent: zzDept, name: '金水区人民医院', regionCode: '410105' });
  jsUnit = await buildOrg(ctx, { kind: 'unit', parent: jinshui, name: '金水区第一中学' });
  const zkDept = await buildOrg(ctx, { kind: 'department', parent: zk, name: '周口市农业农村局' });
  zkUnit = await buildOrg(ctx, { kind: 'unit', parent: zkDept, name: '周口市农业科学院' });
  const szDept = await buildOrg(ctx, { kind: 'department', parent: province, name: '省发展和改革委员会' });
  szUnit = await buildOrg(ctx, { kind: 'unit', parent: szDept, name: '省经济研究中心' });
  wdA = await buildWorkDepartment(ctx, zzUnit, '信息工程系');
  wdB = await buildWorkDepartment(ctx, zzUnit, '机电工程系');

  for (const plan of PLANS) {
    const person = await buildProfessional(ctx, plan.unit(), { workDepartmentId: plan.wd?.().id ?? null, titleSeries: plan.series, titleLevel: plan.level });
    for (const [subject, form, hours, outcome] of plan.records) {
      const d = await buildDeclaration(ctx, person, {
        subject,
        form,
        claimedHours: hours,
        outcome,
        params: form === 'grassroots_service' ? { days: hours / 6 } : {},
      });
      if (outcome === 'pending' && plan.unit() === zzUnit) {
        pendingId = d.id;
        pendingPerson = person;
      }
    }
    if (plan.archived) await ctx.deps.db.update(schema.accounts).set({ status: 'archived' }).where(eq(schema.accounts.id, person.accountId));
  }

  await markSources();

  const admins: Record<string, TestAccount> = {
    province: await buildAdmin(ctx, province),
    zz: await buildAdmin(ctx, zz),
    zzDept: await buildAdmin(ctx, zzDept),
    zzUnit: await buildAdmin(ctx, zzUnit),
    wdScoped: await buildAdmin(ctx, zzUnit, { superAdmin: false, permissions: ['statistics.view', 'declaration.review'], workDepartmentIds: [wdB.id] }),
    noPermission: await buildAdmin(ctx, zzUnit, { superAdmin: false, permissions: ['declaration.review'] }),
    zk: await buildAdmin(ctx, zk),
    jinshui: await buildAdmin(ctx, jinshui),
  };
  for (const [k, a] of Object.entries(admins)) cookies[k] = await login(ctx, a);
  // The fixture's records were written straight into the tables (like historic data): the first
  // refresh fills in their person-years.
  expectStatus(await call(ctx, cookies.province!, 'POST', '/api/admin/statistics/refresh', { year: YEAR }), 200);
});
afterAll(() => ctx.close());

/**
 * 学时来源 of the fixture: the Zhoukou unit's records came in a batch of the unit, the 金水区 hospital's
 * in a batch of its department, one 金水区 school record is a 学时转登 and another came from another
 * province; the rest are personal.
 */
async function markSources() {
  const db = ctx.deps.db;
  const batchOf = async (declarer: OrgRow, unit: OrgRow) => {
    const [batch] = await db
      .insert(schema.declarationBatches)
      .values({
        declarerAccountId: 1,
        declarerName: '批量申报人',
        declarerOrgId: declarer.id,
        declarerOrgPath: declarer.path,
        declarerOrgKind: declarer.kind as 'unit' | 'department',
        fileId: 1,
        fileName: '批量申报.xlsx',
        fileSha256: `sha-${declarer.id}`,
        jobId: `job-${declarer.id}`,
        status: 'imported',
        createdAt: ctx.clock.now,
      })
      .returning();
    await db.update(schema.declarations).set({ batchId: batch!.id }).where(eq(schema.declarations.unitId, unit.id));
  };
  await batchOf(zkUnit, zkUnit);
  await batchOf(zzDept, zzUnit2);
  const [school] = await db.select().from(schema.declarations).where(eq(schema.declarations.unitId, jsUnit.id)).orderBy(schema.declarations.id).limit(1);
  // The 金水区 school's second person brought hours from another province.
  const [moved] = await db.select().from(schema.declarations).where(eq(schema.declarations.unitId, jsUnit.id)).orderBy(desc(schema.declarations.id)).limit(1);
  await db.update(schema.declarations).set({ originProvince: '湖北省' }).where(eq(schema.declarations.id, moved!.id));
  await db.insert(schema.historicalHourEntries).values({
    declarationId: school!.id,
    personId: school!.personId,
    orgId: jsUnit.id,
    accountId: 1,
    enteredByName: '转登人',
    paperCertificateNo: 'ZS-2020-001',
    enteredAt: ctx.clock.now,
  });
}

// ------------------------------------------------------------------ the independent computation

interface Person {
  personId: number;
  unit: OrgRow;
  wd: number | null;
  series: string;
  level: string;
  name: string;
  pub: number;
  prof: number;
  pending: number;
}

async function rawWorld() {
  const db = ctx.deps.db;
  const orgs = new Map((await db.select().from(schema.organisations)).map((o) => [o.id, o]));
  const accounts = (await db.select().from(schema.accounts)).filter((a) => a.role === 'professional' && a.status === 'active');
  const profiles = new Map((await db.select().from(schema.professionalProfiles)).map((p) => [p.personId, p]));
  const persons = new Map((await db.select(personColumns).from(schema.persons)).map((p) => [p.id, p]));
  // Drafts count nowhere; every other record holds its form, subject and hours.
  const decls = (await db.select().from(schema.declarations))
    .filter((d) => d.year === YEAR && d.status !== 'draft')
    .map((d) => submitted(d, ['form', 'subject', 'claimedHours']));
  const people: Person[] = accounts.map((a) => {
    const mine = decls.filter((d) => d.personId === a.personId);
    const sum = (subject: string) => mine.filter((d) => d.status === 'approved' && d.subject === subject).reduce((s, d) => s + d.claimedHours, 0);
    return {
      personId: a.personId,
      unit: orgs.get(a.orgId)!,
      wd: a.workDepartmentId,
      series: profiles.get(a.personId)!.titleSeries,
      level: profiles.get(a.personId)!.titleLevel,
      name: persons.get(a.personId)!.name,
      pub: sum('public'),
      prof: sum('professional'),
      pending: mine.filter((d) => d.status === 'pending').length,
    };
  });
  const activePersons = new Set(accounts.map((a) => a.personId));
  const batches = new Map((await db.select().from(schema.declarationBatches)).map((b) => [b.id, b.declarerOrgKind]));
  const historical = new Set((await db.select().from(schema.historicalHourEntries)).map((h) => h.declarationId));
  const sourceOf = (d: (typeof decls)[number]) =>
    d.batchId !== null ? `${batches.get(d.batchId)}_batch` : d.originProvince !== null ? 'province_transfer' : historical.has(d.id) ? 'historical' : 'personal';
  return { people, decls: decls.filter((d) => activePersons.has(d.personId)).map((d) => ({ ...d, source: sourceOf(d) })) };
}

// 2018 onwards: 30 公需 + 60 专业 for everyone (SPEC §7).
const passes = (p: Person) => p.pub >= 30 && p.prof >= 60;

function figures(people: Person[]) {
  const registered = people.length;
  const passed = people.filter(passes).length;
  return {
    registered,
    withHours: people.filter((p) => p.pub + p.prof > 0).length,
    passed,
    passRate: registered ? Math.round((passed / registered) * 10000) / 10000 : 0,
    publicHours: people.reduce((s, p) => s + p.pub, 0),
    professionalHours: people.reduce((s, p) => s + p.prof, 0),
    pending: people.reduce((s, p) => s + p.pending, 0),
  };
}
const inside = (org: OrgRow) => (p: Person) => p.unit.path.startsWith(org.path);
const pick = ({ registered, withHours, passed, passRate, publicHours, professionalHours, pending }: Record<string, unknown>) => ({
  registered,
  withHours,
  passed,
  passRate,
  publicHours,
  professionalHours,
  pending,
});

const get = (cookie: string, url: string) => call(ctx, cookie, 'GET', url);

describe('statistics of the fixture province', () => {
  it('the province: totals, by city, by 职称, by form match the raw rows', async () => {
    const { people, decls } = await rawWorld();
    const res = await get(cookies.province!, `/api/admin/statistics/overview?year=${YEAR}`);
    expectStatus(res, 200);
    const body = res.json();
    expect(body.refreshedAt).not.toBeNull();
    expect(pick(body.totals)).toEqual(figures(people));
    expect(body.totals.registered).toBe(PLANS.filter((p) => !p.archived).length);

    const cityOf = (p: Person) => (p.unit.regionCode === '410000' ? '410000' : `${p.unit.regionCode.slice(0, 4)}00`);
    const cities = [...new Set(people.map(cityOf))].sort();
    expect(body.byRegion.map((r: { regionCode: string }) => r.regionCode)).toEqual(cities);
    for (const row of body.byRegion) expect(pick(row), row.regionName).toEqual(figures(people.filter((p) => cityOf(p) === row.regionCode)));
    expect(body.byRegion.find((r: { regionCode: string }) => r.regionCode === '410100').regionName).toBe('郑州市');

    const seriesKeys = [...new Set(people.map((p) => `${p.series}|${p.level}`))].sort();
    expect(body.bySeries.map((r: { titleSeries: string; titleLevel: string }) => `${r.titleSeries}|${r.titleLevel}`).sort()).toEqual(seriesKeys);
    for (const row of body.bySeries) {
      expect(pick(row)).toEqual(figures(people.filter((p) => p.series === row.titleSeries && p.level === row.titleLevel)));
    }

    const forms = new Map<string, { pub: number; prof: number; pending: number }>();
    for (const d of decls) {
      const f = forms.get(d.form) ?? { pub: 0, prof: 0, pending: 0 };
      if (d.status === 'approved') f[d.subject === 'public' ? 'pub' : 'prof'] += d.claimedHours;
      if (d.status === 'pending') f.pending++;
      forms.set(d.form, f);
    }
    const formRows = Object.fromEntries(
      body.byForm.map((r: { form: string; publicHours: number; professionalHours: number; pending: number }) => [r.form, { pub: r.publicHours, prof: r.professionalHours, pending: r.pending }]),
    );
    const expectedForms = Object.fromEntries([...forms.entries()].filter(([, f]) => f.pub + f.prof + f.pending > 0));
    expect(formRows).toEqual(expectedForms);
    expect(body.byForm.find((r: { form: string }) => r.form === 'grassroots_service').formLabel).toBe('服务基层活动');

    const sources = new Map<string, { pub: number; prof: number; pending: number }>();
    for (const d of decls) {
      const f = sources.get(d.source) ?? { pub: 0, prof: 0, pending: 0 };
      if (d.status === 'approved') f[d.subject === 'public' ? 'pub' : 'prof'] += d.claimedHours;
      if (d.status === 'pending') f.pending++;
      sources.set(d.source, f);
    }
    const sourceRows = Object.fromEntries(
      body.bySource.map((r: { source: string; publicHours: number; professionalHours: number; pending: number }) => [r.source, { pub: r.publicHours, prof: r.professionalHours, pending: r.pending }]),
    );
    expect(sourceRows).toEqual(Object.fromEntries([...sources.entries()].filter(([, f]) => f.pub + f.prof + f.pending > 0)));
    expect(Object.keys(sourceRows).sort()).toEqual(['department_batch', 'historical', 'personal', 'province_transfer', 'unit_batch']);
    expect(body.bySource.map((r: { sourceLabel: string }) => r.sourceLabel)).toEqual(['个人申报', '单位批量申报', '主管部门批量申报', '学时转登（纸质证书）', '外省转入']);
  });

  it('a city bureau’s hours by source count only its own subtree, and export to Excel', async () => {
    const { decls, people } = await rawWorld();
    const mineIds = new Set(people.filter(inside(zz)).map((p) => p.personId));
    const mine = decls.filter((d) => mineIds.has(d.personId) && d.status === 'approved');
    const body = (await get(cookies.zz!, `/api/admin/statistics/overview?year=${YEAR}`)).json();
    const total = (source: string) => mine.filter((d) => d.source === source).reduce((s, d) => s + d.claimedHours, 0);
    for (const row of body.bySource) expect(row.publicHours + row.professionalHours, row.source).toBe(total(row.source));
    // Zhoukou's unit batch is not the Zhengzhou bureau's.
    expect(body.bySource.map((r: { source: string }) => r.source)).not.toContain('unit_batch');
    const res = await get(cookies.zz!, `/api/admin/statistics/table.xlsx?year=${YEAR}&table=source`);
    expectStatus(res, 200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['学时来源', '公需学时', '专业学时', '待审核申报']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(body.bySource.map((r: { sourceLabel: string }) => r.sourceLabel));
  });

  it('a city bureau: its own subtree only, by county, drill-down with breadcrumbs', async () => {
    const { people } = await rawWorld();
    const mine = people.filter(inside(zz));
    const body = (await get(cookies.zz!, `/api/admin/statistics/overview?year=${YEAR}`)).json();
    expect(pick(body.totals)).toEqual(figures(mine));
    expect(body.breadcrumbs.map((b: { id: number }) => b.id)).toEqual([zz.id]);
    const byRegion = Object.fromEntries(body.byRegion.map((r: { regionCode: string; registered: number }) => [r.regionCode, r.registered]));
    expect(byRegion).toEqual({
      '410100': mine.filter((p) => p.unit.regionCode === '410100').length,
      '410105': mine.filter((p) => p.unit.regionCode === '410105').length,
    });

    const children = (await get(cookies.zz!, `/api/admin/statistics/children?year=${YEAR}`)).json();
    const childIds = children.items.map((c: { org: { id: number } }) => c.org.id);
    expect(childIds).toContain(zzDept.id);
    expect(childIds).toContain(jinshui.id);
    for (const c of children.items) {
      const org = (await ctx.deps.db.select().from(schema.organisations).where(eq(schema.organisations.id, c.org.id)))[0]!;
      expect(pick(c), c.org.name).toEqual(figures(people.filter(inside(org))));
    }
    // Drill down to a unit: the breadcrumbs go from the bureau to the unit and no higher.
    const unit = (await get(cookies.zz!, `/api/admin/statistics/overview?year=${YEAR}&orgId=${zzUnit.id}`)).json();
    expect(unit.breadcrumbs.map((b: { name: string }) => b.name)).toEqual([zz.name, '郑州市教育局', '郑州职业技术学院']);
    expect(pick(unit.totals)).toEqual(figures(people.filter(inside(zzUnit))));
    const wd = Object.fromEntries(unit.byWorkDepartment.map((w: { workDepartmentName: string; registered: number; passed: number }) => [w.workDepartmentName, [w.registered, w.passed]]));
    const zzPeople = people.filter(inside(zzUnit));
    expect(wd).toEqual({
      信息工程系: [zzPeople.filter((p) => p.wd === wdA.id).length, zzPeople.filter((p) => p.wd === wdA.id && passes(p)).length],
      机电工程系: [zzPeople.filter((p) => p.wd === wdB.id).length, zzPeople.filter((p) => p.wd === wdB.id && passes(p)).length],
      未分配工作部门: [zzPeople.filter((p) => p.wd === null).length, zzPeople.filter((p) => p.wd === null && passes(p)).length],
    });
  });

  it('the 未达标名单 lists exactly the people of the scope who have not passed, with what they miss', async () => {
    const { people } = await rawWorld();
    const expected = people.filter(inside(zz)).filter((p) => !passes(p));
    const body = (await get(cookies.zz!, `/api/admin/statistics/unmet?year=${YEAR}&limit=200`)).json();
    expect(body.items.map((i: { name: string }) => i.name).sort()).toEqual(expected.map((p) => p.name).sort());
    expect(body.total).toBe(expected.length);
    for (const item of body.items) {
      const p = expected.find((x) => x.name === item.name)!;
      expect(item.idNumberMasked).toContain('*');
      expect([item.missingPublic, item.missingProfessional]).toEqual([Math.max(0, 30 - p.pub), Math.max(0, 60 - p.prof)]);
    }
    // Filtered: only those missing 公需 hours, and by 工作部门.
    const pub = (await get(cookies.zz!, `/api/admin/statistics/unmet?year=${YEAR}&missing=public&limit=200`)).json();
    expect(pub.items.map((i: { name: string }) => i.name).sort()).toEqual(expected.filter((p) => p.pub < 30).map((p) => p.name).sort());
    expect(pub.total).toBeNull();
    const byWd = (await get(cookies.zzUnit!, `/api/admin/statistics/unmet?year=${YEAR}&workDepartmentId=${wdA.id}`)).json();
    expect(byWd.items.map((i: { name: string }) => i.name)).toEqual(expected.filter((p) => p.wd === wdA.id).map((p) => p.name));
    // Keyset pages add up to the whole list.
    const first = (await get(cookies.zz!, `/api/admin/statistics/unmet?year=${YEAR}&limit=2`)).json();
    const second = (await get(cookies.zz!, `/api/admin/statistics/unmet?year=${YEAR}&limit=200&before=${first.nextBefore}`)).json();
    expect([...first.items, ...second.items].map((i: { name: string }) => i.name).sort()).toEqual(expected.map((p) => p.name).sort());
  });

  it('the 未达标名单 and a statistics table export to Excel', async () => {
    const { people } = await rawWorld();
    const expected = people.filter(inside(zz)).filter((p) => !passes(p));
    const res = await get(cookies.zz!, `/api/admin/statistics/unmet.xlsx?year=${YEAR}`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['姓名', '身份证号', '所在单位', '工作部门', '职称系列', '职称级别', '公需学时', '应修公需', '尚缺公需', '专业学时', '应修专业', '尚缺专业']);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(expected.map((p) => p.name).sort());

    const table = await get(cookies.zz!, `/api/admin/statistics/table.xlsx?year=${YEAR}&table=region`);
    expectStatus(table, 200);
    const regionRows = await sheetRows(table.rawPayload);
    expect(regionRows[0]!.slice(0, 4)).toEqual(['地区', '注册人数', '有学时人数', '达标人数']);
    expect(regionRows.slice(1).map((r) => r[0])).toEqual(['郑州市', '郑州市金水区']);
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'statistics.exportUnmet'));
    expect(audit).toHaveLength(1);
  });

  it('trend over years, and a year nobody refreshed yet shows zeros without a refresh time', async () => {
    const { people } = await rawWorld();
    const body = (await get(cookies.zz!, `/api/admin/statistics/trend?from=${YEAR - 1}&to=${YEAR}`)).json();
    expect(body.items.map((i: { year: number }) => i.year)).toEqual([YEAR - 1, YEAR]);
    expect(body.items[0].refreshedAt).toBeNull();
    expect(body.items[0].registered).toBe(0);
    expect(pick(body.items[1])).toEqual(figures(people.filter(inside(zz))));
  });
});

describe('scope', () => {
  it('an admin never sees figures or names from outside their subtree', async () => {
    for (const url of [
      `/api/admin/statistics/overview?orgId=${zkUnit.id}`,
      `/api/admin/statistics/children?orgId=${zk.id}`,
      `/api/admin/statistics/trend?orgId=${province.id}&from=2025&to=2026`,
      `/api/admin/statistics/unmet?orgId=${szUnit.id}`,
      `/api/admin/statistics/unmet.xlsx?orgId=${zk.id}`,
      `/api/admin/statistics/table.xlsx?orgId=${province.id}&table=region`,
    ]) {
      const res = await get(cookies.zz!, url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
    }
    const { people } = await rawWorld();
    // The 金水区 bureau sees its own unit's people, not the Zhengzhou bureau's unit located in 金水区.
    const js = (await get(cookies.jinshui!, `/api/admin/statistics/overview?year=${YEAR}`)).json();
    expect(js.totals.registered).toBe(people.filter(inside(jinshui)).length);
    const jsUnmet = (await get(cookies.jinshui!, `/api/admin/statistics/unmet?year=${YEAR}&limit=200`)).json();
    const outsiders = new Set(people.filter((p) => !inside(jinshui)(p)).map((p) => p.name));
    expect(jsUnmet.items.length).toBeGreaterThan(0);
    expect(jsUnmet.items.filter((i: { name: string }) => outsiders.has(i.name))).toEqual([]);
    // Breadcrumbs never name what lies above the admin.
    expect(js.breadcrumbs.map((b: { id: number }) => b.id)).toEqual([jinshui.id]);
  });

  it('a 工作部门-scoped admin sees only their 工作部门; without the permission: 403', async () => {
    const { people } = await rawWorld();
    const mine = people.filter((p) => p.wd === wdB.id);
    const body = (await get(cookies.wdScoped!, `/api/admin/statistics/overview?year=${YEAR}`)).json();
    expect(body.scopeNote).toContain('部分工作部门');
    expect(pick(body.totals)).toEqual(figures(mine));
    expect(body.bySeries).toEqual([]);
    expect(body.byWorkDepartment.map((w: { workDepartmentName: string }) => w.workDepartmentName)).toEqual(['机电工程系']);
    const unmet = (await get(cookies.wdScoped!, `/api/admin/statistics/unmet?year=${YEAR}`)).json();
    expect(unmet.items.map((i: { name: string }) => i.name).sort()).toEqual(mine.filter((p) => !passes(p)).map((p) => p.name).sort());
    expectStatus(await get(cookies.noPermission!, `/api/admin/statistics/overview?year=${YEAR}`), 403);
  });

  it('only the province bureau rebuilds the figures on demand', async () => {
    expectStatus(await call(ctx, cookies.zz!, 'POST', '/api/admin/statistics/refresh', { year: YEAR }), 403);
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'statistics.refresh'));
    expect(audit.length).toBeGreaterThan(0);
  });
});

describe('maintained in the approval transaction', () => {
  it('the final approval updates the person-year at once; the rollups follow at the next refresh', async () => {
    const before = (await get(cookies.zz!, `/api/admin/statistics/overview?year=${YEAR}`)).json();
    const [row] = await ctx.deps.db.select().from(schema.statPersonYears).where(eq(schema.statPersonYears.personId, pendingPerson.personId));
    expect(row).toBeUndefined(); // nothing approved yet
    const levels = [await login(ctx, await buildAdmin(ctx, zzUnit)), await login(ctx, await buildAdmin(ctx, zzDept)), cookies.zz!];
    for (const cookie of levels) expectStatus(await approve(ctx, cookie, pendingId), 200);
    const [after] = await ctx.deps.db.select().from(schema.statPersonYears).where(eq(schema.statPersonYears.personId, pendingPerson.personId));
    expect(after).toMatchObject({ year: YEAR, publicHours: 0, professionalHours: 40, requiredPublic: 30, requiredProfessional: 60, passed: false });
    // Until the rollups are rebuilt the figures are those of the last refresh (and say when that was).
    const stale = (await get(cookies.zz!, `/api/admin/statistics/overview?year=${YEAR}`)).json();
    expect(stale.totals).toEqual(before.totals);
    expectStatus(await call(ctx, cookies.province!, 'POST', '/api/admin/statistics/refresh', { year: YEAR }), 200);
    const fresh = (await get(cookies.zz!, `/api/admin/statistics/overview?year=${YEAR}`)).json();
    expect(fresh.totals.professionalHours).toBe(before.totals.professionalHours + 40);
    expect(fresh.totals.pending).toBe(before.totals.pending - 1);
    expect(fresh.totals.withHours).toBe(before.totals.withHours + 1);
    const { people } = await rawWorld();
    expect(pick(fresh.totals)).toEqual(figures(people.filter(inside(zz))));
  });
});

async function sheetRows(data: Buffer): Promise<unknown[][]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {});
  const rows: unknown[][] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) rows.push((row.values as unknown[]).slice(1));
    break;
  }
  return rows;
}
