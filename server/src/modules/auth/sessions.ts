import crypto from 'node:crypto';
import type { Permission } from '@ce/shared';
import { PERMISSION_CODES } from '@ce/shared';
import type { schema, Queryable } from '../../db';
import type { Actor } from '../../access/actor';
import type { Deps } from '../../http/context';
import {
  activeAdminRows,
  deleteSessionById,
  insertSession,
  sessionIdOf,
  sessionWithActorRow,
  touchSession,
  workDepartmentScopeIds,
} from './sessions-repo';

// Callers that end sessions keep importing them from here.
export { deletePersonSessions, deleteSession, purgeExpired, sessionIdOf } from './sessions-repo';

export const SESSION_COOKIE = 'ce_session';
/** A session lives at most this long, however active. */
const ABSOLUTE_HOURS = 12;

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
  await insertSession(q, {
    id: sessionIdOf(token),
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
  const id = sessionIdOf(token);
  const row = await sessionWithActorRow(deps.db, id);
  if (!row) return null;
  const { session, account } = row;
  const idleDeadline = session.lastSeenAt.getTime() + session.idleMinutes * 60_000;
  if (now.getTime() > idleDeadline || now > session.expiresAt || account.status !== 'active') {
    await deleteSessionById(deps.db, id);
    return null;
  }
  // The idle rule is exact: every request that moves time forward records it (a one-row update by
  // primary key; the column is not indexed, so it stays a cheap in-place update). Skipping writes for
  // a minute, as before, let an active session expire up to a minute early.
  if (now > session.lastSeenAt) {
    await touchSession(deps.db, id, now);
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
    const scopes = await workDepartmentScopeIds(q, account.id);
    if (scopes.length > 0) workDepartmentIds = scopes;
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
  const rows = await activeAdminRows(q, orgIds);
  const out = [];
  for (const row of rows) out.push({ actor: await actorOf(q, row), phone: row.person.phone, email: row.person.email });
  return out;
}

export function idleMinutesFor(role: string, deps: Deps) {
  return role === 'professional' ? deps.config.sessionIdleMinutes : deps.config.adminSessionIdleMinutes;
}
