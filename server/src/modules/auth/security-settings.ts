/** The province's security settings (issue 9 item 7): 所有管理员启用双因素认证. */
import { eq } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { allows, requireAccess } from '../../access/access';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { findProvinceBureau } from '../declarations/repo';
import { mfaAllAdmins } from './mfa';

async function settingsRow(q: Queryable) {
  const [row] = await q
    .select({ all: schema.securitySettings.mfaAllAdmins, updatedAt: schema.securitySettings.updatedAt, name: schema.persons.name })
    .from(schema.securitySettings)
    .leftJoin(schema.accounts, eq(schema.accounts.id, schema.securitySettings.updatedByAccountId))
    .leftJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(eq(schema.securitySettings.id, 1));
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
    const values = { mfaAllAdmins: input.mfaAllAdmins, updatedByAccountId: actor.accountId, updatedAt: meta.now };
    await tx.insert(schema.securitySettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: schema.securitySettings.id, set: values });
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
