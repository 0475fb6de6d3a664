import { personIdNumber } from '../db/pii';
import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import { makeCreditCode, makeIdNumber, type OrgKind } from '@ce/shared';
import { schema, type Tx } from '../db';
import type { Deps } from '../http/context';
import { insertOrg, type OrgRow } from '../modules/organisations/repo';
import { personForNewAccount } from '../modules/auth/persons';
import { DEMO_CERT_HOLDER, seedDemoProfessionals } from './professionals';
import { seedDemoCertificates, seedDemoSeals } from './certificates';
import { seedDemoDeclarations, type DemoDeclarant } from './declarations';
import { signingKeyVault } from '../modules/certificates/keys';
import { fileStorageFor } from '../modules/files/storage';
import { seedDemoPortal } from './portal';
import { seedDemoPlatform } from './platforms';
import { seedDemoBaseClass } from './bases';
import { platformSecretVault } from '../modules/platforms/vault';
import { enrolWithSecret, secondFactorRequired } from '../modules/auth/mfa';

/** Every demo account signs in with this password (README lists the accounts). */
export const DEMO_PASSWORD = 'Demo@2026';
/**
 * The authenticator secret (base32) of every demo admin who needs the second factor (README: add it
 * to an authenticator app by hand to sign in as them).
 */
export const DEMO_TOTP_SECRET = 'HENANJXJYDEMOMFAHENANJXJYDEMOMFA';

interface DemoPerson {
  name: string;
  region: string;
  birth: string;
  seq: number;
  phone: string;
}
const id = (p: DemoPerson) => makeIdNumber({ regionCode: p.region, birthDate: p.birth, sequence: p.seq });

interface DemoOrg {
  key: string;
  kind: Exclude<OrgKind, 'hrss'>;
  name: string;
  parent: string; // key of a demo org, or 'hrss:<region code>'
  region: string;
  creditPrefix: string; // 2 chars: registration authority + category
  nature: string;
  level: string;
  industry: string;
  status: 'active' | 'pending';
  admin: DemoPerson;
  workDepartments?: string[];
}

/** Bureau admins: each bureau is set up from above (the province admin comes from the CLI in production). */
export const DEMO_BUREAU_ADMINS: { region: string; admin: DemoPerson }[] = [
  { region: '410000', admin: { name: '王志刚', region: '410105', birth: '1975-03-15', seq: 11, phone: '13703710001' } },
  { region: '410100', admin: { name: '李红梅', region: '410102', birth: '1980-06-20', seq: 22, phone: '13703710002' } },
  { region: '411600', admin: { name: '陈国强', region: '411602', birth: '1978-11-02', seq: 31, phone: '13703940003' } },
  { region: '410105', admin: { name: '赵敏', region: '410105', birth: '1985-04-18', seq: 42, phone: '13703710004' } },
];

export const DEMO_ORGS: DemoOrg[] = [
  {
    key: 'zz-edu',
    kind: 'department',
    name: '郑州市教育局',
    parent: 'hrss:410100',
    region: '410100',
    creditPrefix: '11',
    nature: '机关',
    level: '市级',
    industry: '公共管理、社会保障和社会组织',
    status: 'active',
    admin: { name: '刘洋', region: '410103', birth: '1982-09-09', seq: 51, phone: '13703710005' },
  },
  {
    key: 'zk-health',
    kind: 'department',
    name: '周口市卫生健康委员会',
    parent: 'hrss:411600',
    region: '411600',
    creditPrefix: '11',
    nature: '机关',
    level: '市级',
    industry: '公共管理、社会保障和社会组织',
    status: 'active',
    admin: { name: '孙丽', region: '411602', birth: '1983-12-01', seq: 62, phone: '13703940006' },
  },
  {
    key: 'zz-school',
    kind: 'unit',
    name: '郑州市第一中学',
    parent: 'zz-edu',
    region: '410102',
    creditPrefix: '12',
    nature: '事业单位',
    level: '市级',
    industry: '教育',
    status: 'active',
    admin: { name: '周杰', region: '410102', birth: '1986-02-14', seq: 71, phone: '13703710007' },
  },
  {
    key: 'zz-college',
    kind: 'unit',
    name: '郑州信息工程职业学院',
    parent: 'zz-edu',
    region: '410108',
    creditPrefix: '12',
    nature: '事业单位',
    level: '市级',
    industry: '教育',
    status: 'active',
    admin: { name: '吴芳', region: '410108', birth: '1979-07-07', seq: 82, phone: '13703710008' },
    workDepartments: ['信息工程系', '机电工程系', '经济管理系', '基础教学部'],
  },
  {
    key: 'jinshui-company',
    kind: 'unit',
    name: '河南豫信数据科技有限公司',
    parent: 'hrss:410105',
    region: '410105',
    creditPrefix: '91',
    nature: '企业',
    level: '县级',
    industry: '信息传输、软件和信息技术服务业',
    status: 'active',
    admin: { name: '冯涛', region: '410105', birth: '1988-10-10', seq: 101, phone: '13703710010' },
  },
  {
    key: 'zk-hospital',
    kind: 'unit',
    name: '周口市中心医院',
    parent: 'zk-health',
    region: '411602',
    creditPrefix: '12',
    nature: '事业单位',
    level: '市级',
    industry: '卫生和社会工作',
    status: 'active',
    admin: { name: '何静', region: '411602', birth: '1984-05-05', seq: 112, phone: '13703940011' },
  },
  {
    key: 'base-zzu',
    kind: 'base',
    name: '郑州大学专业技术人员继续教育基地',
    parent: 'hrss:410000',
    region: '410000',
    creditPrefix: '12',
    nature: '事业单位',
    level: '省级',
    industry: '教育',
    status: 'active',
    admin: { name: '马超', region: '410102', birth: '1977-01-21', seq: 121, phone: '13703710012' },
  },
  {
    key: 'zz-agri-pending',
    kind: 'department',
    name: '郑州市农业农村局',
    parent: 'hrss:410100',
    region: '410100',
    creditPrefix: '11',
    nature: '机关',
    level: '市级',
    industry: '公共管理、社会保障和社会组织',
    status: 'pending',
    admin: { name: '高峰', region: '410104', birth: '1981-08-08', seq: 131, phone: '13703710013' },
  },
  {
    key: 'zz-school2-pending',
    kind: 'unit',
    name: '郑州市第二中学',
    parent: 'zz-edu',
    region: '410103',
    creditPrefix: '12',
    nature: '事业单位',
    level: '市级',
    industry: '教育',
    status: 'pending',
    admin: { name: '林静', region: '410103', birth: '1990-03-03', seq: 142, phone: '13703710014' },
  },
];

/** A 工作部门-scoped admin of the college (first review for their own faculty only, seed 001). */
export const DEMO_SCOPED_ADMIN = {
  org: 'zz-college',
  workDepartment: '信息工程系',
  admin: { name: '郑伟', region: '410108', birth: '1987-12-12', seq: 91, phone: '13703710009' },
};

export const demoIdNumber = id;

/** Fills an empty database (no accounts yet) with the demo data set. Returns whether it did. */
export async function seedDemoDataIfEmpty(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(schema.accounts);
  if ((row?.n ?? 0) > 0) return false;
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const bureaus = await tx.select().from(schema.organisations).where(eq(schema.organisations.kind, 'hrss'));
    const bureauByRegion = new Map(bureaus.map((b) => [b.regionCode, b]));
    for (const { region, admin } of DEMO_BUREAU_ADMINS) {
      const bureau = bureauByRegion.get(region)!;
      await addAccount(tx, bureau, admin, 'active', now);
    }
    const orgs = new Map<string, OrgRow>();
    for (const [i, demo] of DEMO_ORGS.entries()) {
      const parent = demo.parent.startsWith('hrss:') ? bureauByRegion.get(demo.parent.slice(5))! : orgs.get(demo.parent)!;
      const org = await insertOrg(
        tx,
        {
          kind: demo.kind,
          name: demo.name,
          creditCode: makeCreditCode(`${demo.creditPrefix}${demo.region}${String(700000000 + i * 7919).slice(0, 9)}`),
          regionCode: demo.region,
          status: demo.status,
          nature: demo.nature,
          level: demo.level,
          industry: demo.industry,
          address: `${demo.name}（演示地址）`,
          contactName: demo.admin.name,
          contactPhone: demo.admin.phone,
          noDepartment: demo.kind === 'unit' && parent.kind === 'hrss',
          createdAt: now,
          reviewedAt: demo.status === 'active' ? now : null,
        },
        parent,
      );
      orgs.set(demo.key, org);
      await addAccount(tx, org, demo.admin, demo.status, now);
      for (const name of demo.workDepartments ?? []) {
        await tx.insert(schema.workDepartments).values({ orgId: org.id, name, createdAt: now });
      }
    }
    const college = orgs.get(DEMO_SCOPED_ADMIN.org)!;
    const accountId = await addAccount(tx, college, DEMO_SCOPED_ADMIN.admin, 'active', now, false);
    const [role] = await tx
      .insert(schema.adminRoles)
      .values({ orgId: college.id, name: '系部审核员', permissions: ['registration.review', 'account.reset', 'declaration.review'] })
      .returning();
    await tx.update(schema.accounts).set({ adminRoleId: role!.id }).where(eq(schema.accounts.id, accountId));
    const [dept] = await tx
      .select()
      .from(schema.workDepartments)
      .where(and(eq(schema.workDepartments.orgId, college.id), eq(schema.workDepartments.name, DEMO_SCOPED_ADMIN.workDepartment)));
    await tx.insert(schema.adminWorkDepartmentScopes).values({ accountId, workDepartmentId: dept!.id });
    await seedDemoProfessionals(tx, now, orgs);
    await seedDemoSeals(tx, now, signingKeyVault(deps.config));
    await seedDemoDeclarations(tx, now, await demoDeclarants(tx, orgs), fileStorageFor(deps.config));
    await seedDemoCertificates(tx, now);
    await seedDemoPortal(tx, now, bureauByRegion, orgs);
    await seedDemoPlatform(tx, now, orgs.get('base-zzu')!, platformSecretVault(deps.config));
    await seedDemoBaseClass(tx, now, orgs.get('base-zzu')!, fileStorageFor(deps.config));
    await enrolDemoAdmins(tx, deps, now);
  });
  return true;
}

/** Demo admins who need the second factor by default get the one demo authenticator secret. */
async function enrolDemoAdmins(tx: Tx, deps: Deps, now: Date) {
  const admins = await tx
    .select({ personId: schema.accounts.personId, role: schema.accounts.role, isSuperAdmin: schema.accounts.isSuperAdmin })
    .from(schema.accounts)
    .where(ne(schema.accounts.role, 'professional'));
  const persons = new Set(admins.filter((a) => secondFactorRequired(a, false)).map((a) => a.personId));
  for (const personId of persons) await enrolWithSecret(tx, deps, personId, DEMO_TOTP_SECRET, now);
}

async function addAccount(tx: Tx, org: OrgRow, p: DemoPerson, status: 'active' | 'pending', now: Date, superAdmin = true) {
  const { personId } = await personForNewAccount(tx, {
    idNumber: id(p),
    name: p.name,
    phone: p.phone,
    email: `${p.phone}@demo.hnzj.example`,
    password: DEMO_PASSWORD,
    role: org.kind,
    now,
  });
  const [account] = await tx
    .insert(schema.accounts)
    .values({ personId, role: org.kind, orgId: org.id, orgPath: org.path, status, isSuperAdmin: superAdmin, createdAt: now, reviewedAt: status === 'active' ? now : null })
    .returning();
  return account!.id;
}

/**
 * The professionals who get demo declarations: active ones in the demo units, the certificate
 * holder first (seedDemoDeclarations passes every past year of people[0]); anyone with a transfer
 * in flight is left out, since pending declarations would block it.
 */
async function demoDeclarants(tx: Tx, orgs: ReadonlyMap<string, OrgRow>): Promise<DemoDeclarant[]> {
  const units = new Map([...orgs.values()].filter((o) => o.kind === 'unit').map((o) => [o.id, o]));
  const rows = await tx
    .select({ accountId: schema.accounts.id, personId: schema.accounts.personId, orgId: schema.accounts.orgId, idNumber: personIdNumber })
    .from(schema.accounts)
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(and(eq(schema.accounts.role, 'professional'), eq(schema.accounts.status, 'active')))
    .orderBy(asc(schema.accounts.id));
  const moving = new Set(
    (
      await tx
        .select({ personId: schema.professionalTransfers.personId })
        .from(schema.professionalTransfers)
        .where(inArray(schema.professionalTransfers.status, ['pending_out', 'pending_in']))
    ).map((t) => t.personId),
  );
  return rows
    .filter((r) => units.has(r.orgId) && !moving.has(r.personId))
    .sort((a, b) => Number(b.idNumber === DEMO_CERT_HOLDER.idNumber) - Number(a.idNumber === DEMO_CERT_HOLDER.idNumber))
    .map((r) => ({ accountId: r.accountId, personId: r.personId, unit: units.get(r.orgId)! }));
}
