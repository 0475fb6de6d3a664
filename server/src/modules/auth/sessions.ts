import crypto from 'node:crypto';
import { and, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Permission } from '@ce/shared';
import { PERMISSION_CODES } from '@ce/shared';
import { schema, type Queryable } from '../../db';
import type { Actor } from '../../access/actor';
import type { Deps } from '../../http/context';

export const SESSION_COOKIE = 'ce_session';
/** A session lives at most this long, however active. */
const ABSOLUTE_HOURS = 12;
/** lastSeenAt is refreshed at most this often, to keep reads from writing on every request. */
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export async function createSession(
  q: Queryable,
  opts: { accountId: number; idleMinutes: number; now: Date; ip: string | null; userAgent: string | null },
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
  });
  return token;
}

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
export async function resolveSession(
  deps: Deps,
  token: string,
): Promise<{ actor: Actor; mustChangePassword: boolean } | null> {
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
      org: {
        id: schema.organisations.id,
        kind: schema.organisations.kind,
        path: schema.organisations.path,
        parentId: schema.organisations.parentId,
        regionCode: schema.organisations.regionCode,
        name: schema.organisations.name,
      },
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
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await deps.db.update(schema.sessions).set({ lastSeenAt: now }).where(eq(schema.sessions.id, id));
  }
  let workDepartmentIds: number[] | null = null;
  if (account.role === 'unit' && !account.isSuperAdmin) {
    const scopes = await deps.db
      .select({ id: schema.adminWorkDepartmentScopes.workDepartmentId })
      .from(schema.adminWorkDepartmentScopes)
      .where(eq(schema.adminWorkDepartmentScopes.accountId, account.id));
    if (scopes.length > 0) workDepartmentIds = scopes.map((s) => s.id);
  }
  const permissions = new Set<Permission>(
    account.isSuperAdmin ? PERMISSION_CODES : (row.rolePermissions ?? []).filter((p) => PERMISSION_CODES.includes(p)),
  );
  return {
    mustChangePassword: row.person.mustChangePassword,
    actor: {
      accountId: account.id,
      personId: row.person.id,
      role: account.role,
      name: row.person.name,
      org: row.org,
      isSuperAdmin: account.isSuperAdmin,
      permissions,
      workDepartmentIds,
    },
  };
}

export function idleMinutesFor(role: string, deps: Deps) {
  return role === 'professional' ? deps.config.sessionIdleMinutes : deps.config.adminSessionIdleMinutes;
}
