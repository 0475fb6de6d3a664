import { and, asc, desc, eq, isNull, like, lt, max } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import { escapeLike } from '../organisations/repo';
import type { SealApplicationStatus } from '../../db/schema-certificates';

export type SigningKeyRow = typeof schema.certificateSigningKeys.$inferSelect;
export type SealApplicationRow = typeof schema.sealApplications.$inferSelect;
export type AdminFilingRow = typeof schema.sealAdminFilings.$inferSelect;

// ---------------------------------------------------------------- signing keys

const keys = schema.certificateSigningKeys;

export async function lastKeySeq(q: Queryable, bureauOrgId: number): Promise<number> {
  const [row] = await q
    .select({ seq: max(keys.seq) })
    .from(keys)
    .where(eq(keys.bureauOrgId, bureauOrgId));
  return row?.seq ?? 0;
}

export async function retireActiveKey(q: Queryable, bureauOrgId: number, now: Date) {
  await q
    .update(keys)
    .set({ retiredAt: now })
    .where(and(eq(keys.bureauOrgId, bureauOrgId), isNull(keys.retiredAt)));
}

export async function insertKey(q: Queryable, values: Omit<typeof keys.$inferInsert, 'id'>) {
  await q.insert(keys).values(values);
}

export async function activeKeyRow(q: Queryable, bureauOrgId: number): Promise<SigningKeyRow | undefined> {
  const [row] = await q
    .select()
    .from(keys)
    .where(and(eq(keys.bureauOrgId, bureauOrgId), isNull(keys.retiredAt)));
  return row;
}

/** The active key of every bureau with an enabled seal, with the bureau's path (for rotation). */
export function activeKeyRows(q: Queryable) {
  return q
    .select({
      bureauOrgId: keys.bureauOrgId,
      kid: keys.kid,
      publicJwk: keys.publicJwk,
      bureauPath: schema.organisations.path,
    })
    .from(keys)
    .innerJoin(schema.organisations, eq(schema.organisations.id, keys.bureauOrgId))
    .where(isNull(keys.retiredAt))
    .orderBy(asc(keys.bureauOrgId));
}

/** Public parts of every key, oldest first (a few hundred rows at most: one or two per bureau). */
export function allKeyRows(q: Queryable) {
  return q.select({ kid: keys.kid, publicJwk: keys.publicJwk }).from(keys).orderBy(asc(keys.id));
}

// ---------------------------------------------------------------- seal applications

const apps = schema.sealApplications;
const orgs = schema.organisations;

export async function insertSealApplication(
  q: Queryable,
  values: Omit<typeof apps.$inferInsert, 'id'>,
): Promise<SealApplicationRow> {
  const [row] = await q.insert(apps).values(values).returning();
  return row!;
}

export async function findSealApplication(q: Queryable, id: number) {
  const [row] = await q
    .select({ app: apps, bureau: orgs })
    .from(apps)
    .innerJoin(orgs, eq(orgs.id, apps.bureauOrgId))
    .where(eq(apps.id, id));
  return row;
}

export async function latestSealApplication(
  q: Queryable,
  bureauOrgId: number,
): Promise<SealApplicationRow | undefined> {
  const [row] = await q
    .select()
    .from(apps)
    .where(eq(apps.bureauOrgId, bureauOrgId))
    .orderBy(desc(apps.id))
    .limit(1);
  return row;
}

/** Applications of one bureau or of the bureaus inside a subtree, newest first, keyset-paginated by id. */
export function listSealApplications(
  q: Queryable,
  scope: { orgId: number } | { subtreePath: string },
  opts: { status?: SealApplicationStatus; after?: number; limit: number },
) {
  return q
    .select({ app: apps, bureau: orgs })
    .from(apps)
    .innerJoin(orgs, eq(orgs.id, apps.bureauOrgId))
    .where(
      and(
        'orgId' in scope
          ? eq(apps.bureauOrgId, scope.orgId)
          : like(orgs.path, `${escapeLike(scope.subtreePath)}%`),
        opts.status ? eq(apps.status, opts.status) : undefined,
        opts.after ? lt(apps.id, opts.after) : undefined,
      ),
    )
    .orderBy(desc(apps.id))
    .limit(opts.limit);
}

/** Guarded decision: only a pending application at the expected version changes (0 rows → handled). */
export async function decideSealApplication(
  q: Queryable,
  id: number,
  version: number,
  values: Pick<
    SealApplicationRow,
    'status' | 'reviewedByAccountId' | 'reviewerName' | 'reviewedAt' | 'rejectReason' | 'kid'
  >,
): Promise<SealApplicationRow | undefined> {
  const [row] = await q
    .update(apps)
    .set({ ...values, version: version + 1 })
    .where(and(eq(apps.id, id), eq(apps.status, 'pending'), eq(apps.version, version)))
    .returning();
  return row;
}

export async function setSealApplicationKid(
  q: Queryable,
  id: number,
  kid: string,
): Promise<SealApplicationRow> {
  const [row] = await q.update(apps).set({ kid }).where(eq(apps.id, id)).returning();
  return row!;
}

// ---------------------------------------------------------------- admin filings

const filings = schema.sealAdminFilings;

export async function insertAdminFiling(
  q: Queryable,
  values: Omit<typeof filings.$inferInsert, 'id'>,
): Promise<AdminFilingRow> {
  const [row] = await q.insert(filings).values(values).returning();
  return row!;
}

/** Filings of one organisation, or of every organisation inside a subtree; newest first. */
export function listAdminFilings(
  q: Queryable,
  scope: { orgId: number } | { subtreePath: string },
  opts: { after?: number; limit: number },
) {
  return q
    .select({ filing: filings, orgName: orgs.name, filedByName: schema.persons.name })
    .from(filings)
    .innerJoin(orgs, eq(orgs.id, filings.orgId))
    .innerJoin(schema.accounts, eq(schema.accounts.id, filings.filedByAccountId))
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(
      and(
        'orgId' in scope
          ? eq(filings.orgId, scope.orgId)
          : like(orgs.path, `${escapeLike(scope.subtreePath)}%`),
        opts.after ? lt(filings.id, opts.after) : undefined,
      ),
    )
    .orderBy(desc(filings.id))
    .limit(opts.limit);
}
