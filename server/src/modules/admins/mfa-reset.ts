/**
 * 重置动态口令 (issue 9 item 7): the admin above deletes an admin's second factor (secret and
 * recovery codes) when the phone is lost; the admin binds a new authenticator at the next login.
 * Who is "above" is access.ts `account.resetMfa`. The person's sessions end at once; audited.
 */
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { deletePersonSessions } from '../auth/sessions';
import { deletePersonMfa } from '../auth/mfa-repo';
import { adminAccountWithPerson } from './lifecycle-repo';

export async function resetAdminMfa(deps: Deps, meta: RequestMeta, actor: Actor, accountId: number) {
  return deps.db.transaction(async (tx) => {
    const row = await adminAccountWithPerson(tx, accountId);
    if (!row || row.account.role === 'professional' || row.account.role !== row.org.kind || row.account.status === 'removed') {
      throw new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
    }
    requireAccess(actor, {
      action: 'account.resetMfa',
      account: { accountId: row.account.id, org: row.org, isAdmin: true, isSuperAdmin: row.account.isSuperAdmin, workDepartmentId: null },
    });
    if (!(await deletePersonMfa(tx, row.person.id))) throw new AppError('CONFLICT', `${row.person.name} 尚未绑定动态口令，无需重置`);
    await deletePersonSessions(tx, row.person.id);
    await writeAudit(tx, { actor, meta }, {
      action: 'account.resetMfa',
      objectType: 'account',
      objectId: row.account.id,
      scopePath: row.org.path,
      detail: { name: row.person.name, org: row.org.name },
    });
    return { message: `已重置 ${row.person.name} 的动态口令，其下次登录时须重新绑定` };
  });
}
