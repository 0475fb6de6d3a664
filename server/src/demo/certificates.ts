import { personPhone } from '../db/pii';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { SEAL_APPLICATION_DEFAULT_REASON } from '@ce/shared';
import { schema, type Tx } from '../db';
import { createBureauKey, type SigningKeyVault } from '../modules/certificates/keys';
import {
  insertAdminFiling,
  insertSealApplication,
  setSealApplicationKid,
} from '../modules/certificates/repo';
import { sealRegionName } from '../modules/certificates/rules';
import { syncCertificates } from '../modules/certificates/issuing';
import { sealText } from '../modules/certificates/rules';

/** Bureaus whose e-seal is enabled in the demo data: the province (省直) and the demo cities. */
export const DEMO_SEAL_REGIONS = ['410000', '410100', '411600'] as const;

/**
 * When the demo seals were enabled: 2017-12-01, the day the province switched to e-certificates (seed
 * 002 一(二)), so the demo's past years carry the 发证时间 of the approvals that made them pass.
 */
export const DEMO_SEALS_ENABLED_AT = new Date('2017-12-01T09:00:00+08:00');

/**
 * Demo e-seals: for each bureau of DEMO_SEAL_REGIONS that has a demo admin, an application
 * approved by the province admin, the bureau's signing key, and its admin filed (附件3).
 * Call it inside the seeding transaction, after the bureau admins exist.
 */
export async function seedDemoSeals(tx: Tx, now: Date, vault: SigningKeyVault): Promise<string[]> {
  const bureaus = await tx
    .select()
    .from(schema.organisations)
    .where(
      and(
        eq(schema.organisations.kind, 'hrss'),
        inArray(schema.organisations.regionCode, [...DEMO_SEAL_REGIONS]),
      ),
    );
  const adminOf = async (orgId: number) => {
    const [row] = await tx
      .select({
        accountId: schema.accounts.id,
        name: schema.persons.name,
        phone: personPhone,
        email: schema.persons.email,
      })
      .from(schema.accounts)
      .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
      .where(
        and(
          eq(schema.accounts.orgId, orgId),
          eq(schema.accounts.isSuperAdmin, true),
          eq(schema.accounts.status, 'active'),
        ),
      )
      .orderBy(asc(schema.accounts.id))
      .limit(1);
    return row;
  };
  const enabledAt = new Date(Math.min(now.getTime(), DEMO_SEALS_ENABLED_AT.getTime()));
  const province = bureaus.find((b) => b.regionCode === '410000');
  const reviewer = province ? await adminOf(province.id) : undefined;
  if (!reviewer) return [];
  const kids: string[] = [];
  for (const bureau of bureaus) {
    const admin = await adminOf(bureau.id);
    if (!admin) continue;
    const application = await insertSealApplication(tx, {
      bureauOrgId: bureau.id,
      status: 'approved',
      sealText: sealText(sealRegionName(bureau.regionCode)),
      reason: SEAL_APPLICATION_DEFAULT_REASON,
      applicantAccountId: admin.accountId,
      applicantName: admin.name,
      contactName: admin.name,
      contactPhone: admin.phone ?? '0371-69690386',
      submittedAt: enabledAt,
      reviewedByAccountId: reviewer.accountId,
      reviewerName: reviewer.name,
      reviewedAt: enabledAt,
      version: 1,
    });
    const { kid } = await createBureauKey(tx, bureau.id, enabledAt, vault);
    await setSealApplicationKid(tx, application.id, kid);
    kids.push(kid);
    await insertAdminFiling(tx, {
      orgId: bureau.id,
      filedByAccountId: admin.accountId,
      filedAt: enabledAt,
      unitName: bureau.name,
      industry: bureau.industry ?? '公共管理、社会保障和社会组织',
      orgCode: '11410000005184376X',
      adminName: admin.name,
      gender: '男',
      workDepartment: '专业技术人员管理处',
      title: '科员',
      phone: admin.phone ?? '0371-69690386',
      fax: null,
      email: admin.email ?? 'demo@hnzj.example',
      postCode: '450018',
      address: '郑州市郑东新区正光路11号（演示地址）',
    });
  }
  return kids;
}

/**
 * The certificates of the demo's passed years: every person with approved records is
 * recomputed as the counted-hours hook would have done at each approval (the demo writes its records
 * with their history directly). Call it in the seeding transaction after the declarations and seals.
 * Returns how many certificates were issued.
 */
export async function seedDemoCertificates(tx: Tx, now: Date): Promise<number> {
  const people = await tx
    .selectDistinct({ personId: schema.declarations.personId })
    .from(schema.declarations)
    .where(eq(schema.declarations.status, 'approved'))
    .orderBy(schema.declarations.personId);
  const meta = { ip: null, userAgent: null, now };
  let issued = 0;
  for (const { personId } of people) {
    const result = await syncCertificates(tx, personId, { now, actor: null, meta });
    issued += result?.rows.filter((r) => r.status === 'valid').length ?? 0;
  }
  return issued;
}
