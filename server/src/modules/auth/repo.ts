import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AccountRole } from '@ce/shared';
import { schema, type Queryable } from '../../db';

export const LIVE_ACCOUNT_STATUSES = ['pending', 'active', 'archived'] as const;

export async function findPersonByIdNumber(q: Queryable, idNumber: string) {
  const [row] = await q.select().from(schema.persons).where(eq(schema.persons.idNumber, idNumber));
  return row;
}

export async function findPersonById(q: Queryable, id: number) {
  const [row] = await q.select().from(schema.persons).where(eq(schema.persons.id, id));
  return row;
}

/** The accounts of a person that exist (pending, active or archived), with their organisations. */
export function liveAccountsOfPerson(q: Queryable, personId: number) {
  return q
    .select({ account: schema.accounts, org: schema.organisations })
    .from(schema.accounts)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.accounts.orgId))
    .where(
      and(eq(schema.accounts.personId, personId), inArray(schema.accounts.status, [...LIVE_ACCOUNT_STATUSES])),
    );
}

export async function liveAccountOf(q: Queryable, personId: number, role: AccountRole) {
  const rows = await liveAccountsOfPerson(q, personId);
  return rows.find((r) => r.account.role === role);
}

/** Counts a wrong password; the fifth within 15 minutes locks the person out for 30 minutes. */
export async function recordFailedLogin(q: Queryable, personId: number, now: Date) {
  const windowCutoff = new Date(now.getTime() - 15 * 60_000);
  const [row] = await q
    .update(schema.persons)
    .set({
      failedLoginCount: sql`case when ${schema.persons.failedLoginWindowStart} is null or ${schema.persons.failedLoginWindowStart} < ${windowCutoff} then 1 else ${schema.persons.failedLoginCount} + 1 end`,
      failedLoginWindowStart: sql`case when ${schema.persons.failedLoginWindowStart} is null or ${schema.persons.failedLoginWindowStart} < ${windowCutoff} then ${now} else ${schema.persons.failedLoginWindowStart} end`,
    })
    .where(eq(schema.persons.id, personId))
    .returning({ count: schema.persons.failedLoginCount });
  const count = row?.count ?? 0;
  if (count >= MAX_FAILED_LOGINS) {
    const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    await q
      .update(schema.persons)
      .set({ lockedUntil, failedLoginCount: 0, failedLoginWindowStart: null })
      .where(eq(schema.persons.id, personId));
    return { count, lockedUntil };
  }
  return { count, lockedUntil: null };
}

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 30;

export async function clearFailedLogins(q: Queryable, personId: number) {
  await q
    .update(schema.persons)
    .set({ failedLoginCount: 0, failedLoginWindowStart: null, lockedUntil: null })
    .where(eq(schema.persons.id, personId));
}

export async function setPassword(
  q: Queryable,
  personId: number,
  passwordHash: string,
  opts: { mustChange: boolean; now: Date },
) {
  await q
    .update(schema.persons)
    .set({
      passwordHash,
      mustChangePassword: opts.mustChange,
      passwordChangedAt: opts.now,
      failedLoginCount: 0,
      failedLoginWindowStart: null,
      lockedUntil: null,
    })
    .where(eq(schema.persons.id, personId));
}
