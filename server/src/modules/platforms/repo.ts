/** The queries of learning platforms: platforms, held records, request nonces, the anomaly thresholds. */
import { and, desc, eq, gte, inArray, isNull, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import type { PlatformRecordStatus } from '../../db/schema-platforms';
import { escapeLike } from '../organisations/repo';

const lp = schema.learningPlatforms;
const pr = schema.platformRecords;

export type PlatformRow = typeof lp.$inferSelect;
export type PlatformRecordRow = typeof pr.$inferSelect;

/** Organisation names by id. */
export async function orgNames(q: Queryable, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const o = schema.organisations;
  const rows = await q.select({ id: o.id, name: o.name }).from(o).where(inArray(o.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ------------------------------------------------------------------ platforms

export async function findPlatform(q: Queryable, id: number) {
  const [row] = await q.select().from(lp).where(eq(lp.id, id));
  return row;
}

export async function findPlatformByClientId(q: Queryable, clientId: string) {
  const [row] = await q.select().from(lp).where(eq(lp.clientId, clientId));
  return row;
}

export async function insertPlatform(q: Queryable, values: typeof lp.$inferInsert) {
  const [created] = await q.insert(lp).values(values).returning();
  return created!;
}

/** Platforms in a scope (one base's, or those below an HRSS bureau's path), newest first, keyset-paged. */
export function platformsPage(
  q: Queryable,
  scope: { baseOrgId: number } | { underPath: string },
  query: { status?: PlatformRow['status']; after?: number; limit: number },
) {
  const where: SQL = 'baseOrgId' in scope ? eq(lp.baseOrgId, scope.baseOrgId) : like(lp.baseOrgPath, `${escapeLike(scope.underPath)}%`);
  return q
    .select()
    .from(lp)
    .where(and(where, query.status ? eq(lp.status, query.status) : undefined, query.after ? lt(lp.id, query.after) : undefined))
    .orderBy(desc(lp.id))
    .limit(query.limit);
}

/** Updates a platform guarded on the version it was read at; undefined when it changed meanwhile. */
export async function updatePlatformGuarded(q: Queryable, row: Pick<PlatformRow, 'id' | 'version'>, set: Partial<typeof lp.$inferInsert>) {
  const [updated] = await q
    .update(lp)
    .set({ ...set, version: row.version + 1 })
    .where(and(eq(lp.id, row.id), eq(lp.version, row.version)))
    .returning();
  return updated;
}

// ------------------------------------------------------------------ request nonces

/** Remembers a nonce of a platform; false when it was used already (a replay). */
export async function rememberNonce(q: Queryable, platformId: number, nonce: string, expiresAt: Date) {
  const fresh = await q
    .insert(schema.platformNonces)
    .values({ platformId, nonce, expiresAt })
    .onConflictDoNothing()
    .returning({ nonce: schema.platformNonces.nonce });
  return fresh.length > 0;
}

/** Deletes nonces past their window; how many. */
export async function deleteExpiredNonces(q: Queryable, now: Date): Promise<number> {
  const n = schema.platformNonces;
  const deleted = await q.delete(n).where(lt(n.expiresAt, now)).returning({ nonce: n.nonce });
  return deleted.length;
}

// ------------------------------------------------------------------ platform records

export async function findPlatformRecord(q: Queryable, id: number) {
  const [found] = await q.select().from(pr).where(eq(pr.id, id));
  return found;
}

/** Records of the platforms below a bureau's path in one state, newest first, keyset-paged. */
export function platformRecordsUnder(
  q: Queryable,
  path: string,
  query: { status: PlatformRecordStatus; platformId?: number; after?: number; limit: number },
) {
  return q
    .select({ r: pr, platformName: lp.name })
    .from(pr)
    .innerJoin(lp, eq(lp.id, pr.platformId))
    .where(
      and(
        like(lp.baseOrgPath, `${escapeLike(path)}%`),
        eq(pr.status, query.status),
        query.platformId ? eq(pr.platformId, query.platformId) : undefined,
        query.after ? lt(pr.id, query.after) : undefined,
      ),
    )
    .orderBy(desc(pr.id))
    .limit(query.limit);
}

/** A person's held and refused records, newest first, keyset-paged. */
export function heldOrRefusedRecordsOf(q: Queryable, personId: number, query: { after?: number; limit: number }) {
  return q
    .select({ r: pr, platformName: lp.name })
    .from(pr)
    .innerJoin(lp, eq(lp.id, pr.platformId))
    .where(and(eq(pr.personId, personId), inArray(pr.status, ['held', 'refused']), query.after ? lt(pr.id, query.after) : undefined))
    .orderBy(desc(pr.id))
    .limit(query.limit);
}

/** The id of the person's active professional account, if any. */
export async function activeProfessionalAccountId(q: Queryable, personId: number): Promise<number | undefined> {
  const [acc] = await q
    .select({ id: schema.accounts.id })
    .from(schema.accounts)
    .where(and(eq(schema.accounts.personId, personId), eq(schema.accounts.role, 'professional'), eq(schema.accounts.status, 'active')))
    .limit(1);
  return acc?.id;
}

/** Decides a held record, guarded on its version and on it still being held; undefined when it moved on. */
export async function decideHeldRecord(q: Queryable, row: Pick<PlatformRecordRow, 'id' | 'version'>, set: Partial<typeof pr.$inferInsert>) {
  const [u] = await q
    .update(pr)
    .set({ ...set, version: row.version + 1 })
    .where(and(eq(pr.id, row.id), eq(pr.version, row.version), eq(pr.status, 'held')))
    .returning();
  return u;
}

// ------------------------------------------------------------------ anomaly thresholds

export async function anomalySettingsRow(q: Queryable) {
  const [row] = await q.select().from(schema.anomalySettings).where(eq(schema.anomalySettings.id, 'province'));
  return row;
}

export async function saveAnomalySettings(
  q: Queryable,
  values: Omit<typeof schema.anomalySettings.$inferInsert, 'id'>,
) {
  const t = schema.anomalySettings;
  await q.insert(t).values({ id: 'province', ...values }).onConflictDoUpdate({ target: t.id, set: values });
}

// ------------------------------------------------------------------ completions (ingest.ts)

const d = schema.declarations;

/** Locks the platform row for the caller's transaction (one completions call of a platform at a time). */
export async function lockPlatform(tx: Queryable, id: number) {
  const [locked] = await tx.select().from(lp).where(eq(lp.id, id)).for('update');
  return locked;
}

export async function touchPlatform(q: Queryable, id: number, now: Date) {
  await q.update(lp).set({ lastUsedAt: now }).where(eq(lp.id, id));
}

/** The first answers given to these record ids of a platform (a repeated record answers the same). */
export function firstAnswersOf(q: Queryable, platformId: number, recordIds: string[]) {
  return q
    .select({ recordId: pr.recordId, status: pr.firstStatus, reason: pr.firstReason })
    .from(pr)
    .where(and(eq(pr.platformId, platformId), inArray(pr.recordId, recordIds)));
}

/** A record's state now. */
export async function recordStateOf(q: Queryable, platformId: number, recordId: string) {
  const [row] = await q.select({ recordId: pr.recordId, status: pr.status, reason: pr.reason }).from(pr).where(and(eq(pr.platformId, platformId), eq(pr.recordId, recordId)));
  return row;
}

export async function insertPlatformRecords(q: Queryable, values: (typeof pr.$inferInsert)[]) {
  await q.insert(pr).values(values);
}

/** Accepted platform records of these persons finished in [from, to]. */
export function acceptedPlatformRecordsOf(q: Queryable, personIds: number[], from: Date, to: Date) {
  return q
    .select({ personId: pr.personId, platformId: pr.platformId, courseId: pr.courseId, courseTitle: pr.courseTitle, hours: pr.hours, startedAt: pr.startedAt, finishedAt: pr.finishedAt })
    .from(pr)
    .where(and(inArray(pr.personId, personIds), eq(pr.status, 'accepted'), gte(pr.finishedAt, from), lte(pr.finishedAt, to)));
}

/** Approved and pending declarations (not from a platform, not reductions) of these persons in [fromYear, toYear]. */
export function countedDeclarationsOf(q: Queryable, personIds: number[], fromYear: number, toYear: number) {
  return q
    .select({ personId: d.personId, title: d.title, hours: d.claimedHours, startDate: d.startDate, endDate: d.endDate, year: d.year })
    .from(d)
    .where(and(inArray(d.personId, personIds), inArray(d.status, ['approved', 'pending']), isNull(d.platformId), gte(d.year, fromYear), lte(d.year, toYear), sql`${d.form} <> 'reduction'`));
}

/** Per course of a platform: the most hours of an accepted record and how many there are. */
export function acceptedCourseStats(q: Queryable, platformId: number, courseIds: string[]) {
  return q
    .select({ courseId: pr.courseId, maxHours: sql<string>`max(${pr.hours})`, count: sql<number>`count(*)::int` })
    .from(pr)
    .where(and(eq(pr.platformId, platformId), eq(pr.status, 'accepted'), inArray(pr.courseId, courseIds)))
    .groupBy(pr.courseId);
}

/** The 职称系列 of these persons' profiles. */
export function titleSeriesOf(q: Queryable, personIds: number[]) {
  const p = schema.professionalProfiles;
  return q.select({ personId: p.personId, series: p.titleSeries }).from(p).where(inArray(p.personId, personIds));
}

/** Inserts declarations; their id, person and title in the VALUES order. */
export function insertDeclarationsReturning(q: Queryable, rows: (typeof d.$inferInsert)[]) {
  return q.insert(d).values(rows).returning({ id: d.id, personId: d.personId, title: d.title });
}

export async function insertDeclarationEvents(q: Queryable, rows: (typeof schema.declarationEvents.$inferInsert)[]) {
  await q.insert(schema.declarationEvents).values(rows);
}
