/**
 * The key rotation's SQL (issue 9 item 8): pages of rows still holding a value under an older key
 * version, and the guarded updates writing them back under the current one (each update only
 * applies while the row still holds what was read).
 */
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { schema, type Queryable } from '../../db';

const olderThan = (column: SQL | AnyPgColumn, current: number) =>
  sql`(${column} is not null and ${column} like 'sm4:%' and ${column} not like ${`sm4:${current}:%`})`;

/** How many stored values each key version encrypts (what the CLI reports, and the job's total). */
export async function piiKeyVersionCounts(q: Queryable): Promise<Record<string, number>> {
  const res = (await q.execute(sql`
    select split_part(v, ':', 2) as version, count(*)::int as n from (
      select id_number_enc as v from persons union all
      select phone_enc from persons union all
      select before->>'idNumber' from professional_change_requests union all
      select after->>'idNumber' from professional_change_requests union all
      select recipient from outbox union all
      select contact_phone from organisations union all
      select asker_contact from consultations union all
      select contact_phone from seal_applications union all
      select phone from seal_admin_filings union all
      select contact_phone from learning_platforms
    ) x where v like 'sm4:%' group by 1 order by 1`)) as unknown as { rows: { version: string; n: number }[] };
  return Object.fromEntries(res.rows.map((r) => [r.version, Number(r.n)]));
}

const p = schema.persons;

/** Persons after `afterId` whose ID or phone number is sealed under a version other than `current`. */
export async function personsUnderOldKey(q: Queryable, afterId: number, current: number, limit: number) {
  return q
    .select({ id: p.id, enc: p.idNumberEnc, phoneEnc: p.phoneEnc })
    .from(p)
    .where(and(gt(p.id, afterId), sql`(${olderThan(p.idNumberEnc, current)} or ${olderThan(p.phoneEnc, current)})`))
    .orderBy(asc(p.id))
    .limit(limit);
}

/** Writes a person's resealed numbers unless they changed since `read`; how many rows it updated (0 or 1). */
export async function updatePersonSealedIfUnchanged(
  tx: Queryable,
  read: { id: number; enc: string | null; phoneEnc: string | null },
  values: Partial<typeof p.$inferInsert>,
): Promise<number> {
  const same = (col: typeof p.idNumberEnc | typeof p.phoneEnc, v: string | null) => (v === null ? sql`${col} is null` : eq(col, v));
  const updated = await tx
    .update(p)
    .set(values)
    .where(and(eq(p.id, read.id), same(p.idNumberEnc, read.enc), same(p.phoneEnc, read.phoneEnc)))
    .returning({ id: p.id });
  return updated.length;
}

const cr = schema.professionalChangeRequests;

/** Identity change requests after `afterId` with an ID number (before or after) under an older version. */
export async function changeRequestsUnderOldKey(q: Queryable, afterId: number, current: number, limit: number) {
  return q
    .select({ id: cr.id, before: cr.before, after: cr.after, raw: sql<string>`${cr.before}::text || ${cr.after}::text` })
    .from(cr)
    .where(and(gt(cr.id, afterId), sql`(${olderThan(sql`${cr.before}->>'idNumber'`, current)} or ${olderThan(sql`${cr.after}->>'idNumber'`, current)})`))
    .orderBy(asc(cr.id))
    .limit(limit);
}

/** Writes a change request's before/after back (resealed by their column type) unless its stored text is no longer `raw`. */
export async function rewriteChangeRequestIfUnchanged(
  q: Queryable,
  read: { id: number; before: typeof cr.$inferSelect.before; after: typeof cr.$inferSelect.after; raw: string },
): Promise<number> {
  const updated = await q
    .update(cr)
    .set({ before: read.before, after: read.after })
    .where(and(eq(cr.id, read.id), sql`${cr.before}::text || ${cr.after}::text = ${read.raw}`))
    .returning({ id: cr.id });
  return updated.length;
}

const o = schema.outbox;

/** Outbox rows after `afterId` whose recipient is sealed under an older version. */
export async function outboxUnderOldKey(q: Queryable, afterId: number, current: number, limit: number) {
  return q
    .select({ id: o.id, recipient: o.recipient })
    .from(o)
    .where(and(gt(o.id, afterId), olderThan(sql`${o.recipient}`, current)))
    .orderBy(asc(o.id))
    .limit(limit);
}

/** Writes an outbox recipient back (resealed by its column type). */
export async function rewriteOutboxRecipient(q: Queryable, id: number, recipient: string): Promise<void> {
  await q.update(o).set({ recipient }).where(eq(o.id, id));
}

type ContactTable = PgTable & { id: PgColumn };

/** Rows of a sealed contact column after `afterId` under an older version: the clear value and the stored text. */
export async function contactsUnderOldKey(q: Queryable, table: ContactTable, key: string, afterId: number, current: number, limit: number) {
  const column = (table as unknown as Record<string, AnyPgColumn>)[key]!;
  return (await q
    .select({ id: table.id, value: column, stored: sql<string>`${column}` })
    .from(table)
    .where(and(gt(table.id, afterId), olderThan(column, current)))
    .orderBy(asc(table.id))
    .limit(limit)) as { id: number; value: string; stored: string }[];
}

/** Writes a contact value back (sealed by its column type) unless its stored text is no longer `stored`. */
export async function rewriteContactIfUnchanged(
  q: Queryable,
  table: ContactTable,
  key: string,
  read: { id: number; value: string; stored: string },
): Promise<number> {
  const column = (table as unknown as Record<string, AnyPgColumn>)[key]!;
  const updated = await q
    .update(table)
    .set({ [key]: read.value })
    .where(and(eq(table.id, read.id), sql`${column} = ${read.stored}`))
    .returning({ id: table.id });
  return updated.length;
}
