/**
 * The declaration settings' writes and the openings of past years (settings.ts holds the use
 * cases; the windows and caps are read through repo.ts listWindows / findWindow / listCaps).
 */
import { and, desc, eq, isNull, like, lt } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import { personIdNumber } from '../../db/pii';
import type { FormCode } from '@ce/shared';
import { escapeLike } from '../organisations/repo';

const o = schema.declarationYearOpenings;

export async function upsertWindow(tx: Queryable, year: number, values: { opensOn: string; closesOn: string; updatedByAccountId: number; updatedAt: Date }) {
  await tx.insert(schema.declarationWindows).values({ year, ...values }).onConflictDoUpdate({ target: schema.declarationWindows.year, set: values });
}

export async function deleteWindowRow(tx: Queryable, year: number) {
  await tx.delete(schema.declarationWindows).where(eq(schema.declarationWindows.year, year));
}

/** Sets a form's cap, or removes it (null). */
export async function setCapRow(tx: Queryable, form: FormCode, maxHours: number | null, by: { accountId: number; at: Date }) {
  if (maxHours == null) {
    await tx.delete(schema.declarationCaps).where(eq(schema.declarationCaps.form, form));
    return;
  }
  const values = { maxHours, updatedByAccountId: by.accountId, updatedAt: by.at };
  await tx.insert(schema.declarationCaps).values({ form, ...values }).onConflictDoUpdate({ target: schema.declarationCaps.form, set: values });
}

export async function insertOpening(tx: Queryable, values: Omit<typeof o.$inferInsert, 'id'>): Promise<number> {
  const [row] = await tx.insert(o).values(values).returning({ id: o.id });
  return row!.id;
}

export async function findOpening(q: Queryable, id: number) {
  const [row] = await q.select().from(o).where(eq(o.id, id));
  return row;
}

/** Cancels an opening still in force (guarded on cancelled_at); false when it was cancelled already. */
export async function cancelOpeningRow(tx: Queryable, id: number, by: { accountId: number; at: Date }): Promise<boolean> {
  const rows = await tx
    .update(o)
    .set({ cancelledAt: by.at, cancelledByAccountId: by.accountId })
    .where(and(eq(o.id, id), isNull(o.cancelledAt)))
    .returning({ id: o.id });
  return rows.length > 0;
}

/** Openings with their person's name and ID number, newest first: by id, or in a region (keyset on id). */
export function openingsWithPerson(q: Queryable, opts: { ids?: number[]; path?: string; year?: number; after?: number; limit: number }) {
  return q
    .select({ o, name: schema.persons.name, idNumber: personIdNumber })
    .from(o)
    .innerJoin(schema.persons, eq(schema.persons.id, o.personId))
    .where(
      and(
        opts.ids ? eq(o.id, opts.ids[0]!) : undefined,
        opts.path ? like(o.scopePath, `${escapeLike(opts.path)}%`) : undefined,
        opts.year ? eq(o.year, opts.year) : undefined,
        opts.after ? lt(o.id, opts.after) : undefined,
      ),
    )
    .orderBy(desc(o.id))
    .limit(opts.limit);
}
