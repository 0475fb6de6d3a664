/** The queries of 外省学时转入 (province-transfers.ts): applications, their records and evidence. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';

const pt = schema.provinceTransfers;
const d = schema.declarations;

export type TransferRow = typeof pt.$inferSelect;

/**
 * Locks the applicant's account row for the transaction: one application of a person at a time
 * (the second of two simultaneous submissions waits, then finds the first one's records).
 * False when there is no such account.
 */
export async function lockApplicantAccount(tx: Queryable, accountId: number) {
  const [locked] = await tx.select({ id: schema.accounts.id }).from(schema.accounts).where(eq(schema.accounts.id, accountId)).for('update');
  return !!locked;
}

/** Of these years, those where the person already has a live (pending or approved) transferred record, ascending. */
export async function liveTransferredYears(q: Queryable, personId: number, years: number[]): Promise<number[]> {
  const rows = await q
    .select({ year: d.year })
    .from(d)
    .where(and(eq(d.personId, personId), inArray(d.year, years), isNotNull(d.originProvince), inArray(d.status, ['pending', 'approved'])))
    .orderBy(asc(d.year));
  return rows.map((r) => r.year);
}

export async function insertTransfer(q: Queryable, values: typeof pt.$inferInsert): Promise<TransferRow> {
  const [transfer] = await q.insert(pt).values(values).returning();
  return transfer!;
}

/** The certificate as a record's evidence (the stored file shared by every record of the application). */
export async function insertTransferAttachment(q: Queryable, values: typeof schema.declarationAttachments.$inferInsert) {
  await q.insert(schema.declarationAttachments).values(values);
}

/** An application; `forUpdate` locks it for the caller's transaction. */
export async function findTransfer(q: Queryable, id: number, opts: { forUpdate?: boolean } = {}): Promise<TransferRow | undefined> {
  const query = q.select().from(pt).where(eq(pt.id, id));
  const [transfer] = opts.forUpdate ? await query.for('update') : await query;
  return transfer;
}

/** The records of one application, by id. */
export function transferDeclarations(q: Queryable, transferId: number) {
  return q.select().from(d).where(eq(d.transferId, transferId)).orderBy(asc(d.id));
}

/** The records of some applications, by year then id. */
export function declarationsOfTransfers(q: Queryable, transferIds: number[]) {
  return q.select().from(d).where(inArray(d.transferId, transferIds)).orderBy(asc(d.year), asc(d.id));
}

/** Marks the application withdrawn; false when it already was. */
export async function markTransferWithdrawn(q: Queryable, id: number, now: Date) {
  const [done] = await q.update(pt).set({ withdrawnAt: now }).where(and(eq(pt.id, id), isNull(pt.withdrawnAt))).returning();
  return !!done;
}

/** A person's applications, newest first, keyset-paged. */
export function personTransfers(q: Queryable, personId: number, after: number | undefined, limit: number) {
  return q
    .select()
    .from(pt)
    .where(and(eq(pt.personId, personId), after ? lt(pt.id, after) : undefined))
    .orderBy(desc(pt.id))
    .limit(limit);
}

export function storedFilesByIds(q: Queryable, ids: number[]) {
  return q.select().from(schema.storedFiles).where(inArray(schema.storedFiles.id, ids));
}
