import { idNumberIs, personColumns, personIdNumber } from '../../db/pii';
import { aliasedTable, and, asc, count, desc, eq, gt, inArray, like, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { nameMatches } from '../../db/search';
import { composeCertificateNumber, type AccountStatus, type TitleLevel, type TransferStatus } from '@ce/shared';
import { schema, type Queryable } from '../../db';
import { escapeLike, orgPathOf, type OrgRow } from '../organisations/repo';
import { LIVE_ACCOUNT_STATUSES } from '../auth/repo';

const { accounts, persons, organisations, workDepartments, professionalProfiles, professionalChangeRequests, professionalTransfers } =
  schema;

export type ProfileRow = typeof professionalProfiles.$inferSelect;
export type ChangeRequestRow = typeof professionalChangeRequests.$inferSelect;
export type TransferRow = typeof professionalTransfers.$inferSelect;

// ------------------------------------------------------------------ certificate numbers

/**
 * The next 证书管理号 of a region: one atomic upsert on the region's counter row. On
 * PostgreSQL concurrent registrations queue on that row's lock (held until their commit), so no two
 * get the same serial; the unique index on cert_no is the last line of defence.
 */
export async function allocateCertificateNumber(q: Queryable, unitRegionCode: string): Promise<string> {
  const result = await q.execute(sql`
    insert into certificate_number_counters (region_prefix, last_serial) values (${unitRegionCode}, 1)
    on conflict (region_prefix) do update set last_serial = certificate_number_counters.last_serial + 1
    returning last_serial`);
  // Both drivers (PGlite, node-postgres) answer raw SQL with { rows }.
  const serial = Number((result as unknown as { rows: { last_serial: number }[] }).rows[0]!.last_serial);
  return composeCertificateNumber(unitRegionCode, serial);
}

// ------------------------------------------------------------------ profiles and accounts

export async function findProfile(q: Queryable, personId: number): Promise<ProfileRow | undefined> {
  const [row] = await q.select().from(professionalProfiles).where(eq(professionalProfiles.personId, personId));
  return row;
}

export async function workDepartmentsOf(q: Queryable, orgId: number) {
  return q.select({ id: workDepartments.id, name: workDepartments.name }).from(workDepartments).where(eq(workDepartments.orgId, orgId));
}

const professionalSelection = {
  account: accounts,
  person: personColumns,
  profile: professionalProfiles,
  unit: organisations,
  workDepartment: { id: workDepartments.id, name: workDepartments.name },
};

function professionalQuery(q: Queryable) {
  return q
    .select(professionalSelection)
    .from(accounts)
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .innerJoin(professionalProfiles, eq(professionalProfiles.personId, accounts.personId))
    .innerJoin(organisations, eq(organisations.id, accounts.orgId))
    .leftJoin(workDepartments, eq(workDepartments.id, accounts.workDepartmentId));
}
export type ProfessionalRow = Awaited<ReturnType<typeof professionalQuery>>[number];

/** A professional account with its person, profile, unit and 工作部门. */
export async function findProfessional(q: Queryable, accountId: number): Promise<ProfessionalRow | undefined> {
  const [row] = await professionalQuery(q).where(and(eq(accounts.id, accountId), eq(accounts.role, 'professional')));
  return row;
}

/** The person's professional account that exists (pending, active or archived); at most one. */
export async function findLiveProfessionalOfPerson(q: Queryable, personId: number): Promise<ProfessionalRow | undefined> {
  const [row] = await professionalQuery(q).where(
    and(eq(accounts.personId, personId), eq(accounts.role, 'professional'), inArray(accounts.status, [...LIVE_ACCOUNT_STATUSES])),
  );
  return row;
}

export interface ProfessionalFilter {
  /** The actor's subtree. */
  subtree: OrgRow;
  /** 工作部门 scope of the actor (its own unit only), or null. */
  scope: { unitId: number; workDepartmentIds: readonly number[] } | null;
  orgId?: number;
  workDepartmentId?: number;
  titleSeries?: string;
  titleLevel?: TitleLevel;
  status?: AccountStatus;
  /** A name (one or two characters: the name or its beginning; more: anywhere in it) or a whole ID number. */
  q?: string;
}

/**
 * The accounts of a subtree. A city or directly administered county (`/1/18/`), a county or a city's
 * department (`/1/18/203/`), and a county's department or a city's unit (`/1/18/203/900/`) name
 * their organisation as the 2nd / 3rd / 4th id of every account's org_path: one backward range of
 * accounts_depth2/3/4 (that id, account id), newest first — a page is read and nothing sorted, as
 * audit_log_depthN does for the audit log. The province holds nearly every account (the primary key
 * walked backwards) and deeper subtrees are small (their organisations by path, then their accounts).
 * Literal positions, so that the statement matches the indexes' expressions under any plan.
 */
function subtreeCondition(path: string): SQL {
  const ids = path.split('/').filter(Boolean);
  // Organisation ids are unique and every path starts at the province: "the 3rd id is 203" is
  // exactly "the path starts with /1/18/203/".
  if (ids.length === 2) return sql`split_part(${accounts.orgPath}, '/', 3) = ${ids[1]}`;
  if (ids.length === 3) return sql`split_part(${accounts.orgPath}, '/', 4) = ${ids[2]}`;
  if (ids.length === 4) return sql`split_part(${accounts.orgPath}, '/', 5) = ${ids[3]}`;
  return like(organisations.path, `${escapeLike(path)}%`);
}

const looksLikeIdNumber = (s: string) => /^[0-9]{15,17}[0-9Xx]$/.test(s);

function professionalConditions(f: ProfessionalFilter): SQL | undefined {
  const text = f.q?.trim();
  return and(
    eq(accounts.role, 'professional'),
    // Archived people are kept but hidden unless asked for.
    f.status ? eq(accounts.status, f.status) : inArray(accounts.status, ['pending', 'active']),
    subtreeCondition(f.subtree.path),
    f.scope ? eq(accounts.orgId, f.scope.unitId) : undefined,
    f.scope ? inArray(accounts.workDepartmentId, [...f.scope.workDepartmentIds]) : undefined,
    f.orgId ? eq(accounts.orgId, f.orgId) : undefined,
    f.workDepartmentId ? eq(accounts.workDepartmentId, f.workDepartmentId) : undefined,
    f.titleSeries ? eq(professionalProfiles.titleSeries, f.titleSeries) : undefined,
    f.titleLevel ? eq(professionalProfiles.titleLevel, f.titleLevel) : undefined,
    text
      ? looksLikeIdNumber(text)
        ? idNumberIs(text.toUpperCase())
        : nameMatches(persons.name, text)
      : undefined,
  );
}

/** Professionals matching a filter, newest account first, keyset-paginated by account id. */
export function listProfessionals(q: Queryable, f: ProfessionalFilter, page: { before?: number; limit: number }) {
  return professionalQuery(q)
    .where(and(professionalConditions(f), page.before ? lt(accounts.id, page.before) : undefined))
    .orderBy(desc(accounts.id))
    .limit(page.limit);
}

/** Pending registrations of a unit (the reviewer's queue), oldest first. */
export function pendingRegistrationsOf(
  q: Queryable,
  unitId: number,
  opts: { workDepartmentIds: readonly number[] | null; workDepartmentId?: number; after?: number; limit: number },
) {
  return professionalQuery(q)
    .where(
      and(
        eq(accounts.orgId, unitId),
        eq(accounts.role, 'professional'),
        eq(accounts.status, 'pending'),
        opts.workDepartmentIds ? inArray(accounts.workDepartmentId, [...opts.workDepartmentIds]) : undefined,
        opts.workDepartmentId ? eq(accounts.workDepartmentId, opts.workDepartmentId) : undefined,
        opts.after ? gt(accounts.id, opts.after) : undefined,
      ),
    )
    .orderBy(asc(accounts.id))
    .limit(opts.limit);
}

// ------------------------------------------------------------------ change requests

export function changeRequestsOfPerson(q: Queryable, personId: number) {
  return q
    .select()
    .from(professionalChangeRequests)
    .where(eq(professionalChangeRequests.personId, personId))
    .orderBy(desc(professionalChangeRequests.id));
}

export async function findChangeRequest(q: Queryable, id: number): Promise<ChangeRequestRow | undefined> {
  const [row] = await q.select().from(professionalChangeRequests).where(eq(professionalChangeRequests.id, id));
  return row;
}

/** A unit's change requests, oldest first, with the person and their current 工作部门. */
export function changeRequestsOfUnit(
  q: Queryable,
  unitId: number,
  opts: { status: string; kind?: string; workDepartmentIds: readonly number[] | null; after?: number; limit: number },
) {
  return q
    .select({
      request: professionalChangeRequests,
      name: persons.name,
      idNumber: personIdNumber,
      workDepartment: { id: workDepartments.id, name: workDepartments.name },
      unitName: organisations.name,
    })
    .from(professionalChangeRequests)
    .innerJoin(accounts, eq(accounts.id, professionalChangeRequests.accountId))
    .innerJoin(persons, eq(persons.id, professionalChangeRequests.personId))
    .innerJoin(organisations, eq(organisations.id, professionalChangeRequests.orgId))
    .leftJoin(workDepartments, eq(workDepartments.id, accounts.workDepartmentId))
    .where(
      and(
        eq(professionalChangeRequests.orgId, unitId),
        eq(professionalChangeRequests.status, opts.status as ChangeRequestRow['status']),
        opts.kind ? eq(professionalChangeRequests.kind, opts.kind as ChangeRequestRow['kind']) : undefined,
        opts.workDepartmentIds ? inArray(accounts.workDepartmentId, [...opts.workDepartmentIds]) : undefined,
        opts.after ? gt(professionalChangeRequests.id, opts.after) : undefined,
      ),
    )
    .orderBy(asc(professionalChangeRequests.id))
    .limit(opts.limit);
}

// ------------------------------------------------------------------ transfers

const fromOrg = aliasedTable(organisations, 'from_org');
const toOrg = aliasedTable(organisations, 'to_org');
const fromWd = aliasedTable(workDepartments, 'from_wd');
const toWd = aliasedTable(workDepartments, 'to_wd');

function transferQuery(q: Queryable) {
  return q
    .select({
      transfer: professionalTransfers,
      person: { name: persons.name, idNumber: personIdNumber },
      certNo: professionalProfiles.certNo,
      from: fromOrg,
      to: toOrg,
      fromWorkDepartment: { id: fromWd.id, name: fromWd.name },
      toWorkDepartment: { id: toWd.id, name: toWd.name },
    })
    .from(professionalTransfers)
    .innerJoin(persons, eq(persons.id, professionalTransfers.personId))
    .innerJoin(professionalProfiles, eq(professionalProfiles.personId, professionalTransfers.personId))
    .innerJoin(fromOrg, eq(fromOrg.id, professionalTransfers.fromOrgId))
    .innerJoin(toOrg, eq(toOrg.id, professionalTransfers.toOrgId))
    .leftJoin(fromWd, eq(fromWd.id, professionalTransfers.fromWorkDepartmentId))
    .leftJoin(toWd, eq(toWd.id, professionalTransfers.toWorkDepartmentId));
}
export type TransferView = Awaited<ReturnType<typeof transferQuery>>[number];

export async function findTransfer(q: Queryable, id: number): Promise<TransferView | undefined> {
  const [row] = await transferQuery(q).where(eq(professionalTransfers.id, id));
  return row;
}

export function transfersOfPerson(q: Queryable, personId: number) {
  return transferQuery(q).where(eq(professionalTransfers.personId, personId)).orderBy(desc(professionalTransfers.id));
}

/**
 * Transfers out of and/or into a unit, oldest first. Without a status: those waiting for this
 * unit (out: pending_out, in: pending_in). A scoped admin sees their 工作部门 only.
 */
export function transfersOfUnit(
  q: Queryable,
  unitId: number,
  opts: { direction?: 'out' | 'in'; status?: TransferStatus; workDepartmentIds: readonly number[] | null; after?: number; limit: number },
) {
  const t = professionalTransfers;
  const wds = opts.workDepartmentIds ? [...opts.workDepartmentIds] : null;
  const out = and(
    eq(t.fromOrgId, unitId),
    eq(t.status, opts.status ?? 'pending_out'),
    wds ? inArray(t.fromWorkDepartmentId, wds) : undefined,
  );
  const inn = and(eq(t.toOrgId, unitId), eq(t.status, opts.status ?? 'pending_in'), wds ? inArray(t.toWorkDepartmentId, wds) : undefined);
  return transferQuery(q)
    .where(
      and(
        opts.direction === 'out' ? out : opts.direction === 'in' ? inn : or(out, inn),
        opts.after ? gt(t.id, opts.after) : undefined,
      ),
    )
    .orderBy(asc(t.id))
    .limit(opts.limit);
}

export async function liveTransferOfPerson(q: Queryable, personId: number): Promise<TransferRow | undefined> {
  const [row] = await q
    .select()
    .from(professionalTransfers)
    .where(and(eq(professionalTransfers.personId, personId), inArray(professionalTransfers.status, ['pending_out', 'pending_in'])));
  return row;
}

// ------------------------------------------------------------------ counts (admin home page)

export async function countPendingRegistrations(q: Queryable, unitId: number, wds: readonly number[] | null) {
  const [row] = await q
    .select({ n: count() })
    .from(accounts)
    .where(
      and(
        eq(accounts.orgId, unitId),
        eq(accounts.role, 'professional'),
        eq(accounts.status, 'pending'),
        wds ? inArray(accounts.workDepartmentId, [...wds]) : undefined,
      ),
    );
  return row?.n ?? 0;
}

export async function countPendingChanges(q: Queryable, unitId: number, wds: readonly number[] | null) {
  const [row] = await q
    .select({ n: count() })
    .from(professionalChangeRequests)
    .innerJoin(accounts, eq(accounts.id, professionalChangeRequests.accountId))
    .where(
      and(
        eq(professionalChangeRequests.orgId, unitId),
        eq(professionalChangeRequests.status, 'pending'),
        wds ? inArray(accounts.workDepartmentId, [...wds]) : undefined,
      ),
    );
  return row?.n ?? 0;
}

export async function countPendingTransfers(q: Queryable, unitId: number, wds: readonly number[] | null) {
  const t = professionalTransfers;
  const [out] = await q
    .select({ n: count() })
    .from(t)
    .where(and(eq(t.fromOrgId, unitId), eq(t.status, 'pending_out'), wds ? inArray(t.fromWorkDepartmentId, [...wds]) : undefined));
  const [inn] = await q
    .select({ n: count() })
    .from(t)
    .where(and(eq(t.toOrgId, unitId), eq(t.status, 'pending_in'), wds ? inArray(t.toWorkDepartmentId, [...wds]) : undefined));
  return (out?.n ?? 0) + (inn?.n ?? 0);
}

/** The kind of a pending change request of the person, if any (pending work: ). */
export async function pendingChangeRequestKind(q: Queryable, personId: number) {
  const [row] = await q
    .select({ kind: schema.professionalChangeRequests.kind })
    .from(schema.professionalChangeRequests)
    .where(and(eq(schema.professionalChangeRequests.personId, personId), eq(schema.professionalChangeRequests.status, 'pending')))
    .limit(1);
  return row?.kind;
}

/** Records a new unit transfer; the unique index on a person's live transfer refuses a second one. */
export async function insertTransfer(tx: Queryable, values: typeof professionalTransfers.$inferInsert): Promise<TransferRow> {
  const [transfer] = await tx.insert(professionalTransfers).values(values).returning();
  return transfer!;
}

/** Moves a transfer on (decision, withdrawal) unless its status or version changed since it was read; false when it did. */
export async function updateTransferIfCurrent(
  tx: Queryable,
  id: number,
  expected: { status: TransferStatus; version: number },
  values: Partial<typeof professionalTransfers.$inferInsert>,
): Promise<boolean> {
  const t = professionalTransfers;
  const updated = await tx
    .update(t)
    .set(values)
    .where(and(eq(t.id, id), eq(t.status, expected.status), eq(t.version, expected.version)))
    .returning({ id: t.id });
  return updated.length > 0;
}

/**
 * Completes a transfer on the account: moves it from `fromOrgId` to the new unit (with that unit's
 * path) while it is still active there; false when it is not.
 */
export async function moveAccountToUnit(
  tx: Queryable,
  accountId: number,
  fromOrgId: number,
  values: { orgId: number; workDepartmentId: number | null; version: number },
): Promise<boolean> {
  const a = schema.accounts;
  const moved = await tx
    .update(a)
    .set({ ...values, orgPath: orgPathOf(values.orgId) })
    .where(and(eq(a.id, accountId), eq(a.orgId, fromOrgId), eq(a.status, 'active')))
    .returning({ id: a.id });
  return moved.length > 0;
}

/**
 * Updates an account (its status and version among the values) unless it is no longer at the
 * expected status and version; false when it is not. Never its organisation (moveAccountToUnit).
 */
export async function updateAccountStatusIfCurrent(
  tx: Queryable,
  accountId: number,
  expected: { status: AccountStatus; version: number },
  values: Omit<Partial<typeof accounts.$inferInsert>, 'orgId' | 'orgPath'>,
): Promise<boolean> {
  const updated = await tx
    .update(accounts)
    .set(values)
    .where(and(eq(accounts.id, accountId), eq(accounts.status, expected.status), eq(accounts.version, expected.version)))
    .returning({ id: accounts.id });
  return updated.length > 0;
}

/** Updates a person's professional profile. */
export async function updateProfile(tx: Queryable, personId: number, values: Partial<typeof professionalProfiles.$inferInsert>): Promise<void> {
  await tx.update(professionalProfiles).set(values).where(eq(professionalProfiles.personId, personId));
}

export async function insertProfile(tx: Queryable, values: typeof professionalProfiles.$inferInsert): Promise<void> {
  await tx.insert(professionalProfiles).values(values);
}

export async function insertAccount(tx: Queryable, values: typeof accounts.$inferInsert) {
  const [account] = await tx.insert(accounts).values(values).returning();
  return account!;
}

/** The professional accounts among `ids` with their units (absent ids are not professionals). */
export async function professionalAccountsWithUnit(q: Queryable, ids: number[]) {
  return q
    .select({ account: accounts, unit: organisations })
    .from(accounts)
    .innerJoin(organisations, eq(organisations.id, accounts.orgId))
    .where(and(inArray(accounts.id, ids), eq(accounts.role, 'professional')));
}

export async function insertChangeRequest(tx: Queryable, values: typeof professionalChangeRequests.$inferInsert): Promise<ChangeRequestRow> {
  const [request] = await tx.insert(professionalChangeRequests).values(values).returning();
  return request!;
}

/**
 * Decides or withdraws a change request while it is still pending (and, when given, still at
 * `version`); false when it is not.
 */
export async function updatePendingChangeRequest(
  tx: Queryable,
  id: number,
  version: number | null,
  values: Partial<typeof professionalChangeRequests.$inferInsert>,
): Promise<boolean> {
  const cr = professionalChangeRequests;
  const updated = await tx
    .update(cr)
    .set(values)
    .where(and(eq(cr.id, id), eq(cr.status, 'pending'), ...(version === null ? [] : [eq(cr.version, version)])))
    .returning({ id: cr.id });
  return updated.length > 0;
}

/** Whether a person other than `personId` holds this ID number. */
export async function idNumberTakenByOther(q: Queryable, idNumber: string, personId: number): Promise<boolean> {
  const [other] = await q
    .select({ id: persons.id })
    .from(persons)
    .where(and(idNumberIs(idNumber), ne(persons.id, personId)));
  return other !== undefined;
}
