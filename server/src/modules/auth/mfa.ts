/**
 * Administrators' second factor (issue 9 item 7, MLPS level 3): TOTP (RFC 6238, 6 digits, 30 s,
 * SHA-1 — what every authenticator app reads from the QR code) plus one-time recovery codes.
 *
 * - Who: HRSS and department admins, the super admins of units and bases, and every admin when the
 *   province switches on 所有管理员启用双因素认证 (`security_settings`). Professionals never.
 * - A right password for such an account opens a session flagged `mfa_pending`; it reaches only
 *   these endpoints and logout (http/context.ts) until a code passes. Not yet enrolled: the same
 *   pending session enrols (secret + QR, confirmed with a code, recovery codes shown once).
 * - Every wrong code is one claim of the person's login lockout (auth/repo.ts claimLoginAttempt,
 *   counted before the code is compared, in one UPDATE): of any number of parallel guesses at most
 *   five are compared, then the person is locked and their pending sessions end.
 * - A code is accepted once: its time step must be newer than `person_mfa.last_used_step`, moved
 *   forward by a guarded UPDATE, so of two requests with the same code only one passes.
 * - Recovery codes: 10 random codes, stored as SHA-256 of (person, code); each is spent by a
 *   guarded UPDATE (`used_at is null`).
 * - The admin above resets (deletes) a person's second factor: modules/admins/mfa-reset.ts.
 * Every step writes an audit row; secrets and codes never appear in one.
 */
import crypto from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { AccountRole } from '@ce/shared';
import type { Queryable } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { consumeRateLimit } from '../ratelimit/ratelimit';
import { claimLoginAttempt, clearFailedLogins, findPersonById, LOCK_MINUTES, MAX_FAILED_LOGINS } from './repo';
import type { ResolvedSession } from './sessions';
import { completePendingMfaSession, deletePendingMfaSessions } from './sessions-repo';
import {
  confirmPendingMfa,
  mfaAllAdmins,
  mfaRecordOf,
  recoveryCodesLeft,
  replaceRecoveryCodeHashes,
  spendRecoveryCode,
  spendTimeStep,
  upsertConfirmedMfa,
  upsertPendingMfa,
} from './mfa-repo';

// Other modules read enrolment and the province switch through here.
export { enrolledPersonIds, mfaAllAdmins, mfaRecordOf } from './mfa-repo';
import { mfaSecretBox } from './mfa-secrets';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = '河南省继续教育平台';
export const RECOVERY_CODE_COUNT = 10;

// ------------------------------------------------------------------ pure rules

/** Whether an account must pass the second factor (the policy of issue 9 item 7). */
export function secondFactorRequired(account: { role: AccountRole; isSuperAdmin: boolean }, allAdmins: boolean): boolean {
  if (account.role === 'professional') return false;
  if (account.role === 'hrss' || account.role === 'department') return true;
  return account.isSuperAdmin || allAdmins;
}

export function totpOf(secretBase32: string, label = 'admin') {
  return new OTPAuth.TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

export const timeStepOf = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);

const safeEqual = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The time step whose code this is (now, or one step either side for clock drift), or null. */
export function codeTimeStep(secretBase32: string, code: string, now: Date): number | null {
  const totp = totpOf(secretBase32);
  const current = timeStepOf(now);
  for (const step of [current, current - 1, current + 1]) {
    if (safeEqual(totp.generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 }), code)) return step;
  }
  return null;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `abcde-fghjk`: 10 characters of an unambiguous alphabet (≈ 50 bits). */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[crypto.randomInt(0, RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]+/g, '');

export const recoveryCodeHash = (personId: number, code: string) =>
  crypto.createHash('sha256').update(`mfa-recovery:${personId}:${normaliseRecoveryCode(code)}`).digest('hex');

// ------------------------------------------------------------------ policy and codes (queries: mfa-repo.ts)

export async function needsSecondFactor(q: Queryable, account: { role: AccountRole; isSuperAdmin: boolean }): Promise<boolean> {
  if (account.role === 'professional') return false;
  return secondFactorRequired(account, await mfaAllAdmins(q));
}

export async function isMfaEnrolled(q: Queryable, personId: number) {
  return !!(await mfaRecordOf(q, personId))?.confirmedAt;
}

/** Replaces a person's recovery codes with new ones; returns them in clear (shown once). */
async function replaceRecoveryCodes(q: Queryable, personId: number, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodeHashes(q, personId, codes.map((c) => recoveryCodeHash(personId, c)), now);
  return codes;
}

/** Enrols a person directly with a known secret (demo data, tests): confirmed, no codes used yet. */
export async function enrolWithSecret(q: Queryable, deps: Pick<Deps, 'config'>, personId: number, secretBase32: string, now: Date) {
  const secretSealed = mfaSecretBox(deps.config).seal(secretBase32, personId);
  await upsertConfirmedMfa(q, personId, secretSealed, now);
}

// ------------------------------------------------------------------ use cases

/** The session the MFA endpoints act on: the cookie token and what it resolved to. */
export interface MfaSession {
  token: string;
  resolved: ResolvedSession;
}

const hh = (d: Date) =>
  d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

const lockedError = (until: Date) =>
  new AppError('ACCOUNT_LOCKED', `验证码连续输错次数过多，账号已锁定，请于${hh(until)}后再试`, { lockedUntil: until.toISOString() });

function requirePending(s: MfaSession) {
  if (!s.resolved.mfaPending) throw new AppError('CONFLICT', '本次登录已完成动态口令验证');
}

export async function mfaStatusOf(deps: Deps, s: MfaSession) {
  const { actor } = s.resolved;
  const record = await mfaRecordOf(deps.db, actor.personId);
  return {
    required: await needsSecondFactor(deps.db, actor),
    enrolled: !!record?.confirmedAt,
    pending: s.resolved.mfaPending,
    confirmedAt: record?.confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: record?.confirmedAt ? await recoveryCodesLeft(deps.db, actor.personId) : 0,
  };
}

/**
 * One guess of a pending session: claims a lockout attempt first (null: locked, nothing compared),
 * then `check` compares; a failure is audited and answered with the attempts left, the fifth locks.
 */
async function guarded<T>(
  deps: Deps,
  meta: RequestMeta,
  s: MfaSession,
  action: string,
  check: () => Promise<{ ok: true; value: T } | { ok: false; reason: string }>,
): Promise<T> {
  const { actor } = s.resolved;
  const claim = await claimLoginAttempt(deps.db, actor.personId, meta.now);
  if (!claim) {
    const person = await findPersonById(deps.db, actor.personId);
    await deletePendingMfaSessions(deps.db, actor.personId);
    await writeAudit(deps.db, { actor, meta }, { action, objectType: 'account', objectId: actor.accountId, result: 'failure', detail: { reason: 'ACCOUNT_LOCKED' } });
    throw lockedError(person?.lockedUntil && person.lockedUntil > meta.now ? person.lockedUntil : new Date(meta.now.getTime() + LOCK_MINUTES * 60_000));
  }
  const outcome = await check();
  if (outcome.ok) return outcome.value;
  await writeAudit(deps.db, { actor, meta }, { action, objectType: 'account', objectId: actor.accountId, result: 'failure', detail: { reason: outcome.reason } });
  if (claim.attempt >= MAX_FAILED_LOGINS) {
    await deletePendingMfaSessions(deps.db, actor.personId);
    throw lockedError(claim.lockedUntil ?? new Date(meta.now.getTime() + LOCK_MINUTES * 60_000));
  }
  const remaining = MAX_FAILED_LOGINS - claim.attempt;
  throw new AppError(
    'MFA_CODE_INVALID',
    action === 'auth.mfa.recovery' ? `恢复码错误或已使用，再输错${remaining}次账号将被锁定30分钟` : `动态验证码错误或已使用，再输错${remaining}次账号将被锁定30分钟`,
    { remainingAttempts: remaining },
  );
}

/** The pending session becomes a full one: failures cleared, flag off, in the caller's transaction. */
async function passSession(tx: Queryable, s: MfaSession, now: Date) {
  await clearFailedLogins(tx, s.resolved.actor.personId);
  if (!(await completePendingMfaSession(tx, s.token, now))) throw new AppError('CONFLICT', '本次登录已完成动态口令验证');
}

async function passed(deps: Deps, s: MfaSession) {
  const person = await findPersonById(deps.db, s.resolved.actor.personId);
  return {
    role: s.resolved.actor.role,
    mustChangePassword: person?.mustChangePassword ?? false,
    recoveryCodesLeft: await recoveryCodesLeft(deps.db, s.resolved.actor.personId),
  };
}

/** Login, second step: the authenticator's code. */
export async function verifyTotp(deps: Deps, meta: RequestMeta, s: MfaSession, code: string) {
  requirePending(s);
  const { actor } = s.resolved;
  const record = await mfaRecordOf(deps.db, actor.personId);
  if (!record?.confirmedAt) throw new AppError('CONFLICT', '您尚未绑定动态口令，请先完成绑定');
  await guarded(deps, meta, s, 'auth.mfa.verify', async () => {
    const step = codeTimeStep(mfaSecretBox(deps.config).open(record.secretSealed, actor.personId), code, meta.now);
    if (step === null) return { ok: false, reason: 'WRONG_CODE' };
    if (!(await spendTimeStep(deps.db, actor.personId, step))) return { ok: false, reason: 'REPLAYED_CODE' };
    return { ok: true, value: step };
  });
  await deps.db.transaction(async (tx) => {
    await passSession(tx, s, meta.now);
    await writeAudit(tx, { actor, meta }, { action: 'auth.mfa.verify', objectType: 'account', objectId: actor.accountId, detail: { method: 'totp' } });
  });
  return passed(deps, s);
}

/** Login, second step: a recovery code instead (each works once). */
export async function useRecoveryCode(deps: Deps, meta: RequestMeta, s: MfaSession, code: string) {
  requirePending(s);
  const { actor } = s.resolved;
  if (!(await isMfaEnrolled(deps.db, actor.personId))) throw new AppError('CONFLICT', '您尚未绑定动态口令，请先完成绑定');
  // The code is spent by a guarded UPDATE before the session passes: a code sent twice at once passes once.
  await guarded(deps, meta, s, 'auth.mfa.recovery', async () => {
    const spent = await spendRecoveryCode(deps.db, actor.personId, recoveryCodeHash(actor.personId, code), meta.now);
    return spent !== null ? { ok: true, value: spent } : { ok: false, reason: 'WRONG_RECOVERY_CODE' };
  });
  await deps.db.transaction(async (tx) => {
    await passSession(tx, s, meta.now);
    await writeAudit(tx, { actor, meta }, {
      action: 'auth.mfa.recovery',
      objectType: 'account',
      objectId: actor.accountId,
      detail: { recoveryCodesLeft: await recoveryCodesLeft(tx, actor.personId) },
    });
  });
  return passed(deps, s);
}

/** Enrolment, step 1 (pending session, nothing confirmed yet): a new secret, shown with its QR code. */
export async function startEnrolment(deps: Deps, meta: RequestMeta, s: MfaSession) {
  requirePending(s);
  const { actor } = s.resolved;
  if (!(await needsSecondFactor(deps.db, actor))) throw new AppError('CONFLICT', '您的账号无需绑定动态口令');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const secretSealed = mfaSecretBox(deps.config).seal(secret, actor.personId);
  return deps.db.transaction(async (tx) => {
    if (!(await upsertPendingMfa(tx, actor.personId, secretSealed, meta.now))) throw new AppError('CONFLICT', '您已绑定动态口令，请输入动态验证码');
    await writeAudit(tx, { actor, meta }, { action: 'auth.mfa.enrolStart', objectType: 'account', objectId: actor.accountId });
    const otpauthUri = totpOf(secret, actor.name).toString();
    return { secret, otpauthUri, qrDataUrl: await (await import('qrcode')).default.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
  });
}

/** Enrolment, step 2: a code of the new secret confirms it; the recovery codes are shown once. */
export async function confirmEnrolment(deps: Deps, meta: RequestMeta, s: MfaSession, code: string) {
  requirePending(s);
  const { actor } = s.resolved;
  const record = await mfaRecordOf(deps.db, actor.personId);
  if (record?.confirmedAt) throw new AppError('CONFLICT', '您已绑定动态口令，请输入动态验证码');
  if (!record) throw new AppError('CONFLICT', '请先生成动态口令二维码');
  await guarded(deps, meta, s, 'auth.mfa.enrol', async () => {
    const step = codeTimeStep(mfaSecretBox(deps.config).open(record.secretSealed, actor.personId), code, meta.now);
    if (step === null) return { ok: false, reason: 'WRONG_CODE' };
    // Guarded on the very secret the code was checked against (a parallel restart replaces it).
    const confirmed = await confirmPendingMfa(deps.db, actor.personId, record.secretSealed, step, meta.now);
    return confirmed ? { ok: true, value: step } : { ok: false, reason: 'WRONG_CODE' };
  });
  const recoveryCodes = await deps.db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, actor.personId, meta.now);
    await passSession(tx, s, meta.now);
    await writeAudit(tx, { actor, meta }, {
      action: 'auth.mfa.enrol',
      objectType: 'account',
      objectId: actor.accountId,
      detail: { recoveryCodesLeft: codes.length },
    });
    return codes;
  });
  return { ...(await passed(deps, s)), recoveryCodes };
}

/** 账号安全: new recovery codes (the old ones stop working), proved by a current code. */
export async function regenerateRecoveryCodes(deps: Deps, meta: RequestMeta, actor: Actor, code: string) {
  const record = await mfaRecordOf(deps.db, actor.personId);
  if (!record?.confirmedAt) throw new AppError('CONFLICT', '您尚未绑定动态口令');
  // A signed-in session is not locked out by wrong codes here; guesses are bounded per person.
  await consumeRateLimit(deps.db, `mfa:regenerate:${actor.personId}`, 5, 900, meta.now);
  const step = codeTimeStep(mfaSecretBox(deps.config).open(record.secretSealed, actor.personId), code, meta.now);
  if (step === null || !(await spendTimeStep(deps.db, actor.personId, step))) {
    await writeAudit(deps.db, { actor, meta }, {
      action: 'auth.mfa.recoveryCodes',
      objectType: 'account',
      objectId: actor.accountId,
      result: 'failure',
      detail: { reason: step === null ? 'WRONG_CODE' : 'REPLAYED_CODE' },
    });
    throw new AppError('MFA_CODE_INVALID', '动态验证码错误或已使用');
  }
  return deps.db.transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.personId, meta.now);
    await writeAudit(tx, { actor, meta }, {
      action: 'auth.mfa.recoveryCodes',
      objectType: 'account',
      objectId: actor.accountId,
      detail: { recoveryCodesLeft: recoveryCodes.length },
    });
    return { recoveryCodes };
  });
}
