import { sealIdNumber, sealPhone } from '../../db/pii';
import { ROLE_LABELS, validateIdNumber, type AccountRole } from '@ce/shared';
import type { Queryable } from '../../db';
import { AppError } from '../../errors';
import { findPersonByIdNumber, insertPerson, liveAccountsOfPerson, updatePerson } from './repo';
import { assertPasswordAllowed, hashPassword, resetPasswordFor, verifyPassword } from './passwords';

/** Validates an ID number and returns it normalised, or throws the Chinese reason. */
export function requireValidIdNumber(value: string, today: Date): string {
  const check = validateIdNumber(value, today.toISOString().slice(0, 10));
  if (!check.ok) throw new AppError('VALIDATION', check.message);
  return check.normalized;
}

export interface NewAccountPerson {
  idNumber: string;
  name: string;
  phone: string;
  email: string;
  /** The password typed at registration; null when an admin creates the account. */
  password: string | null;
  role: AccountRole;
  now: Date;
}

/**
 * Finds or creates the person a new account of `role` belongs to. A person who already
 * holds another role keeps their password: registering must prove it ("已是本系统用户").
 * Returns whether the person existed, so callers can tell the new admin how to sign in.
 */
export async function personForNewAccount(
  q: Queryable,
  input: NewAccountPerson,
): Promise<{ personId: number; existingUser: boolean }> {
  const idNumber = requireValidIdNumber(input.idNumber, input.now);
  const existing = await findPersonByIdNumber(q, idNumber);
  const live = existing ? await liveAccountsOfPerson(q, existing.id) : [];
  if (existing && live.length > 0) {
    if (live.some((l) => l.account.role === input.role)) {
      throw new AppError('CONFLICT', `该身份证号已注册${ROLE_LABELS[input.role]}账号，不能重复注册`);
    }
    if (existing.name !== input.name.trim()) {
      throw new AppError('VALIDATION', '姓名与该身份证号已登记的姓名不一致');
    }
    if (input.password !== null && !(await verifyPassword(existing.passwordHash, input.password))) {
      throw new AppError('EXISTING_USER', '您已是本系统用户，请输入已有账号的登录密码', { existingUser: true });
    }
    return { personId: existing.id, existingUser: true };
  }
  if (input.password !== null) assertPasswordAllowed(input.password);
  const passwordHash = await hashPassword(input.password ?? resetPasswordFor(idNumber));
  const values = {
    name: input.name.trim(),
    phoneEnc: sealPhone(input.phone),
    email: input.email,
    passwordHash,
    mustChangePassword: input.password === null,
    failedLoginCount: 0,
    failedLoginWindowStart: null,
    lockedUntil: null,
  };
  if (existing) {
    // Only withdrawn or rejected registrations: the new registration's details replace them.
    await updatePerson(q, existing.id, values);
    return { personId: existing.id, existingUser: false };
  }
  const personId = await insertPerson(q, { ...sealIdNumber(idNumber), createdAt: input.now, ...values });
  return { personId, existingUser: false };
}
