/** The queries behind sessions (sessions.ts): session rows, the rows an actor is built from, housekeeping. */
import crypto from 'node:crypto';
import { and, asc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { personPhone } from '../../db/pii';
import { schema, type Queryable } from '../../db';

/** A session's id: the SHA-256 of its cookie token (the token itself is never stored). */
export const sessionIdOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The organisation columns an actor is built from (a session's actor and the admins of a digest alike). */
const actorOrgColumns = {
  id: schema.organisations.id,
  kind: schema.organisations.kind,
  path: schema.organisations.path,
  parentId: schema.organisations.parentId,
  regionCode: schema.organisations.regionCode,
  name: schema.organisations.name,
};

export async function insertSession(q: Queryable, values: typeof schema.sessions.$inferInsert) {
  await q.insert(schema.sessions).values(values);
}

export async function deleteSession(q: Queryable, token: string) {
  await q.delete(schema.sessions).where(eq(schema.sessions.id, sessionIdOf(token)));
}

export async function deleteSessionById(q: Queryable, id: string) {
  await q.delete(schema.sessions).where(eq(schema.sessions.id, id));
}

/** Ends every session of one account. */
export async function deleteAccountSessions(q: Queryable, accountId: number) {
  await q.delete(schema.sessions).where(eq(schema.sessions.accountId, accountId));
}

/** Ends every session of a person (all roles), except the one given. */
export async function deletePersonSessions(q: Queryable, personId: number, exceptToken?: string) {
  const accountIds = q
    .select({ id: schema.accounts.id })
    .from(schema.accounts)
    .where(eq(schema.accounts.personId, personId));
  await q
    .delete(schema.sessions)
    .where(
      and(
        inArray(schema.sessions.accountId, accountIds),
        exceptToken ? ne(schema.sessions.id, sessionIdOf(exceptToken)) : undefined,
      ),
    );
}

/** Ends a person's sessions still waiting for the second factor (the person got locked meanwhile). */
export async function deletePendingMfaSessions(q: Queryable, personId: number) {
  const accountIds = q.select({ id: schema.accounts.id }).from(schema.accounts).where(eq(schema.accounts.personId, personId));
  await q.delete(schema.sessions).where(and(inArray(schema.sessions.accountId, accountIds), eq(schema.sessions.mfaPending, true)));
}

/** The pending session becomes a full one; false when it already was (guarded on the flag). */
export async function completePendingMfaSession(q: Queryable, token: string, now: Date) {
  const rows = await q
    .update(schema.sessions)
    .set({ mfaPending: false, mfaVerifiedAt: now })
    .where(and(eq(schema.sessions.id, sessionIdOf(token)), eq(schema.sessions.mfaPending, true)))
    .returning({ id: schema.sessions.id });
  return rows.length > 0;
}

export async function purgeExpired(q: Queryable, now: Date) {
  await q.delete(schema.sessions).where(lt(schema.sessions.expiresAt, now));
  await q.delete(schema.captchas).where(lt(schema.captchas.expiresAt, now));
  await q.execute(sql`delete from rate_limits where window_start < ${new Date(now.getTime() - 86400_000)}`);
}

/** A session with its account, person, organisation and role permissions. */
export async function sessionWithActorRow(q: Queryable, id: string) {
  const [row] = await q
    .select({
      session: schema.sessions,
      account: schema.accounts,
      person: {
        id: schema.persons.id,
        name: schema.persons.name,
        mustChangePassword: schema.persons.mustChangePassword,
      },
      org: actorOrgColumns,
      rolePermissions: schema.adminRoles.permissions,
    })
    .from(schema.sessions)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.sessions.accountId))
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.accounts.orgId))
    .leftJoin(schema.adminRoles, eq(schema.adminRoles.id, schema.accounts.adminRoleId))
    .where(eq(schema.sessions.id, id));
  return row;
}

/** Records activity (a one-row update by primary key), only ever moving `last_seen_at` forward. */
export async function touchSession(q: Queryable, id: string, now: Date) {
  await q
    .update(schema.sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(schema.sessions.id, id), lt(schema.sessions.lastSeenAt, now)));
}

/** The work departments an admin account is limited to (none: the whole organisation). */
export async function workDepartmentScopeIds(q: Queryable, accountId: number): Promise<number[]> {
  const scopes = await q
    .select({ id: schema.adminWorkDepartmentScopes.workDepartmentId })
    .from(schema.adminWorkDepartmentScopes)
    .where(eq(schema.adminWorkDepartmentScopes.accountId, accountId));
  return scopes.map((s) => s.id);
}

/** The active admin accounts of some organisations, with what an actor is built from and their contact. */
export function activeAdminRows(q: Queryable, orgIds: readonly number[]) {
  return q
    .select({
      account: schema.accounts,
      person: { id: schema.persons.id, name: schema.persons.name, phone: personPhone, email: schema.persons.email },
      org: actorOrgColumns,
      rolePermissions: schema.adminRoles.permissions,
    })
    .from(schema.accounts)
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.accounts.orgId))
    .leftJoin(schema.adminRoles, eq(schema.adminRoles.id, schema.accounts.adminRoleId))
    .where(and(inArray(schema.accounts.orgId, [...orgIds]), ne(schema.accounts.role, 'professional'), eq(schema.accounts.status, 'active')))
    .orderBy(asc(schema.accounts.id));
}
