import { idNumberIs, personColumns } from '../../db/pii';
import { and, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { AccountRole } from '@ce/shared';
import { schema, type Queryable } from '../../db';

/** Accounts that still hold their (person, role) slot; `removed` admins do not (they may become admins elsewhere). */
export const LIVE_ACCOUNT_STATUSES = ['pending', 'active', 'archived', 'disabled'] as const;

export async function findPersonByIdNumber(q: Queryable, idNumber: string) {
  const [row] = await q.select(personColumns).from(schema.persons).where(idNumberIs(idNumber));
  return row;
}

export async function findPersonById(q: Queryable, id: number) {
  const [row] = await q.select(personColumns).from(schema.persons).where(eq(schema.persons.id, id));
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

/**
 * Claims one password check for a person before the password is verified, in one UPDATE so that
 * parallel attempts are serialised by the row lock: the attempt number within the 15-minute window
 * is returned, and the fifth claim locks the person for 30 minutes at once (a right password in that
 * fifth attempt clears the lock again). Null when the person is locked: the password is not checked.
 */
export async function claimLoginAttempt(
  q: Queryable,
  personId: number,
  now: Date,
): Promise<{ attempt: number; lockedUntil: Date | null } | null> {
  const p = schema.persons;
  const windowCutoff = new Date(now.getTime() - 15 * 60_000);
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  const fresh = sql`(${p.failedLoginWindowStart} is null or ${p.failedLoginWindowStart} < ${windowCutoff})`;
  const next = sql`(case when ${fresh} then 1 else ${p.failedLoginCount} + 1 end)`;
  const [row] = await q
    .update(p)
    .set({
      failedLoginCount: next,
      failedLoginWindowStart: sql`case when ${fresh} then ${now.toISOString()}::timestamptz else ${p.failedLoginWindowStart} end`,
      lockedUntil: sql`case when ${next} >= ${MAX_FAILED_LOGINS} then ${lockUntil.toISOString()}::timestamptz else null end`,
    })
    .where(
      and(
        eq(p.id, personId),
        or(isNull(p.lockedUntil), lte(p.lockedUntil, now)),
        or(fresh, lt(p.failedLoginCount, MAX_FAILED_LOGINS)),
      ),
    )
    .returning({ attempt: p.failedLoginCount, lockedUntil: p.lockedUntil });
  return row ?? null;
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

/**
 * Gives back the attempt a right password claimed when the second factor is still to come: the
 * counter keeps only the failures (wrong passwords and wrong codes), and signing in again with the
 * password does not reset it, so a person who knows the password still has five code guesses per
 * lock, however often they start over. The lock stays if failures alone reach the limit.
 */
export async function refundLoginAttempt(q: Queryable, personId: number) {
  const p = schema.persons;
  const next = sql`greatest(${p.failedLoginCount} - 1, 0)`;
  await q
    .update(p)
    .set({
      failedLoginCount: next,
      lockedUntil: sql`case when ${next} >= ${MAX_FAILED_LOGINS} then ${p.lockedUntil} else null end`,
    })
    .where(eq(p.id, personId));
}

/** The province's security settings (one row, id 1) with the name of who changed them last. */
export async function securitySettingsRow(q: Queryable) {
  const [row] = await q
    .select({ all: schema.securitySettings.mfaAllAdmins, updatedAt: schema.securitySettings.updatedAt, name: schema.persons.name })
    .from(schema.securitySettings)
    .leftJoin(schema.accounts, eq(schema.accounts.id, schema.securitySettings.updatedByAccountId))
    .leftJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(eq(schema.securitySettings.id, 1));
  return row;
}

export async function saveSecuritySettings(tx: Queryable, values: { mfaAllAdmins: boolean; updatedByAccountId: number; updatedAt: Date }) {
  await tx.insert(schema.securitySettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: schema.securitySettings.id, set: values });
}

export async function orgNameById(q: Queryable, orgId: number): Promise<string | null> {
  const [row] = await q.select({ name: schema.organisations.name }).from(schema.organisations).where(eq(schema.organisations.id, orgId));
  return row?.name ?? null;
}

export async function recordLogin(q: Queryable, accountId: number, now: Date) {
  await q.update(schema.accounts).set({ lastLoginAt: now }).where(eq(schema.accounts.id, accountId));
}

export async function adminRoleNameById(q: Queryable, roleId: number): Promise<string | null> {
  const [row] = await q.select({ name: schema.adminRoles.name }).from(schema.adminRoles).where(eq(schema.adminRoles.id, roleId));
  return row?.name ?? null;
}

export function workDepartmentsOfOrg(q: Queryable, orgId: number) {
  return q.select().from(schema.workDepartments).where(eq(schema.workDepartments.orgId, orgId));
}

// ------------------------------------------------------------------ one-time codes (forgot password)

/** A new password code for the person; any earlier unused one stops working. */
export async function replacePasswordCode(q: Queryable, personId: number, codeHash: string, expiresAt: Date, now: Date) {
  await q
    .update(schema.oneTimeCodes)
    .set({ usedAt: now })
    .where(and(eq(schema.oneTimeCodes.personId, personId), eq(schema.oneTimeCodes.purpose, 'password'), isNull(schema.oneTimeCodes.usedAt)));
  await q.insert(schema.oneTimeCodes).values({ personId, purpose: 'password', codeHash, expiresAt, createdAt: now });
}

/** The person's newest unused, unexpired password code. */
export async function livePasswordCode(q: Queryable, personId: number, now: Date) {
  const [code] = await q
    .select()
    .from(schema.oneTimeCodes)
    .where(
      and(
        eq(schema.oneTimeCodes.personId, personId),
        eq(schema.oneTimeCodes.purpose, 'password'),
        isNull(schema.oneTimeCodes.usedAt),
        gt(schema.oneTimeCodes.expiresAt, now),
      ),
    )
    .orderBy(desc(schema.oneTimeCodes.id))
    .limit(1);
  return code;
}

/**
 * Uses up one of the code's attempts before it is compared, in one UPDATE (so parallel tries count
 * like tries in a row); false when the code is used or out of attempts.
 */
export async function claimCodeAttempt(q: Queryable, codeId: number, maxAttempts: number) {
  const [claimed] = await q
    .update(schema.oneTimeCodes)
    .set({ attempts: sql`${schema.oneTimeCodes.attempts} + 1` })
    .where(and(eq(schema.oneTimeCodes.id, codeId), isNull(schema.oneTimeCodes.usedAt), lt(schema.oneTimeCodes.attempts, maxAttempts)))
    .returning({ attempts: schema.oneTimeCodes.attempts });
  return !!claimed;
}

/** Marks the code used; false when another request used it first. */
export async function spendCode(q: Queryable, codeId: number, now: Date) {
  const used = await q
    .update(schema.oneTimeCodes)
    .set({ usedAt: now })
    .where(and(eq(schema.oneTimeCodes.id, codeId), isNull(schema.oneTimeCodes.usedAt)))
    .returning({ id: schema.oneTimeCodes.id });
  return used.length > 0;
}

// ------------------------------------------------------------------ persons

/** A new person; the sealed ID number comes from `sealIdNumber`. */
export async function insertPerson(q: Queryable, values: typeof schema.persons.$inferInsert): Promise<number> {
  const [row] = await q.insert(schema.persons).values(values).returning({ id: schema.persons.id });
  return row!.id;
}

export async function updatePerson(q: Queryable, personId: number, values: Partial<typeof schema.persons.$inferInsert>) {
  await q.update(schema.persons).set(values).where(eq(schema.persons.id, personId));
}
