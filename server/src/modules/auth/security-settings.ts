/** The province's security settings (issue 9 item 7): 所有管理员启用双因素认证. */
import type { Queryable } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { allows, requireAccess } from '../../access/access';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { findProvinceBureau } from '../declarations/repo';
import { mfaAllAdmins } from './mfa';
import { saveSecuritySettings, securitySettingsRow } from './repo';

async function settingsRow(q: Queryable) {
  const row = await securitySettingsRow(q);
  return { mfaAllAdmins: row?.all ?? false, updatedAt: row?.updatedAt.toISOString() ?? null, updatedByName: row?.name ?? null };
}

async function canEdit(q: Queryable, actor: Actor) {
  return allows(actor, { action: 'security.settings', province: await findProvinceBureau(q) });
}

/** Every admin reads the setting (it decides whether they need the second factor). */
export async function getSecuritySettings(deps: Deps, actor: Actor) {
  requireAccess(actor, { action: 'security.read' });
  return { ...(await settingsRow(deps.db)), canEdit: await canEdit(deps.db, actor) };
}

export async function setSecuritySettings(deps: Deps, meta: RequestMeta, actor: Actor, input: { mfaAllAdmins: boolean }) {
  const province = await findProvinceBureau(deps.db);
  requireAccess(actor, { action: 'security.settings', province });
  await deps.db.transaction(async (tx) => {
    const before = await mfaAllAdmins(tx);
    await saveSecuritySettings(tx, { mfaAllAdmins: input.mfaAllAdmins, updatedByAccountId: actor.accountId, updatedAt: meta.now });
    await writeAudit(tx, { actor, meta }, {
      action: 'security.mfaAllAdmins',
      objectType: 'organisation',
      objectId: province.id,
      scopePath: province.path,
      detail: { before, mfaAllAdmins: input.mfaAllAdmins },
    });
  });
  return getSecuritySettings(deps, actor);
}
