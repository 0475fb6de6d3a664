/**
 * Admin lifecycle: the super admin stops (停用) and restarts (启用) an admin account, or
 * removes it (移除). Nothing is deleted: the row stays with its audit trail; a removed account frees
 * the person to become an admin elsewhere. Every step ends the account's sessions at once.
 */
import type { AccountStatus } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { adminAccountWithPerson, deleteAccountSessions, setAccountStatus } from './lifecycle-repo';

export type AdminLifecycleStep = 'disable' | 'enable' | 'remove';

/** From which states each step may start, and where it leads. */
export const LIFECYCLE: Record<AdminLifecycleStep, { from: readonly AccountStatus[]; to: AccountStatus; action: string; done: string }> = {
  disable: { from: ['active'], to: 'disabled', action: 'admin.disable', done: '已停用该管理员，其登录已失效' },
  enable: { from: ['disabled'], to: 'active', action: 'admin.enable', done: '已启用该管理员' },
  remove: { from: ['active', 'disabled', 'pending'], to: 'removed', action: 'admin.remove', done: '已移除该管理员，账号已归档，操作记录保留' },
};

export async function changeAdminStatus(deps: Deps, meta: RequestMeta, actor: Actor, accountId: number, step: AdminLifecycleStep) {
  const rule = LIFECYCLE[step];
  return deps.db.transaction(async (tx) => {
    const row = await adminAccountWithPerson(tx, accountId);
    if (!row || row.account.role === 'professional' || row.account.role !== row.org.kind) {
      throw new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
    }
    requireAccess(actor, { action: 'admins.manage', org: row.org });
    if (row.account.id === actor.accountId) throw new AppError('VALIDATION', '不能停用或移除自己的账号');
    if (row.account.isSuperAdmin) throw new AppError('VALIDATION', '超级管理员不能停用或移除，请先移交超级管理员');
    if (!(await setAccountStatus(tx, row.account.id, rule.from, rule.to))) throw alreadyHandled();
    await deleteAccountSessions(tx, row.account.id);
    await writeAudit(tx, { actor, meta }, {
      action: rule.action,
      objectType: 'account',
      objectId: row.account.id,
      scopePath: row.org.path,
      detail: { name: row.person.name, org: row.org.name },
    });
    return { message: rule.done };
  });
}
