import { personColumns } from '../../db/pii';
import { nameMatches } from '../../db/search';
import { and, count, desc, eq, inArray, lt, gt, like, sql, asc } from 'drizzle-orm';
import type { OrgKind, OrgStatus } from '@ce/shared';
import { schema, type Queryable } from '../../db';

export type OrgRow = typeof schema.organisations.$inferSelect;
type NewOrg = Omit<typeof schema.organisations.$inferInsert, 'id' | 'path' | 'depth'>;

/**
 * The path of an organisation, read in the statement (for accounts.org_path, written with every
 * org_id: an insert or move that holds only the id).
 */
export const orgPathOf = (orgId: number) => sql<string>`(select ${schema.organisations.path} from ${schema.organisations} where ${schema.organisations.id} = ${orgId})`;

/** `LIKE` pattern for a literal string. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findOrg(q: Queryable, id: number): Promise<OrgRow | undefined> {
  const [row] = await q.select().from(schema.organisations).where(eq(schema.organisations.id, id));
  return row;
}

/** Inserts an organisation under `parent` and fills its materialised path. */
export async function insertOrg(q: Queryable, values: NewOrg, parent: OrgRow | null): Promise<OrgRow> {
  const [row] = await q
    .insert(schema.organisations)
    .values({ ...values, parentId: parent?.id ?? null, path: '', depth: parent ? parent.depth + 1 : 0 })
    .returning();
  const path = `${parent?.path ?? '/'}${row!.id}/`;
  await q.update(schema.organisations).set({ path }).where(eq(schema.organisations.id, row!.id));
  return { ...row!, path };
}

/**
 * Organisations of a region as a person picking one expects: a city (4101 00) includes its
 * districts and counties; the province code (410000) means 省直 only; a county is exact.
 */
function regionCondition(code: string) {
  if (code !== '410000' && code.endsWith('00')) {
    return like(schema.organisations.regionCode, `${code.slice(0, 4)}%`);
  }
  return eq(schema.organisations.regionCode, code);
}

export function searchActiveOrgs(
  q: Queryable,
  opts: { kinds?: OrgKind[]; regionCode?: string; name?: string; limit: number },
) {
  return q
    .select()
    .from(schema.organisations)
    .where(
      and(
        eq(schema.organisations.status, 'active'),
        opts.kinds?.length ? inArray(schema.organisations.kind, opts.kinds) : undefined,
        opts.regionCode ? regionCondition(opts.regionCode) : undefined,
        opts.name ? nameMatches(schema.organisations.name, opts.name) : undefined,
      ),
    )
    .orderBy(asc(schema.organisations.kind), asc(schema.organisations.name))
    .limit(opts.limit);
}

/** Organisations of a subtree (the root excluded), newest first, keyset-paginated by id. */
export function listSubtree(
  q: Queryable,
  root: OrgRow,
  opts: { kind?: OrgKind; status?: OrgStatus; regionCode?: string; name?: string; before?: number; limit: number },
) {
  return q
    .select({ org: schema.organisations, parentName: sql<string | null>`parent.name` })
    .from(schema.organisations)
    .leftJoin(sql`organisations as parent`, sql`parent.id = ${schema.organisations.parentId}`)
    .where(
      and(
        like(schema.organisations.path, `${escapeLike(root.path)}%`),
        gt(schema.organisations.depth, root.depth),
        opts.kind ? eq(schema.organisations.kind, opts.kind) : undefined,
        opts.status ? eq(schema.organisations.status, opts.status) : undefined,
        opts.regionCode ? eq(schema.organisations.regionCode, opts.regionCode) : undefined,
        opts.name ? nameMatches(schema.organisations.name, opts.name) : undefined,
        opts.before ? lt(schema.organisations.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(schema.organisations.id))
    .limit(opts.limit);
}

export async function countSubtree(q: Queryable, root: OrgRow) {
  const [row] = await q
    .select({ n: count() })
    .from(schema.organisations)
    .where(
      and(
        like(schema.organisations.path, `${escapeLike(root.path)}%`),
        gt(schema.organisations.depth, root.depth),
        eq(schema.organisations.status, 'active'),
      ),
    );
  return row?.n ?? 0;
}

export async function countChildren(q: Queryable, parentId: number, status: OrgStatus) {
  const [row] = await q
    .select({ n: count() })
    .from(schema.organisations)
    .where(and(eq(schema.organisations.parentId, parentId), eq(schema.organisations.status, status)));
  return row?.n ?? 0;
}

/** Pending registrations of organisations whose parent is `parentId` (the reviewer's queue). */
export function pendingChildren(q: Queryable, parentId: number, opts: { kind?: OrgKind; after?: number; limit: number }) {
  return q
    .select()
    .from(schema.organisations)
    .where(
      and(
        eq(schema.organisations.parentId, parentId),
        eq(schema.organisations.status, 'pending'),
        opts.kind ? eq(schema.organisations.kind, opts.kind) : undefined,
        opts.after ? gt(schema.organisations.id, opts.after) : undefined,
      ),
    )
    .orderBy(asc(schema.organisations.id))
    .limit(opts.limit);
}

/** The account that registered an organisation: its first super admin. */
export async function registrantOf(q: Queryable, orgId: number) {
  const [row] = await q
    .select({ account: schema.accounts, person: personColumns })
    .from(schema.accounts)
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(and(eq(schema.accounts.orgId, orgId), eq(schema.accounts.isSuperAdmin, true)))
    .orderBy(asc(schema.accounts.id))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------- registrations of organisations

type AccountRow = typeof schema.accounts.$inferSelect;

/** The registering super admin's account of a new organisation (pending with it). */
export async function insertRegistrantAccount(
  q: Queryable,
  v: { personId: number; role: AccountRow['role']; orgId: number; orgPath: string; createdAt: Date },
): Promise<AccountRow> {
  const [account] = await q.insert(schema.accounts).values({ ...v, status: 'pending', isSuperAdmin: true }).returning();
  return account!;
}

/** Guarded: only a pending organisation at the expected version is decided. False when it was not. */
export async function decidePendingOrg(
  q: Queryable,
  guard: { id: number; version: number; nextVersion: number },
  d: { status: OrgStatus; reason: string | null; at: Date; byAccountId: number },
): Promise<boolean> {
  const o = schema.organisations;
  const updated = await q
    .update(o)
    .set({ status: d.status, rejectReason: d.reason, reviewedAt: d.at, reviewedByAccountId: d.byAccountId, version: guard.nextVersion })
    .where(and(eq(o.id, guard.id), eq(o.status, 'pending'), eq(o.version, guard.version)))
    .returning({ id: o.id });
  return updated.length > 0;
}

/** The pending accounts of an organisation take its registration's decision. */
export async function decidePendingAccountsOfOrg(
  q: Queryable,
  orgId: number,
  d: { status: AccountRow['status']; reason: string | null; at: Date; byAccountId: number },
): Promise<void> {
  const a = schema.accounts;
  await q
    .update(a)
    .set({ status: d.status, rejectReason: d.reason, reviewedAt: d.at, reviewedByAccountId: d.byAccountId })
    .where(and(eq(a.orgId, orgId), eq(a.status, 'pending')));
}

/** 注册进度 by credit code: the organisations of that code with their super admins' accounts, newest first. */
export function registrationsByCreditCode(q: Queryable, creditCode: string) {
  const { accounts: a, organisations: o } = schema;
  return q
    .select({ account: a, org: o })
    .from(o)
    .innerJoin(a, and(eq(a.orgId, o.id), eq(a.isSuperAdmin, true)))
    .where(eq(o.creditCode, creditCode))
    .orderBy(desc(a.id))
    .limit(20);
}

/** 注册进度 of a person: their accounts with the organisations, newest first. */
export function registrationsOfPerson(q: Queryable, personId: number) {
  const { accounts: a, organisations: o } = schema;
  return q.select({ account: a, org: o }).from(a).innerJoin(o, eq(o.id, a.orgId)).where(eq(a.personId, personId)).orderBy(desc(a.id)).limit(20);
}

/** Names of organisations by id. */
export async function orgNames(q: Queryable, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  const o = schema.organisations;
  return q.select({ id: o.id, name: o.name }).from(o).where(inArray(o.id, [...ids]));
}

/** The registrant withdraws a pending account of theirs; undefined when it is not pending (or not theirs). */
export async function withdrawPendingAccount(q: Queryable, w: { id: number; personId: number; at: Date }): Promise<AccountRow | undefined> {
  const a = schema.accounts;
  const [row] = await q
    .update(a)
    .set({ status: 'withdrawn', reviewedAt: w.at })
    .where(and(eq(a.id, w.id), eq(a.personId, w.personId), eq(a.status, 'pending')))
    .returning();
  return row;
}

/** A pending organisation's registration withdrawn with its super admin's account. */
export async function withdrawPendingOrg(q: Queryable, orgId: number): Promise<OrgRow | undefined> {
  const o = schema.organisations;
  const [org] = await q.update(o).set({ status: 'withdrawn' }).where(and(eq(o.id, orgId), eq(o.status, 'pending'))).returning();
  return org;
}

// ---------------------------------------------------------------- organisation changes, bureaus

/** The organisations holding a credit code (any status): a change may not take an active or pending one's. */
export function orgsWithCreditCode(q: Queryable, creditCode: string): Promise<{ id: number; status: OrgStatus }[]> {
  const o = schema.organisations;
  return q.select({ id: o.id, status: o.status }).from(o).where(eq(o.creditCode, creditCode));
}

/** 修改单位信息 approved: the new name and credit code. */
export async function updateOrgInfo(q: Queryable, id: number, set: { name: string; creditCode: string | null; version: number }): Promise<void> {
  await q.update(schema.organisations).set(set).where(eq(schema.organisations.id, id));
}

/** Every organisation of a kind (the HRSS bureaus at start-up: 175). */
export function orgsOfKind(q: Queryable, kind: OrgKind): Promise<OrgRow[]> {
  return q.select().from(schema.organisations).where(eq(schema.organisations.kind, kind));
}
