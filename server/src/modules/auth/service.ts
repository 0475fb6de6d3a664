import { idNumberIndexOf } from '../../db/pii';
import crypto from 'node:crypto';
import { maskIdNumber, maskPhone, type AccountRole, type Me } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { verifyCaptcha } from '../captcha/captcha';
import { consumeRateLimit } from '../ratelimit/ratelimit';
import {
  adminRoleNameById,
  claimCodeAttempt,
  claimLoginAttempt,
  clearFailedLogins,
  findPersonById,
  findPersonByIdNumber,
  liveAccountsOfPerson,
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  livePasswordCode,
  orgNameById,
  recordLogin,
  refundLoginAttempt,
  replacePasswordCode,
  setPassword,
  spendCode,
  workDepartmentsOfOrg,
} from './repo';
import { isMfaEnrolled, needsSecondFactor } from './mfa';
import { assertPasswordAllowed, hashPassword, verifyPassword } from './passwords';
import { createSession, deletePersonSessions, idleMinutesFor } from './sessions';

export const normalizeAccount = (s: string) => s.trim().toUpperCase();

const hh = (d: Date) =>
  d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

/** Login: each failure has its own code and the Chinese message the FAQ documents. */
export async function login(
  deps: Deps,
  meta: RequestMeta,
  input: { role: AccountRole; account: string; password: string; captcha: string; captchaId?: string },
): Promise<{ token: string; accountId: number; mustChangePassword: boolean; secondFactor: 'verify' | 'enrol' | null }> {
  const { db } = deps;
  const idNumber = normalizeAccount(input.account);
  // Generous per address (a school behind one NAT signs in together); the per-person lockout
  // is what stops password guessing.
  await consumeRateLimit(db, `login:ip:${meta.ip}`, 300, 60, meta.now);

  const fail = async (code: ConstructorParameters<typeof AppError>[0], message: string, scopePath: string | null, details?: Record<string, unknown>) => {
    await writeAudit(db, { actor: null, meta }, {
      action: 'auth.login',
      objectType: 'account',
      objectId: maskIdNumber(idNumber),
      scopePath,
      result: 'failure',
      detail: { role: input.role, reason: code },
    });
    return new AppError(code, message, details);
  };

  if (deps.config.captcha) {
    try {
      await verifyCaptcha(db, input.captchaId, input.captcha, meta.now);
    } catch (err) {
      throw await fail('CAPTCHA_INVALID', (err as AppError).message, null);
    }
  }

  const person = await findPersonByIdNumber(db, idNumber);
  const accounts = person ? await liveAccountsOfPerson(db, person.id) : [];
  if (!person || accounts.length === 0) {
    throw await fail('ACCOUNT_NOT_FOUND', '您的帐号不存在，若未注册，可点此立即注册', null);
  }
  const match = accounts.find((a) => a.account.role === input.role);
  if (!match) {
    // Which roles an ID number holds is told only to someone who knows its password; the try
    // counts against the lockout like any other.
    const claim = await claimLoginAttempt(db, person.id, meta.now);
    const knows = claim !== null && (await verifyPassword(person.passwordHash, input.password));
    if (knows) await clearFailedLogins(db, person.id);
    throw await fail('ROLE_NOT_REGISTERED', '您选择的登录角色未注册，请选择正确的登录角色', accounts[0]!.org.path,
      knows ? { registeredRoles: accounts.map((a) => a.account.role) } : undefined);
  }
  const scopePath = match.org.path;
  const lockedAnswer = (lockedUntil: Date) =>
    fail('ACCOUNT_LOCKED', `密码连续输错次数过多，账号已锁定，请于${hh(lockedUntil)}后再试，或使用“忘记密码”重置`, scopePath, {
      lockedUntil: lockedUntil.toISOString(),
    });
  // The attempt is counted (and the fifth locks) before the password is checked, atomically in the
  // database: of any number of parallel attempts, at most five passwords are ever checked.
  const claim = await claimLoginAttempt(db, person.id, meta.now);
  if (!claim) {
    const current = await findPersonById(db, person.id);
    throw await lockedAnswer(current?.lockedUntil && current.lockedUntil > meta.now ? current.lockedUntil : new Date(meta.now.getTime() + LOCK_MINUTES * 60_000));
  }
  if (!(await verifyPassword(person.passwordHash, input.password))) {
    if (claim.attempt >= MAX_FAILED_LOGINS) {
      const lockedUntil = claim.lockedUntil ?? new Date(meta.now.getTime() + LOCK_MINUTES * 60_000);
      throw await fail('ACCOUNT_LOCKED', `密码连续输错5次，账号已锁定30分钟，请于${hh(lockedUntil)}后再试，或使用“忘记密码”重置`, scopePath, {
        lockedUntil: lockedUntil.toISOString(),
      });
    }
    throw await fail('WRONG_PASSWORD', '账户或密码错误', scopePath, { remainingAttempts: MAX_FAILED_LOGINS - claim.attempt });
  }
  const { account, org } = match;
  if (account.status === 'pending') {
    const approverName = org.parentId && account.isSuperAdmin && org.status === 'pending' ? await orgNameById(db, org.parentId) : org.name;
    throw await fail('ACCOUNT_PENDING', '您的账号正在审核中，审核通过才可登录平台', scopePath, {
      approverName,
    });
  }
  if (account.status === 'archived') {
    throw await fail('ACCOUNT_DISABLED', '该账号已注销归档，无法登录；如有疑问请联系所在地人社部门', scopePath);
  }
  if (account.status === 'disabled') {
    throw await fail('ACCOUNT_DISABLED', '该管理员账号已被停用，如需恢复请联系本单位超级管理员', scopePath);
  }

  // Administrators who need the second factor get a session that reaches only the MFA endpoints
  // (issue 9 item 7); their failures are cleared only once the code passes (mfa.ts).
  const secondFactor = (await needsSecondFactor(db, account)) ? ((await isMfaEnrolled(db, person.id)) ? 'verify' : 'enrol') : null;
  return db.transaction(async (tx) => {
    if (secondFactor) await refundLoginAttempt(tx, person.id);
    else await clearFailedLogins(tx, person.id);
    await recordLogin(tx, account.id, meta.now);
    const token = await createSession(tx, {
      accountId: account.id,
      idleMinutes: idleMinutesFor(account.role, deps),
      now: meta.now,
      ip: meta.ip,
      userAgent: meta.userAgent,
      mfaPending: secondFactor !== null,
    });
    await writeAudit(tx, { actor: null, meta, actorName: person.name, as: { accountId: account.id, role: account.role, orgId: org.id } }, {
      action: 'auth.login',
      objectType: 'account',
      objectId: account.id,
      scopePath,
      detail: { role: account.role, ...(secondFactor ? { secondFactor } : {}) },
    });
    return { token, accountId: account.id, mustChangePassword: person.mustChangePassword, secondFactor };
  });
}

export async function describeMe(deps: Deps, actor: Actor): Promise<Me> {
  const person = await findPersonById(deps.db, actor.personId);
  if (!person) throw new AppError('UNAUTHENTICATED', '登录已过期或尚未登录，请重新登录');
  const others = await liveAccountsOfPerson(deps.db, actor.personId);
  const own = others.find((o) => o.account.id === actor.accountId)?.account;
  const adminRoleName = own?.adminRoleId ? await adminRoleNameById(deps.db, own.adminRoleId) : null;
  let scope: Me['workDepartmentScope'] = null;
  if (actor.workDepartmentIds) {
    const rows = await workDepartmentsOfOrg(deps.db, actor.org.id);
    scope = rows.filter((r) => actor.workDepartmentIds!.includes(r.id)).map((r) => ({ id: r.id, name: r.name }));
  }
  return {
    accountId: actor.accountId,
    role: actor.role,
    name: actor.name,
    idNumberMasked: maskIdNumber(person.idNumber),
    org: { id: actor.org.id, name: actor.org.name, kind: actor.org.kind, regionCode: actor.org.regionCode },
    isSuperAdmin: actor.isSuperAdmin,
    adminRoleName: actor.isSuperAdmin ? null : adminRoleName,
    permissions: [...actor.permissions],
    workDepartmentScope: scope,
    mustChangePassword: person.mustChangePassword,
    otherRoles: others.filter((o) => o.account.status === 'active' && o.account.role !== actor.role).map((o) => o.account.role),
    idleMinutes: idleMinutesFor(actor.role, deps),
  };
}

/** Change password: needs the old one; ends the person's other sessions. */
export async function changePassword(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: { oldPassword: string; newPassword: string; currentToken: string },
) {
  const person = await findPersonById(deps.db, actor.personId);
  if (!person) throw new AppError('UNAUTHENTICATED', '登录已过期或尚未登录，请重新登录');
  if (!(await verifyPassword(person.passwordHash, input.oldPassword))) {
    throw new AppError('WRONG_PASSWORD', '原密码错误');
  }
  assertPasswordAllowed(input.newPassword);
  if (input.newPassword === input.oldPassword) throw new AppError('VALIDATION', '新密码不能与原密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await setPassword(tx, person.id, passwordHash, { mustChange: false, now: meta.now });
    await deletePersonSessions(tx, person.id, input.currentToken);
    await writeAudit(tx, { actor, meta }, { action: 'auth.password.change', objectType: 'person', objectId: person.id });
  });
}

const CODE_TTL_MIN = 10;
const MAX_CODE_ATTEMPTS = 5;
const safeEqual = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
const codeHash = (personId: number, code: string) =>
  crypto.createHash('sha256').update(`${personId}:${code}`).digest('hex');

/** Forgot password, step 1: a one-time code goes to the registered phone or e-mail through the notifier. */
export async function requestPasswordCode(
  deps: Deps,
  meta: RequestMeta,
  input: { idNumber: string; contact: string },
): Promise<{ sentTo: string }> {
  const idNumber = normalizeAccount(input.idNumber);
  await consumeRateLimit(deps.db, `forgot:ip:${meta.ip}`, 10, 3600, meta.now);
  await consumeRateLimit(deps.db, `forgot:id:${idNumberIndexOf(idNumber)}`, 5, 3600, meta.now);
  const person = await findPersonByIdNumber(deps.db, idNumber);
  const accounts = person ? await liveAccountsOfPerson(deps.db, person.id) : [];
  if (!person || accounts.length === 0) throw new AppError('ACCOUNT_NOT_FOUND', '您的帐号不存在，若未注册，可点此立即注册');
  const contact = input.contact.trim();
  const channel = contact === person.phone ? 'sms' : contact.toLowerCase() === person.email?.toLowerCase() ? 'email' : null;
  if (!channel) throw new AppError('VALIDATION', '手机号码或电子邮箱与注册时填写的不一致');
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction(async (tx) => {
    await replacePasswordCode(tx, person.id, codeHash(person.id, code), new Date(meta.now.getTime() + CODE_TTL_MIN * 60_000), meta.now);
    await deps.notifier.send(tx, {
      channel,
      recipient: contact,
      subject: '河南省专业技术人员继续教育公共服务平台 找回密码验证码',
      body: `您正在找回密码，验证码为 ${code}，${CODE_TTL_MIN}分钟内有效。如非本人操作，请忽略本消息。`,
    });
    await writeAudit(tx, { actor: null, meta, actorName: person.name }, {
      action: 'auth.password.forgot',
      objectType: 'person',
      objectId: person.id,
      scopePath: accounts[0]!.org.path,
      detail: { channel },
    });
  });
  return { sentTo: channel === 'sms' ? maskPhone(contact) : contact.replace(/^(.).*(@.*)$/, '$1***$2') };
}

/** Forgot password, step 2: the code sets a new password and unlocks the account. */
export async function resetPasswordWithCode(
  deps: Deps,
  meta: RequestMeta,
  input: { idNumber: string; code: string; newPassword: string },
) {
  const idNumber = normalizeAccount(input.idNumber);
  const invalid = () => new AppError('VALIDATION', '验证码错误或已过期，请重新获取');
  const person = await findPersonByIdNumber(deps.db, idNumber);
  if (!person) throw invalid();
  assertPasswordAllowed(input.newPassword);
  const code = await livePasswordCode(deps.db, person.id, meta.now);
  if (!code) throw invalid();
  // Each try uses up one of the code's five attempts before the code is compared, in one UPDATE:
  // five wrong codes sent in parallel use the code up just as five in a row do.
  if (!(await claimCodeAttempt(deps.db, code.id, MAX_CODE_ATTEMPTS))) throw invalid();
  if (!safeEqual(code.codeHash, codeHash(person.id, input.code))) throw invalid();
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    if (!(await spendCode(tx, code.id, meta.now))) throw invalid();
    await setPassword(tx, person.id, passwordHash, { mustChange: false, now: meta.now });
    await deletePersonSessions(tx, person.id);
    await writeAudit(tx, { actor: null, meta, actorName: person.name }, {
      action: 'auth.password.resetWithCode',
      objectType: 'person',
      objectId: person.id,
    });
  });
}
