import { personPhone } from '../../db/pii';
import crypto from 'node:crypto';
import { and, asc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Permission } from '@ce/shared';
import { PERMISSION_CODES } from '@ce/shared';
import { schema, type Queryable } from '../../db';
import type { Actor } from '../../access/actor';
import type { Deps } from '../../http/context';

export const SESSION_COOKIE = 'ce_session';
/** A session lives at most this long, however active. */
const ABSOLUTE_HOURS = 12;

/** The organisation columns an actor is built from (a session's actor and the admins of a digest alike). */
const actorOrgColumns = {
  id: schema.organisations.id,
  kind: schema.organisations.kind,
  path: schema.organisations.path,
  parentId: schema.organisations.parentId,
  regionCode: schema.organisations.regionCode,
  name: schema.organisations.name,
};

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export async function createSession(
  q: Queryable,
  opts: {
    accountId: number;
    idleMinutes: number;
    now: Date;
    ip: string | null;
    userAgent: string | null;
    /** Password checked, the second factor still to come (only the MFA endpoints answer). */
    mfaPending?: boolean;
    /** The second factor was already verified (a role switch inside a verified session). */
    mfaVerifiedAt?: Date | null;
  },
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await q.insert(schema.sessions).values({
    id: sha256(token),
    accountId: opts.accountId,
    createdAt: opts.now,
    lastSeenAt: opts.now,
    idleMinutes: opts.idleMinutes,
    expiresAt: new Date(opts.now.getTime() + ABSOLUTE_HOURS * 3600_000),
    ip: opts.ip,
    userAgent: opts.userAgent,
    mfaPending: opts.mfaPending ?? false,
    mfaVerifiedAt: opts.mfaVerifiedAt ?? null,
  });
  return token;
}

export const sessionIdOf = sha256;

export async function deleteSession(q: Queryable, token: string) {
  await q.delete(schema.sessions).where(eq(schema.sessions.id, sha256(token)));
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
        exceptToken ? ne(schema.sessions.id, sha256(exceptToken)) : undefined,
      ),
    );
}

export async function purgeExpired(q: Queryable, now: Date) {
  await q.delete(schema.sessions).where(lt(schema.sessions.expiresAt, now));
  await q.delete(schema.captchas).where(lt(schema.captchas.expiresAt, now));
  await q.execute(sql`delete from rate_limits where window_start < ${new Date(now.getTime() - 86400_000)}`);
}

/** Looks a cookie token up and builds the actor, or null when the session is gone or idle too long. */
export interface ResolvedSession {
  actor: Actor;
  mustChangePassword: boolean;
  /** The second factor is still due: only the MFA endpoints and logout answer (http/context.ts). */
  mfaPending: boolean;
  mfaVerifiedAt: Date | null;
}

export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | null> {
  const now = deps.now();
  const id = sha256(token);
  const [row] = await deps.db
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
  if (!row) return null;
  const { session, account } = row;
  const idleDeadline = session.lastSeenAt.getTime() + session.idleMinutes * 60_000;
  if (now.getTime() > idleDeadline || now > session.expiresAt || account.status !== 'active') {
    await deps.db.delete(schema.sessions).where(eq(schema.sessions.id, id));
    return null;
  }
  // The idle rule is exact: every request that moves time forward records it (a one-row update by
  // primary key; the column is not indexed, so it stays a cheap in-place update). Skipping writes for
  // a minute, as before, let an active session expire up to a minute early.
  if (now > session.lastSeenAt) {
    await deps.db
      .update(schema.sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(schema.sessions.id, id), lt(schema.sessions.lastSeenAt, now)));
  }
  return {
    mustChangePassword: row.person.mustChangePassword,
    mfaPending: session.mfaPending,
    mfaVerifiedAt: session.mfaVerifiedAt,
    actor: await actorOf(deps.db, row),
  };
}

type ActorRow = {
  account: typeof schema.accounts.$inferSelect;
  person: { id: number; name: string };
  org: Actor['org'];
  rolePermissions: Permission[] | null;
};

/** The Actor of an account row: permissions of its role (all for a super admin) and 工作部门 scope. */
async function actorOf(q: Queryable, row: ActorRow): Promise<Actor> {
  const { account } = row;
  let workDepartmentIds: number[] | null = null;
  if (account.role === 'unit' && !account.isSuperAdmin) {
    const scopes = await q
      .select({ id: schema.adminWorkDepartmentScopes.workDepartmentId })
      .from(schema.adminWorkDepartmentScopes)
      .where(eq(schema.adminWorkDepartmentScopes.accountId, account.id));
    if (scopes.length > 0) workDepartmentIds = scopes.map((s) => s.id);
  }
  const permissions = new Set<Permission>(
    account.isSuperAdmin ? PERMISSION_CODES : (row.rolePermissions ?? []).filter((p) => PERMISSION_CODES.includes(p)),
  );
  return {
    accountId: account.id,
    personId: row.person.id,
    role: account.role,
    name: row.person.name,
    org: row.org,
    isSuperAdmin: account.isSuperAdmin,
    permissions,
    workDepartmentIds,
  };
}

/**
 * The Actors of the active admin accounts of some organisations, as a session would resolve them
 * (for work done on their behalf without a request, e.g. the daily 逾期 digest), with their contact.
 */
export async function activeAdminActors(q: Queryable, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  const rows = await q
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
  const out = [];
  for (const row of rows) out.push({ actor: await actorOf(q, row), phone: row.person.phone, email: row.person.email });
  return out;
}

export function idleMinutesFor(role: string, deps: Deps) {
  return role === 'professional' ? deps.config.sessionIdleMinutes : deps.config.adminSessionIdleMinutes;
}
