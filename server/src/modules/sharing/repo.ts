/** Queries of share links and the certificate view log (issue 14). */
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import { submitted } from '../declarations/submitted';

const s = schema.certificateShares;
const v = schema.certificateViews;

export type ShareRow = typeof s.$inferSelect;
export type ViewRow = typeof v.$inferSelect;

export async function insertShare(q: Queryable, values: Omit<typeof s.$inferInsert, 'id'>): Promise<ShareRow> {
  const [row] = await q.insert(s).values(values).returning();
  return row!;
}

export async function shareByTokenHash(q: Queryable, tokenHash: string): Promise<ShareRow | undefined> {
  const [row] = await q.select().from(s).where(eq(s.tokenHash, tokenHash));
  return row;
}

export async function shareOfPerson(q: Queryable, personId: number, id: number): Promise<ShareRow | undefined> {
  const [row] = await q.select().from(s).where(and(eq(s.id, id), eq(s.personId, personId)));
  return row;
}

/** A person's shares, newest first, with their view counts (index certificate_views_share). */
export function sharesOfPerson(q: Queryable, personId: number) {
  return q
    .select({
      share: s,
      views: sql<number>`(select count(*) from certificate_views w where w.share_id = "certificate_shares"."id")::int`,
      lastViewedAt: sql<Date | null>`(select max(w.at) from certificate_views w where w.share_id = "certificate_shares"."id")`.mapWith(
        (x: string | Date | null) => (x == null ? null : new Date(x)),
      ),
    })
    .from(s)
    .where(eq(s.personId, personId))
    .orderBy(desc(s.id))
    .limit(200);
}

/** Guarded: only a share not yet revoked, at the expected version. */
export async function revokeShare(q: Queryable, id: number, version: number, now: Date): Promise<ShareRow | undefined> {
  const [row] = await q
    .update(s)
    .set({ revokedAt: now, version: version + 1 })
    .where(and(eq(s.id, id), eq(s.version, version), sql`${s.revokedAt} is null`))
    .returning();
  return row;
}

// ---------------------------------------------------------------- view log

export type ViewValues = Omit<typeof v.$inferInsert, 'id'>;

/** Several view rows in one statement. */
export async function insertViews(q: Queryable, values: readonly ViewValues[]): Promise<void> {
  if (values.length > 0) await q.insert(v).values([...values]);
}

/** A person's views, newest first, keyset by id (index certificate_views_person). */
export function viewsOfPerson(q: Queryable, personId: number, opts: { after?: number; limit: number; shareId?: number }) {
  return q
    .select()
    .from(v)
    .where(
      and(
        eq(v.personId, personId),
        opts.after ? lt(v.id, opts.after) : undefined,
        opts.shareId ? eq(v.shareId, opts.shareId) : undefined,
      ),
    )
    .orderBy(desc(v.id))
    .limit(opts.limit);
}

/** How many views each year had (a view of several years counts for each). */
export async function viewCountsPerYear(q: Queryable, personId: number) {
  const result = await q.execute(
    sql`select y as year, count(*)::int as count from certificate_views, unnest(years) as y
        where person_id = ${personId} group by y order by y desc`,
  );
  // Both drivers (PGlite, node-postgres) answer raw SQL with { rows }.
  const list = (result as unknown as { rows: { year: number; count: number }[] }).rows;
  return list.map((r) => ({ year: Number(r.year), count: Number(r.count) }));
}

export async function viewTotal(q: Queryable, personId: number): Promise<number> {
  const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(v).where(eq(v.personId, personId));
  return row?.n ?? 0;
}

/** Deletes view-log rows older than the cutoff; returns how many (index certificate_views_at). */
export async function purgeViewsBefore(q: Queryable, cutoff: Date): Promise<number> {
  const deleted = await q.delete(v).where(lt(v.at, cutoff)).returning({ id: v.id });
  return deleted.length;
}

// ---------------------------------------------------------------- what a share shows

const d = schema.declarations;
const e = schema.declarationEvents;
const h = schema.historicalHourEntries;

/** The counted (approved) records of the chosen years, with a 学时转登 entry's paper certificate. */
export async function approvedRecords(q: Queryable, personId: number, years: readonly number[]) {
  const rows = await q
    .select({
      id: d.id,
      year: d.year,
      subject: d.subject,
      form: d.form,
      title: d.title,
      organiser: d.organiser,
      startDate: d.startDate,
      endDate: d.endDate,
      hours: d.claimedHours,
      paperCertificateNo: h.paperCertificateNo,
    })
    .from(d)
    .leftJoin(h, eq(h.declarationId, d.id))
    .where(and(eq(d.personId, personId), inArray(d.year, [...years]), eq(d.status, 'approved')))
    .orderBy(asc(d.year), asc(d.startDate), asc(d.id));
  // Approved records are complete (submitting checks every field a draft may leave empty).
  return rows.map((r) => submitted(r, ['subject', 'form', 'title', 'organiser', 'startDate', 'endDate', 'hours']));
}

/** The review trail (dates and organisations) of those records. */
export function eventsOf(q: Queryable, declarationIds: readonly number[]) {
  if (declarationIds.length === 0) return Promise.resolve([]);
  return q
    .select({ declarationId: e.declarationId, action: e.action, orgName: e.orgName, at: e.at, submissionNo: e.submissionNo })
    .from(e)
    .where(inArray(e.declarationId, [...declarationIds]))
    .orderBy(asc(e.declarationId), asc(e.id));
}
