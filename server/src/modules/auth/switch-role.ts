/**
 * Role switch (R-1, FAQ "既是单位管理员，也是专业技术人员"): a person holding two roles moves from one to
 * the other without signing out and in again. The person already proved who they are; the new
 * session replaces the current one, so one browser holds one role at a time.
 */
import { ROLE_LABELS, type AccountRole } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { liveAccountsOfPerson } from './repo';
import { createSession, deleteSession, idleMinutesFor } from './sessions';
import { isMfaEnrolled, needsSecondFactor } from './mfa';

export async function switchRole(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  role: AccountRole,
  currentToken: string,
  mfaVerifiedAt: Date | null,
) {
  if (role === actor.role) throw new AppError('VALIDATION', `您当前已是${ROLE_LABELS[role]}身份`);
  const accounts = await liveAccountsOfPerson(deps.db, actor.personId);
  const target = accounts.find((a) => a.account.role === role);
  if (!target) throw new AppError('VALIDATION', `您没有${ROLE_LABELS[role]}账号`);
  if (target.account.status === 'pending') throw new AppError('ACCOUNT_PENDING', `您的${ROLE_LABELS[role]}账号正在审核中，审核通过才可使用`);
  if (target.account.status !== 'active') throw new AppError('ACCOUNT_DISABLED', `您的${ROLE_LABELS[role]}账号已停用或注销，无法切换`);
  // An admin role that needs the second factor asks for it unless this session passed it already
  // (a professional's session never did): the new session waits for the code like a login.
  const secondFactor =
    !mfaVerifiedAt && (await needsSecondFactor(deps.db, target.account))
      ? (await isMfaEnrolled(deps.db, actor.personId)) ? 'verify' as const : 'enrol' as const
      : null;
  return deps.db.transaction(async (tx) => {
    await deleteSession(tx, currentToken);
    const token = await createSession(tx, {
      accountId: target.account.id,
      idleMinutes: idleMinutesFor(role, deps),
      now: meta.now,
      ip: meta.ip,
      userAgent: meta.userAgent,
      mfaPending: secondFactor !== null,
      mfaVerifiedAt,
    });
    await writeAudit(tx, { actor, meta }, {
      action: 'auth.switchRole',
      objectType: 'account',
      objectId: target.account.id,
      scopePath: target.org.path,
      detail: { from: ROLE_LABELS[actor.role], to: ROLE_LABELS[role], org: target.org.name, ...(secondFactor ? { secondFactor } : {}) },
    });
    return { token, role, accountId: target.account.id, secondFactor };
  });
}
