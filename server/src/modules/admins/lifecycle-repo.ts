import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AccountStatus } from '@ce/shared';
import { schema, type Queryable } from '../../db';

export async function adminAccountWithPerson(q: Queryable, accountId: number) {
  const [row] = await q
    .select({ account: schema.accounts, org: schema.organisations, person: { id: schema.persons.id, name: schema.persons.name } })
    .from(schema.accounts)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.accounts.orgId))
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(eq(schema.accounts.id, accountId));
  return row;
}

/** Guarded status change: only from one of `from`; false when the account moved on meanwhile. */
export async function setAccountStatus(q: Queryable, accountId: number, from: readonly AccountStatus[], to: AccountStatus) {
  const rows = await q
    .update(schema.accounts)
    .set({ status: to, version: sql`${schema.accounts.version} + 1` })
    .where(and(eq(schema.accounts.id, accountId), inArray(schema.accounts.status, [...from])))
    .returning({ id: schema.accounts.id });
  return rows.length > 0;
}

export async function deleteAccountSessions(q: Queryable, accountId: number) {
  await q.delete(schema.sessions).where(eq(schema.sessions.accountId, accountId));
}
