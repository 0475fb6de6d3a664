import { personIdNumber } from '../../db/pii';
import { and, asc, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';

export type PlanRow = typeof schema.trainingPlans.$inferSelect;
type PlanEventRow = typeof schema.trainingPlanEvents.$inferInsert;

const p = schema.trainingPlans;

export async function findPlan(q: Queryable, id: number): Promise<PlanRow | undefined> {
  const [row] = await q.select().from(p).where(eq(p.id, id));
  return row;
}

export async function findPlanOfYear(q: Queryable, orgId: number, year: number): Promise<PlanRow | undefined> {
  const [row] = await q.select().from(p).where(and(eq(p.orgId, orgId), eq(p.year, year)));
  return row;
}

export async function insertPlan(q: Queryable, values: typeof p.$inferInsert): Promise<PlanRow> {
  const [row] = await q.insert(p).values(values).returning();
  return row!;
}

/** Guarded update: only when the row is still at `version` (double submission, two reviewers at once). */
export async function updatePlan(q: Queryable, id: number, version: number, values: Partial<typeof p.$inferInsert>): Promise<PlanRow | undefined> {
  const [row] = await q
    .update(p)
    .set({ ...values, version: sql`${p.version} + 1` })
    .where(and(eq(p.id, id), eq(p.version, version)))
    .returning();
  return row;
}

export async function insertPlanEvent(q: Queryable, values: PlanEventRow) {
  await q.insert(schema.trainingPlanEvents).values(values);
}

export function planEvents(q: Queryable, planId: number) {
  const e = schema.trainingPlanEvents;
  return q.select().from(e).where(eq(e.planId, planId)).orderBy(asc(e.id));
}

/** The organisation's own plans, newest first (keyset on id). */
export function ownPlans(q: Queryable, orgId: number, f: { year?: number; after?: number; limit: number }) {
  return q
    .select()
    .from(p)
    .where(and(eq(p.orgId, orgId), f.year ? eq(p.year, f.year) : undefined, f.after ? lt(p.id, f.after) : undefined))
    .orderBy(desc(p.id))
    .limit(f.limit);
}

/** Plans filed below the reviewer: all of the subtree, or only those waiting for its decision. */
export function subtreePlans(q: Queryable, org: { id: number; path: string }, f: { year?: number; awaitingMe: boolean; after?: number; limit: number }) {
  return q
    .select()
    .from(p)
    .where(
      and(
        f.awaitingMe ? and(eq(p.currentReviewerOrgId, org.id), eq(p.status, 'pending')) : sql`${p.orgPath} like ${`${org.path}%`}`,
        ne(p.orgId, org.id),
        f.year ? eq(p.year, f.year) : undefined,
        f.after ? lt(p.id, f.after) : undefined,
      ),
    )
    .orderBy(desc(p.id))
    .limit(f.limit);
}

export async function orgNames(q: Queryable, ids: readonly number[]): Promise<Map<number, { name: string; kind: string; path: string }>> {
  if (ids.length === 0) return new Map();
  const o = schema.organisations;
  const rows = await q.select({ id: o.id, name: o.name, kind: o.kind, path: o.path }).from(o).where(inArray(o.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Attendance batches of a plan (declaration batches carrying plan_id), newest first. */
export function planBatches(q: Queryable, planId: number) {
  const b = schema.declarationBatches;
  return q.select().from(b).where(eq(b.planId, planId)).orderBy(desc(b.id));
}

/** Professionals picked as attendees: active professional accounts with their person and unit. */
export async function attendeesByAccountIds(q: Queryable, accountIds: readonly number[]) {
  if (accountIds.length === 0) return [];
  const a = schema.accounts;
  return q
    .select({ accountId: a.id, idNumber: personIdNumber, name: schema.persons.name, workDepartmentId: a.workDepartmentId, unitId: a.orgId, unitPath: schema.organisations.path, unitKind: schema.organisations.kind })
    .from(a)
    .innerJoin(schema.persons, eq(schema.persons.id, a.personId))
    .innerJoin(schema.organisations, eq(schema.organisations.id, a.orgId))
    .where(and(inArray(a.id, [...new Set(accountIds)]), eq(a.role, 'professional'), eq(a.status, 'active')));
}
