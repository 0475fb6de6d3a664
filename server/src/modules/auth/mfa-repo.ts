/** The queries behind the second factor (mfa.ts): person_mfa, recovery codes, the province switch. */
import { and, count, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';

/** 所有管理员启用双因素认证 (security_settings). */
export async function mfaAllAdmins(q: Queryable): Promise<boolean> {
  const [row] = await q.select({ all: schema.securitySettings.mfaAllAdmins }).from(schema.securitySettings).where(eq(schema.securitySettings.id, 1));
  return row?.all ?? false;
}

export async function mfaRecordOf(q: Queryable, personId: number) {
  const [row] = await q.select().from(schema.personMfa).where(eq(schema.personMfa.personId, personId));
  return row;
}

/** Persons (of some) with a confirmed second factor. */
export async function enrolledPersonIds(q: Queryable, personIds: number[]): Promise<Set<number>> {
  if (personIds.length === 0) return new Set();
  const rows = await q
    .select({ id: schema.personMfa.personId })
    .from(schema.personMfa)
    .where(and(inArray(schema.personMfa.personId, personIds), isNotNull(schema.personMfa.confirmedAt)));
  return new Set(rows.map((r) => r.id));
}

export async function recoveryCodesLeft(q: Queryable, personId: number) {
  const [row] = await q
    .select({ n: count() })
    .from(schema.mfaRecoveryCodes)
    .where(and(eq(schema.mfaRecoveryCodes.personId, personId), isNull(schema.mfaRecoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

/** Replaces a person's recovery codes by these (hashed) ones. */
export async function replaceRecoveryCodeHashes(q: Queryable, personId: number, codeHashes: string[], now: Date) {
  await q.delete(schema.mfaRecoveryCodes).where(eq(schema.mfaRecoveryCodes.personId, personId));
  await q.insert(schema.mfaRecoveryCodes).values(codeHashes.map((codeHash) => ({ personId, codeHash, createdAt: now })));
}

/** Spends one unused recovery code (guarded on `used_at is null`); its id, or null when no such code. */
export async function spendRecoveryCode(q: Queryable, personId: number, codeHash: string, now: Date): Promise<number | null> {
  const c = schema.mfaRecoveryCodes;
  const spent = await q
    .update(c)
    .set({ usedAt: now })
    .where(and(eq(c.personId, personId), eq(c.codeHash, codeHash), isNull(c.usedAt)))
    .returning({ id: c.id });
  return spent[0]?.id ?? null;
}

/** A confirmed second factor with this sealed secret, replacing any (demo data, tests). */
export async function upsertConfirmedMfa(q: Queryable, personId: number, secretSealed: string, now: Date) {
  await q
    .insert(schema.personMfa)
    .values({ personId, secretSealed, confirmedAt: now, lastUsedStep: null, createdAt: now })
    .onConflictDoUpdate({ target: schema.personMfa.personId, set: { secretSealed, confirmedAt: now, lastUsedStep: null } });
}

/** An unconfirmed second factor with a new sealed secret; false when the person has a confirmed one. */
export async function upsertPendingMfa(q: Queryable, personId: number, secretSealed: string, now: Date) {
  const m = schema.personMfa;
  const rows = await q
    .insert(m)
    .values({ personId, secretSealed, confirmedAt: null, lastUsedStep: null, createdAt: now })
    .onConflictDoUpdate({ target: m.personId, set: { secretSealed, createdAt: now, lastUsedStep: null }, setWhere: isNull(m.confirmedAt) })
    .returning({ id: m.personId });
  return rows.length > 0;
}

/** Confirms the pending second factor, guarded on the very secret the code was checked against. */
export async function confirmPendingMfa(q: Queryable, personId: number, secretSealed: string, step: number, now: Date) {
  const m = schema.personMfa;
  const confirmed = await q
    .update(m)
    .set({ confirmedAt: now, lastUsedStep: step })
    .where(and(eq(m.personId, personId), isNull(m.confirmedAt), eq(m.secretSealed, secretSealed)))
    .returning({ id: m.personId });
  return confirmed.length > 0;
}

/** Moves the person's last used step to `step` if it is newer; false when the code was used already. */
export async function spendTimeStep(q: Queryable, personId: number, step: number): Promise<boolean> {
  const m = schema.personMfa;
  const rows = await q
    .update(m)
    .set({ lastUsedStep: step })
    .where(and(eq(m.personId, personId), isNotNull(m.confirmedAt), or(isNull(m.lastUsedStep), lt(m.lastUsedStep, step))))
    .returning({ id: m.personId });
  return rows.length > 0;
}

/** Deletes a person's second factor and recovery codes; false when there was none. */
export async function deletePersonMfa(q: Queryable, personId: number) {
  const removed = await q.delete(schema.personMfa).where(eq(schema.personMfa.personId, personId)).returning({ id: schema.personMfa.personId });
  if (removed.length === 0) return false;
  await q.delete(schema.mfaRecoveryCodes).where(eq(schema.mfaRecoveryCodes.personId, personId));
  return true;
}
