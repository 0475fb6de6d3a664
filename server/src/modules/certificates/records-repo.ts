/**
 * Queries of the issued certificates, the province's requirement rules, 学时转登 entries, and the
 * person facts the completion needs (title changes, transfers).
 */
import { idNumberIndexOf, idNumberIs, personIdNumber } from '../../db/pii';
import { aliasedTable, and, asc, desc, eq, inArray, lt, min, sql } from 'drizzle-orm';
import type { TitleLevel } from '@ce/shared';
import { schema, type Db, type Queryable } from '../../db';
import { preparedRows, type PreparedStatement } from '../../db/prepared';
import { LIVE_ACCOUNT_STATUSES } from '../auth/repo';

export type CertificateRow = typeof schema.certificates.$inferSelect;
export type RequirementRuleDbRow = typeof schema.requirementRules.$inferSelect;

const c = schema.certificates;
const { accounts, persons, organisations, professionalProfiles } = schema;

// ---------------------------------------------------------------- certificates

/**
 * Locks the person's profile row for the rest of the transaction: recomputations of one person's
 * certificates run one after the other, each seeing the other's committed records (two reviewers
 * approving two records of one person at once cannot both miss the pass).
 */
export async function lockPerson(q: Queryable, personId: number): Promise<boolean> {
  const [row] = await q
    .select({ personId: professionalProfiles.personId })
    .from(professionalProfiles)
    .where(eq(professionalProfiles.personId, personId))
    .for('update');
  return row !== undefined;
}

/** A person's certificate rows, by year then issuance (index certificates_person). */
export function certificatesOfPerson(q: Queryable, personId: number, years?: readonly number[]): Promise<CertificateRow[]> {
  return q
    .select()
    .from(c)
    .where(and(eq(c.personId, personId), years ? inArray(c.year, [...years]) : undefined))
    .orderBy(asc(c.year), asc(c.id));
}

/** The latest row of each year (a valid one, or the last revoked one), ascending by year. */
export function latestPerYear(rows: readonly CertificateRow[]): CertificateRow[] {
  const byYear = new Map<number, CertificateRow>();
  for (const r of rows) {
    const seen = byYear.get(r.year);
    // The valid row if there is one (at most one), else the newest.
    if (!seen || (seen.status !== 'valid' && (r.status === 'valid' || r.id > seen.id))) byYear.set(r.year, r);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export async function insertCertificate(q: Queryable, values: Omit<typeof c.$inferInsert, 'id'>): Promise<CertificateRow> {
  const [row] = await q.insert(c).values(values).returning();
  return row!;
}

/** Guarded: only the valid row at the expected version changes. */
export async function updateCertificate(
  q: Queryable,
  guard: { id: number; version: number },
  set: Partial<Pick<CertificateRow, 'status' | 'publicHours' | 'professionalHours' | 'revokedAt' | 'revokeReason' | 'revokedByDeclarationId'>>,
): Promise<CertificateRow | undefined> {
  const [row] = await q
    .update(c)
    .set({ ...set, version: guard.version + 1 })
    .where(and(eq(c.id, guard.id), eq(c.version, guard.version), eq(c.status, 'valid')))
    .returning();
  return row;
}

// ---------------------------------------------------------------- issuing bureaus

/** The HRSS bureau of a region (organisations_region_kind). */
export async function bureauOfRegion(q: Queryable, regionCode: string) {
  const [row] = await q
    .select()
    .from(organisations)
    .where(and(eq(organisations.kind, 'hrss'), eq(organisations.regionCode, regionCode)))
    .orderBy(asc(organisations.id))
    .limit(1);
  return row;
}

/** When the bureau's e-seal was first enabled (its first signing key), or null. */
export async function sealEnabledAt(q: Queryable, bureauOrgId: number): Promise<Date | null> {
  const k = schema.certificateSigningKeys;
  const [row] = await q.select({ at: min(k.createdAt) }).from(k).where(eq(k.bureauOrgId, bureauOrgId));
  return row?.at ?? null;
}

// ---------------------------------------------------------------- the person

const professionalSelection = {
  personId: persons.id,
  name: persons.name,
  idNumber: personIdNumber,
  certNo: professionalProfiles.certNo,
  titleLevel: professionalProfiles.titleLevel,
  accountId: accounts.id,
  accountStatus: accounts.status,
  accountCreatedAt: accounts.createdAt,
  workDepartmentId: accounts.workDepartmentId,
  unit: organisations,
};

function professionalQuery(q: Queryable) {
  return q
    .select(professionalSelection)
    .from(professionalProfiles)
    .innerJoin(persons, eq(persons.id, professionalProfiles.personId))
    .innerJoin(
      accounts,
      and(
        eq(accounts.personId, persons.id),
        eq(accounts.role, 'professional'),
        inArray(accounts.status, [...LIVE_ACCOUNT_STATUSES]),
      ),
    )
    .innerJoin(organisations, eq(organisations.id, accounts.orgId));
}
export type CertificateHolder = Awaited<ReturnType<ReturnType<typeof professionalQuery>['execute']>>[number];

export async function holderOfPerson(q: Queryable, personId: number): Promise<CertificateHolder | undefined> {
  const [row] = await professionalQuery(q).where(eq(persons.id, personId)).limit(1);
  return row;
}

export async function holderByCertNo(q: Queryable, certNo: string): Promise<CertificateHolder | undefined> {
  const [row] = await professionalQuery(q).where(eq(professionalProfiles.certNo, certNo)).limit(1);
  return row;
}

export async function holderByPersonId(q: Queryable, personId: number): Promise<CertificateHolder | undefined> {
  const [row] = await professionalQuery(q).where(eq(persons.id, personId)).limit(1);
  return row;
}

export async function holderByIdNumber(q: Queryable, idNumber: string): Promise<CertificateHolder | undefined> {
  const [row] = await professionalQuery(q).where(idNumberIs(idNumber)).limit(1);
  return row;
}

/** Approved changes of 专业技术职务, oldest first: the title level at the end of each year. */
export async function titleLevelChanges(q: Queryable, personId: number) {
  const r = schema.professionalChangeRequests;
  const rows = await q
    .select({ before: r.before, after: r.after, at: r.reviewedAt })
    .from(r)
    .where(and(eq(r.personId, personId), eq(r.kind, 'title'), eq(r.status, 'approved')))
    .orderBy(asc(r.reviewedAt), asc(r.id));
  return rows
    .filter((x) => x.at && x.before.titleLevel && x.after.titleLevel)
    .map((x) => ({ at: x.at!, before: x.before.titleLevel as TitleLevel, after: x.after.titleLevel as TitleLevel }));
}

/** Completed transfers, oldest first, with the regions of both units: the unit's region at the end of each year. */
export async function unitRegionChanges(q: Queryable, personId: number) {
  const t = schema.professionalTransfers;
  const from = aliasedTable(organisations, 'from_unit');
  const to = aliasedTable(organisations, 'to_unit');
  const rows = await q
    .select({ at: t.inReviewedAt, before: from.regionCode, after: to.regionCode })
    .from(t)
    .innerJoin(from, eq(from.id, t.fromOrgId))
    .innerJoin(to, eq(to.id, t.toOrgId))
    .where(and(eq(t.personId, personId), eq(t.status, 'completed')))
    .orderBy(asc(t.inReviewedAt), asc(t.id));
  return rows.filter((x) => x.at).map((x) => ({ at: x.at!, before: x.before, after: x.after }));
}

// ---------------------------------------------------------------- requirement rules

/** The province's rules, newest first (a handful of rows). */
export function provinceRequirementRules(q: Queryable): Promise<RequirementRuleDbRow[]> {
  return q.select().from(schema.requirementRules).orderBy(desc(schema.requirementRules.id));
}

export async function insertRequirementRule(
  q: Queryable,
  values: Omit<typeof schema.requirementRules.$inferInsert, 'id'>,
): Promise<RequirementRuleDbRow> {
  const [row] = await q.insert(schema.requirementRules).values(values).returning();
  return row!;
}

// ---------------------------------------------------------------- 学时转登

const h = schema.historicalHourEntries;

export async function insertHistoricalEntry(q: Queryable, values: Omit<typeof h.$inferInsert, 'id'>) {
  const [row] = await q.insert(h).values(values).returning();
  return row!;
}

/** Entries of one organisation, newest first, keyset-paginated (historical_hour_entries_org). */
export function historicalEntriesOfOrg(q: Queryable, orgId: number, opts: { after?: number; limit: number }) {
  const d = schema.declarations;
  const reviewer = aliasedTable(organisations, 'reviewer');
  return q
    .select({
      entry: h,
      declaration: d,
      personName: persons.name,
      idNumber: personIdNumber,
      certNo: professionalProfiles.certNo,
      reviewerName: reviewer.name,
    })
    .from(h)
    .innerJoin(d, eq(d.id, h.declarationId))
    .innerJoin(persons, eq(persons.id, h.personId))
    .innerJoin(professionalProfiles, eq(professionalProfiles.personId, h.personId))
    .leftJoin(reviewer, eq(reviewer.id, d.currentReviewerOrgId))
    .where(and(eq(h.orgId, orgId), opts.after ? lt(h.id, opts.after) : undefined))
    .orderBy(desc(h.id))
    .limit(opts.limit);
}

// ---------------------------------------------------------------- read-only answers and recomputation

/** The provinces of each year's approved 外省转入 records of a person (the public query's 外省转入 mark). */
export async function transferOriginsByYear(q: Queryable, personId: number, years: readonly number[]): Promise<Map<number, string[]>> {
  const d = schema.declarations;
  if (years.length === 0) return new Map();
  const rows = await q
    .selectDistinct({ year: d.year, origin: d.originProvince })
    .from(d)
    .where(and(eq(d.personId, personId), eq(d.status, 'approved'), inArray(d.year, [...years]), sql`${d.originProvince} is not null`));
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.year, [...(out.get(r.year) ?? []), r.origin!]);
  return out;
}

/**
 * One page (keyset on the person id) of the professionals of a subtree who hold approved hours
 * (of `fromYear` and later, if given): the people whose certificates a seal enablement or a new
 * requirement rule may change.
 */
export async function personIdsWithApprovedHours(
  q: Queryable,
  opts: { scopePath: string; fromYear: number | null; afterPersonId: number; limit: number },
): Promise<number[]> {
  const d = schema.declarations;
  const a = schema.accounts;
  const o = schema.organisations;
  const rows = await q
    .selectDistinct({ personId: d.personId })
    .from(d)
    .innerJoin(a, and(eq(a.personId, d.personId), eq(a.role, 'professional')))
    .innerJoin(o, eq(o.id, a.orgId))
    .where(
      and(
        eq(d.status, 'approved'),
        sql`${d.personId} > ${opts.afterPersonId}`,
        sql`starts_with(${o.path}, ${opts.scopePath})`,
        opts.fromYear != null ? sql`${d.year} >= ${opts.fromYear}` : undefined,
      ),
    )
    .orderBy(asc(d.personId))
    .limit(opts.limit);
  return rows.map((r) => r.personId);
}

// ---------------------------------------------------------------- the public query (issue 13)

/** One year as the public query shows it: the valid certificate of the year, else its latest revoked one. */
export interface PublicCertificateYear {
  year: number;
  status: CertificateRow['status'];
  issuerName: string;
  publicHours: number;
  professionalHours: number;
  /** Provinces (codes) of the year's approved 外省学时转入 rows, sorted. */
  origins: string[];
}

export interface PublicCertificateHolder {
  personId: number;
  name: string;
  certNo: string;
  /** Newest year first. */
  years: PublicCertificateYear[];
}

/**
 * The public certificate query in one read statement (issue 13: a read that never writes, served by
 * a replica, one round trip): the live professional found by the blind index of the ID number or by
 * 证书管理号, each year's shown certificate (`latestPerYear`'s choice, made by DISTINCT ON over
 * certificates_person) and the year's transfer origins (declarations_person). The ID number is not
 * decrypted: the answer shows only the masked name and the certificate number.
 */
export async function publicCertificateHolder(
  q: Db,
  by: { idNumber: string } | { certNo: string },
): Promise<PublicCertificateHolder | undefined> {
  const rows =
    'certNo' in by
      ? await preparedRows<PublicRow>(q, PUBLIC_BY_CERT_NO, [by.certNo])
      : await preparedRows<PublicRow>(q, PUBLIC_BY_ID_INDEX, [idNumberIndexOf(by.idNumber)]);
  const first = rows[0];
  if (!first) return undefined;
  return {
    personId: Number(first.person_id),
    name: first.name,
    certNo: first.cert_no,
    years: rows
      .filter((r) => r.year !== null)
      .map((r) => ({
        year: Number(r.year),
        status: r.status!,
        issuerName: r.issuer_name!,
        publicHours: Number(r.public_hours),
        professionalHours: Number(r.professional_hours),
        origins: [...(r.origins ?? [])].sort(),
      })),
  };
}

const LIVE_STATUS_LIST = LIVE_ACCOUNT_STATUSES.map((s) => `'${s}'`).join(', ');
const publicQueryText = (match: string) => `
    with h as (
      select p.id, p.name, pp.cert_no
        from professional_profiles pp
        join persons p on p.id = pp.person_id
       where ${match}
         and exists (select 1 from accounts a
                      where a.person_id = p.id and a.role = 'professional' and a.status in (${LIVE_STATUS_LIST}))
       limit 1)
    select h.id as person_id, h.name, h.cert_no, y.year, y.status, y.issuer_name,
           y.public_hours::float8 as public_hours, y.professional_hours::float8 as professional_hours,
           (select array_agg(distinct d.origin_province) from declarations d
             where d.person_id = h.id and d.year = y.year and d.status = 'approved'
               and d.origin_province is not null) as origins
      from h
      left join lateral (
        select distinct on (c.year) c.year, c.status, c.issuer_name, c.public_hours, c.professional_hours
          from certificates c
         where c.person_id = h.id
         order by c.year desc, (c.status = 'valid') desc, c.id desc) y on true
     order by y.year desc`;
const PUBLIC_BY_CERT_NO: PreparedStatement = { name: 'ce_public_query_cert_no', text: publicQueryText('pp.cert_no = $1') };
const PUBLIC_BY_ID_INDEX: PreparedStatement = { name: 'ce_public_query_id_index', text: publicQueryText('p.id_number_index = $1') };

interface PublicRow {
  person_id: number;
  name: string;
  cert_no: string;
  year: number | null;
  status: CertificateRow['status'] | null;
  issuer_name: string | null;
  public_hours: number | null;
  professional_hours: number | null;
  origins: string[] | null;
}

// ---------------------------------------------------------------- the admins' batch query (issue 13)

/** A holder of the batch query: who they are, where they work (for the access check), their years. */
export interface BatchCertificateHolder {
  /** The blind index of the ID number looked up (the caller passes idNumberIndexOf of each). */
  idNumberIndex: string;
  personId: number;
  name: string;
  certNo: string;
  workDepartmentId: number | null;
  unit: { id: number; kind: OrganisationRow['kind']; path: string; parentId: number | null };
  /** Each year's shown certificate (as the public query's), newest year first. */
  years: Omit<PublicCertificateYear, 'origins'>[];
}
type OrganisationRow = typeof organisations.$inferSelect;

const BATCH_HOLDERS: PreparedStatement = {
  name: 'ce_batch_holders',
  text: `
    with h as (
      select distinct on (p.id_number_index)
             p.id_number_index, p.id as person_id, p.name, pp.cert_no, a.work_department_id,
             o.id as unit_id, o.kind as unit_kind, o.path as unit_path, o.parent_id as unit_parent_id
        from persons p
        join professional_profiles pp on pp.person_id = p.id
        join accounts a on a.person_id = p.id and a.role = 'professional' and a.status in (${LIVE_STATUS_LIST})
        join organisations o on o.id = a.org_id
       where p.id_number_index = any($1::text[])
       order by p.id_number_index, a.id)
    select h.*, y.year, y.status, y.issuer_name,
           y.public_hours::float8 as public_hours, y.professional_hours::float8 as professional_hours
      from h
      left join lateral (
        select distinct on (c.year) c.year, c.status, c.issuer_name, c.public_hours, c.professional_hours
          from certificates c
         where c.person_id = h.person_id
         order by c.year desc, (c.status = 'valid') desc, c.id desc) y on true
     order by h.id_number_index, y.year desc`,
};

/**
 * The batch certificate query of many ID numbers in one read statement (issue 13: "one set-based
 * statement"): the live professionals of these blind indexes with their unit and each year's shown
 * certificate, aggregated per person, by the blind indexes of their ID numbers (idNumberIndexOf).
 * No ID number is decrypted: the caller matches the holders back by the index.
 */
export async function batchCertificateHolders(db: Db, indexes: readonly string[]): Promise<BatchCertificateHolder[]> {
  if (indexes.length === 0) return [];
  // One array parameter, not a thousand: parsing and planning a 1,000-item IN list cost more than
  // the lookups it asks for.
  const rows = await preparedRows<BatchRow>(db, BATCH_HOLDERS, [indexes]);
  // One row per holder and year (a holder without certificates: one row, year null), grouped here
  // rather than aggregated to JSON in the statement.
  const holders: BatchCertificateHolder[] = [];
  let last: BatchCertificateHolder | undefined;
  for (const r of rows) {
    if (last?.idNumberIndex !== r.id_number_index) {
      last = {
        idNumberIndex: r.id_number_index,
        personId: Number(r.person_id),
        name: r.name,
        certNo: r.cert_no,
        workDepartmentId: r.work_department_id === null ? null : Number(r.work_department_id),
        unit: { id: Number(r.unit_id), kind: r.unit_kind, path: r.unit_path, parentId: r.unit_parent_id === null ? null : Number(r.unit_parent_id) },
        years: [],
      };
      holders.push(last);
    }
    if (r.year !== null && r.status !== null) {
      last.years.push({
        year: r.year,
        status: r.status,
        issuerName: r.issuer_name ?? '',
        publicHours: Number(r.public_hours),
        professionalHours: Number(r.professional_hours),
      });
    }
  }
  return holders;
}

interface BatchRow {
  id_number_index: string;
  person_id: number;
  name: string;
  cert_no: string;
  work_department_id: number | null;
  unit_id: number;
  unit_kind: OrganisationRow['kind'];
  unit_path: string;
  unit_parent_id: number | null;
  year: number | null;
  status: CertificateRow['status'] | null;
  issuer_name: string | null;
  public_hours: number | null;
  professional_hours: number | null;
}

// ---------------------------------------------------------------- the QR verification (issue 13)

/** What the verification compares with a signed copy: the issuances of its years. */
export type VerifiedIssuance = Pick<
  CertificateRow,
  'year' | 'status' | 'issuerOrgId' | 'publicHours' | 'professionalHours' | 'issuedOn' | 'revokedAt'
>;

/**
 * The live professional holding a 证书管理号 and every issuance of the given years, by year then
 * issuance, in one read statement (certificates_person); undefined when nobody holds the number.
 */
export async function issuancesOfCertNo(
  q: Db,
  certNo: string,
  years: readonly number[],
): Promise<{ personId: number; issuances: VerifiedIssuance[] } | undefined> {
  const rows = await preparedRows<IssuanceRow>(q, ISSUANCES_OF_CERT_NO, [certNo, [...years]]);
  if (rows.length === 0) return undefined;
  return {
    personId: Number(rows[0]!.person_id),
    issuances: rows
      .filter((r) => r.year !== null)
      .map((r) => ({
        year: Number(r.year),
        status: r.status!,
        issuerOrgId: Number(r.issuer_org_id),
        publicHours: Number(r.public_hours),
        professionalHours: Number(r.professional_hours),
        issuedOn: r.issued_on!,
        revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
      })),
  };
}

interface IssuanceRow {
  person_id: number;
  year: number | null;
  status: CertificateRow['status'] | null;
  issuer_org_id: number | null;
  public_hours: number | null;
  professional_hours: number | null;
  issued_on: string | null;
  revoked_at: Date | string | null;
}

const ISSUANCES_OF_CERT_NO: PreparedStatement = {
  name: 'ce_verify_issuances',
  text: `
    with h as (
      select pp.person_id
        from professional_profiles pp
       where pp.cert_no = $1
         and exists (select 1 from accounts a
                      where a.person_id = pp.person_id and a.role = 'professional' and a.status in (${LIVE_STATUS_LIST}))
       limit 1)
    select h.person_id, c.year, c.status, c.issuer_org_id, c.public_hours::float8 as public_hours,
           c.professional_hours::float8 as professional_hours, c.issued_on::text as issued_on, c.revoked_at
      from h
      left join certificates c on c.person_id = h.person_id and c.year = any($2::int[])
     order by c.year, c.id`,
};
