/**
 * The queues' SQL: the figures and organisation ids the registered counters read, the province's
 * review deadline (review_deadlines) and the daily digest's claims (overdue_digests).
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';

export interface QueueFigures {
  count: number;
  overdue: number;
  /** When the item waiting longest reached this level. */
  oldestSince: Date | null;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
export const timestampParam = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** count / overdue / oldest of `from where …`, measuring the wait from the `since` expression. */
export async function queueFigures(q: Queryable, from: SQL, where: SQL, since: SQL, overdueBefore: Date): Promise<QueueFigures> {
  const result = await q.execute(sql`
    select count(*)::int as n, count(*) filter (where ${since} < ${timestampParam(overdueBefore)})::int as overdue, min(${since}) as oldest
      from ${from} where ${where}`);
  const [row] = rowsOf<{ n: number; overdue: number; oldest: Date | string | null }>(result);
  return {
    count: Number(row?.n ?? 0),
    overdue: Number(row?.overdue ?? 0),
    oldestSince: row?.oldest ? new Date(row.oldest) : null,
  };
}

/** The ids of a query selecting `id`. */
export async function orgIdsOf(q: Queryable, query: SQL): Promise<number[]> {
  return rowsOf<{ id: number | null }>(await q.execute(query))
    .map((r) => Number(r.id))
    .filter((id) => Number.isInteger(id) && id > 0);
}

/** The province's deadline in days, or null while it has not set one. */
export async function findReviewDeadlineDays(q: Queryable): Promise<number | null> {
  const [row] = await q.select({ days: schema.reviewDeadlines.days }).from(schema.reviewDeadlines).where(eq(schema.reviewDeadlines.id, 1));
  return row?.days ?? null;
}

/** The deadline row with the name of who set it last, or undefined while it has not been set. */
export async function findReviewDeadlineSetting(q: Queryable) {
  const [row] = await q
    .select({ days: schema.reviewDeadlines.days, updatedAt: schema.reviewDeadlines.updatedAt, name: schema.persons.name })
    .from(schema.reviewDeadlines)
    .leftJoin(schema.accounts, eq(schema.accounts.id, schema.reviewDeadlines.updatedByAccountId))
    .leftJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(eq(schema.reviewDeadlines.id, 1));
  return row;
}

/** Sets the province's deadline (the one row, id 1). */
export async function upsertReviewDeadline(tx: Queryable, values: { days: number; updatedByAccountId: number; updatedAt: Date }): Promise<void> {
  await tx.insert(schema.reviewDeadlines).values({ id: 1, ...values }).onConflictDoUpdate({ target: schema.reviewDeadlines.id, set: values });
}

/** Claims today's digest for an account; false when it was already claimed (a retried run). */
export async function claimOverdueDigest(tx: Queryable, values: { accountId: number; day: string; overdue: number; sentAt: Date }): Promise<boolean> {
  const claimed = await tx
    .insert(schema.overdueDigests)
    .values(values)
    .onConflictDoNothing()
    .returning({ accountId: schema.overdueDigests.accountId });
  return claimed.length > 0;
}
