import { idNumberIs, personColumns, sealIdNumber, sealPhone } from '../src/db/pii';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  makeCreditCode,
  makeIdNumber,
  validateIdNumber,
  type AccountRole,
  type OrgKind,
  type Permission,
  type TitleLevel,
  type TitleSeries,
} from '@ce/shared';
import { schema } from '../src/db';
import { insertOrg, type OrgRow } from '../src/modules/organisations/repo';
import { hashPassword } from '../src/modules/auth/passwords';
import { saveProfile } from '../src/modules/professionals/registration';
import { enrolWithSecret, totpOf } from '../src/modules/auth/mfa';
import { sessionCookie, type TestContext } from './helper';

export const TEST_PASSWORD = 'Test@12345';
/** Every factory admin's authenticator secret (base32); `login()` answers the second step with it. */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

const rand = (n: number) => crypto.randomInt(0, n);

export function uniqueIdNumber(regionCode = '410105'): string {
  const year = 1960 + rand(40);
  const birth = `${year}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
  return makeIdNumber({ regionCode, birthDate: birth, sequence: rand(1000) });
}

export const uniqueCreditCode = (region = '410100') =>
  makeCreditCode(`91${region}${String(rand(1e9)).padStart(9, '0')}`);

export async function bureauOf(ctx: TestContext, regionCode: string): Promise<OrgRow> {
  const [row] = await ctx.deps.db
    .select()
    .from(schema.organisations)
    .where(and(eq(schema.organisations.kind, 'hrss'), eq(schema.organisations.regionCode, regionCode)));
  if (!row) throw new Error(`no bureau for ${regionCode}`);
  return row;
}

/** Builds an organisation, making its missing parents (a unit gets a department under 郑州's bureau). */
export async function buildOrg(
  ctx: TestContext,
  opts: { kind: Exclude<OrgKind, 'hrss'>; parent?: OrgRow; status?: 'active' | 'pending'; name?: string; regionCode?: string },
): Promise<OrgRow> {
  const parent =
    opts.parent ??
    (opts.kind === 'unit' ? await buildOrg(ctx, { kind: 'department' }) : await bureauOf(ctx, '410100'));
  const regionCode = opts.regionCode ?? parent.regionCode;
  return insertOrg(
    ctx.deps.db,
    {
      kind: opts.kind,
      name: opts.name ?? `测试${opts.kind === 'unit' ? '单位' : opts.kind === 'department' ? '主管部门' : '基地'}${rand(1e6)}`,
      creditCode: uniqueCreditCode(regionCode),
      regionCode,
      status: opts.status ?? 'active',
      nature: '事业单位',
      level: '市级',
      industry: '教育',
      address: '郑州市测试路1号',
      contactName: '联系人',
      contactPhone: '0371-12345678',
      noDepartment: opts.kind === 'unit' && parent.kind === 'hrss',
    },
    parent,
  );
}

export interface TestAccount {
  accountId: number;
  personId: number;
  idNumber: string;
  name: string;
  password: string;
  org: OrgRow;
  /** The role this account signs in with. */
  role: AccountRole;
}

/** Adds an admin account to an organisation (super admin unless told otherwise). */
export async function buildAdmin(
  ctx: TestContext,
  org: OrgRow,
  opts: {
    superAdmin?: boolean;
    permissions?: Permission[];
    workDepartmentIds?: number[];
    status?: 'active' | 'pending';
    idNumber?: string;
    /** false: no authenticator bound yet (the admin enrols at the first login). */
    mfa?: boolean;
  } = {},
): Promise<TestAccount> {
  const db = ctx.deps.db;
  const idNumber = opts.idNumber ?? uniqueIdNumber();
  const name = `管理员${rand(1e5)}`;
  let [person] = await db.select(personColumns).from(schema.persons).where(idNumberIs(idNumber));
  if (!person) {
    [person] = await db
      .insert(schema.persons)
      .values({ ...sealIdNumber(idNumber), name, passwordHash: await testPasswordHash(), phoneEnc: sealPhone(`139${String(rand(1e8)).padStart(8, '0')}`), email: `t${rand(1e9)}@test.cn` })
      .returning(personColumns);
  }
  let adminRoleId: number | null = null;
  if (opts.permissions) {
    const [role] = await db
      .insert(schema.adminRoles)
      .values({ orgId: org.id, name: `角色${rand(1e6)}`, permissions: opts.permissions })
      .returning();
    adminRoleId = role!.id;
  }
  const [account] = await db
    .insert(schema.accounts)
    .values({
      personId: person!.id,
      role: org.kind,
      orgId: org.id,
      orgPath: org.path,
      status: opts.status ?? 'active',
      isSuperAdmin: opts.superAdmin ?? true,
      adminRoleId,
    })
    .returning();
  for (const w of opts.workDepartmentIds ?? []) {
    await db.insert(schema.adminWorkDepartmentScopes).values({ accountId: account!.id, workDepartmentId: w });
  }
  if (opts.mfa !== false) await enrolWithSecret(db, ctx.deps, person!.id, TEST_TOTP_SECRET, new Date());
  return { accountId: account!.id, personId: person!.id, idNumber, name: person!.name, password: TEST_PASSWORD, org, role: org.kind };
}

export async function buildWorkDepartment(ctx: TestContext, org: OrgRow, name = `系部${rand(1e6)}`) {
  const [row] = await ctx.deps.db.insert(schema.workDepartments).values({ orgId: org.id, name }).returning();
  return row!;
}

/**
 * Signs an account in through the real login endpoint and returns its cookie header. An admin who
 * needs the second factor passes it through the real endpoints too: the code of the factory secret
 * at the test clock (the person's last used time step is cleared first, since tests sign the same
 * admin in many times within one step; replay itself is tested in mfa.test.ts), or, not enrolled
 * yet, an enrolment confirmed with a code of the new secret.
 */
export async function login(
  ctx: TestContext,
  account: { idNumber: string; password: string; org: { kind: OrgKind }; role?: AccountRole },
  role: string = account.role ?? account.org.kind,
) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { role, account: account.idNumber, password: account.password, captcha: '' },
  });
  const cookie = sessionCookie(res);
  const secondFactor = (res.json() as { secondFactor?: string | null }).secondFactor;
  if (secondFactor) await passSecondFactor(ctx, cookie, secondFactor === 'verify' ? TEST_TOTP_SECRET : null);
  return cookie;
}

/** The code of a secret at the test clock. */
export const totpCodeAt = (secret: string, at: Date) => totpOf(secret).generate({ timestamp: at.getTime() });

/**
 * Completes the second step of a pending session: with the code of `secret` (after clearing the
 * person's last used step), or, with no secret, by enrolling a new authenticator. Returns the
 * recovery codes of an enrolment.
 */
export async function passSecondFactor(ctx: TestContext, cookie: string, secret: string | null): Promise<string[]> {
  const post = (url: string, payload: Record<string, string> = {}) => ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  if (secret) {
    const status = await ctx.app.inject({ method: 'GET', url: '/api/auth/mfa', headers: { cookie } });
    const me = await ctx.deps.db
      .select({ personId: schema.accounts.personId })
      .from(schema.sessions)
      .innerJoin(schema.accounts, eq(schema.accounts.id, schema.sessions.accountId))
      .where(eq(schema.sessions.id, crypto.createHash('sha256').update(cookie.replace(/^ce_session=/, '')).digest('hex')));
    if (status.statusCode !== 200 || !me[0]) throw new Error(`no pending session: ${status.body}`);
    await ctx.deps.db.update(schema.personMfa).set({ lastUsedStep: null }).where(eq(schema.personMfa.personId, me[0].personId));
    const res = await post('/api/auth/mfa/verify', { code: totpCodeAt(secret, ctx.clock.now) });
    if (res.statusCode !== 200) throw new Error(`second factor refused (${res.statusCode}): ${res.body}`);
    return [];
  }
  const start = await post('/api/auth/mfa/enrolment');
  if (start.statusCode !== 200) throw new Error(`enrolment refused (${start.statusCode}): ${start.body}`);
  const res = await post('/api/auth/mfa/enrolment/confirm', { code: totpCodeAt(start.json().secret, ctx.clock.now) });
  if (res.statusCode !== 200) throw new Error(`enrolment not confirmed (${res.statusCode}): ${res.body}`);
  return res.json().recoveryCodes;
}

/**
 * A professional (专业技术人员) of a unit: a person with an active professional account and their
 * profile (专业技术职务, certificate number allocated like at registration).
 */
export async function buildProfessional(
  ctx: TestContext,
  unit: OrgRow,
  opts: {
    workDepartmentId?: number | null;
    status?: 'active' | 'pending';
    idNumber?: string;
    titleSeries?: string;
    titleLevel?: TitleLevel;
  } = {},
): Promise<TestAccount & { certNo: string }> {
  const db = ctx.deps.db;
  const idNumber = opts.idNumber ?? uniqueIdNumber(unit.regionCode === '410000' ? '410105' : unit.regionCode);
  let [person] = await db.select(personColumns).from(schema.persons).where(idNumberIs(idNumber));
  if (!person) {
    [person] = await db
      .insert(schema.persons)
      .values({ ...sealIdNumber(idNumber), name: `专技人员${rand(1e5)}`, passwordHash: await testPasswordHash(), phoneEnc: sealPhone(`138${String(rand(1e8)).padStart(8, '0')}`), email: `p${rand(1e9)}@test.cn` })
      .returning(personColumns);
  }
  const [account] = await db
    .insert(schema.accounts)
    .values({ personId: person!.id, role: 'professional', orgId: unit.id, orgPath: unit.path, status: opts.status ?? 'active', workDepartmentId: opts.workDepartmentId ?? null })
    .returning();
  const id = validateIdNumber(idNumber);
  const certNo = await saveProfile(
    db,
    person!.id,
    unit.regionCode,
    {
      gender: id.ok ? id.gender : 'male',
      birthDate: id.ok ? id.birthDate : '1980-01-01',
      ethnicity: '汉族',
      nativePlace: null,
      graduatedSchool: null,
      major: '教育学类',
      titleSeries: (opts.titleSeries ?? '中小学教师') as TitleSeries,
      titleLevel: opts.titleLevel ?? 'intermediate',
    },
    new Date(),
  );
  return { accountId: account!.id, personId: person!.id, idNumber, name: person!.name, password: TEST_PASSWORD, org: unit, role: 'professional', certNo };
}
