/**
 * Learning platforms in the console: a base registers its platform; the HRSS bureau directly
 * above the base approves it, which issues the API credentials (platform id + secret, the secret
 * shown only in that answer); the bureau or the base's super admin rotates or revokes them. Every
 * change is a guarded update on `version` with its audit row in the same transaction.
 */
import { type LearningPlatform, type platformFields } from '@ce/shared';
import type { z } from 'zod';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess, type PlatformTarget } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import type { Queryable } from '../../db';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { findOrg } from '../organisations/repo';
import { findPlatform, insertPlatform, orgNames, platformsPage, updatePlatformGuarded, type PlatformRow } from './repo';
import { newCredentials, platformSecretVault } from './vault';
import { toPlatform } from './presenters';

export { findPlatform, type PlatformRow } from './repo';
const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

export const targetOf = (p: PlatformRow): PlatformTarget => ({ baseOrgId: p.baseOrgId, baseOrgPath: p.baseOrgPath, bureauOrgId: p.bureauOrgId });

function allowed(actor: Actor, request: Parameters<typeof requireAccess>[1]): boolean {
  try {
    requireAccess(actor, request);
    return true;
  } catch {
    return false;
  }
}

async function present(q: Queryable, actor: Actor, rows: PlatformRow[]): Promise<LearningPlatform[]> {
  const names = await orgNames(q, rows.flatMap((r) => [r.baseOrgId, r.bureauOrgId]));
  return rows.map((p) =>
    toPlatform(p, names, {
      decide: p.status === 'pending' && allowed(actor, { action: 'platform.decide', platform: targetOf(p) }),
      manageCredentials: p.status === 'approved' && allowed(actor, { action: 'platform.credentials', platform: targetOf(p) }),
    }),
  );
}

async function presentOne(q: Queryable, actor: Actor, row: PlatformRow) {
  return (await present(q, actor, [row]))[0]!;
}

export async function registerPlatform(deps: Deps, meta: RequestMeta, actor: Actor, input: z.output<typeof platformFields>) {
  requireAccess(actor, { action: 'platform.register' });
  const base = await findOrg(deps.db, actor.org.id);
  if (!base || base.status !== 'active' || base.parentId == null) throw new AppError('CONFLICT', '本基地尚未审核通过，不能登记学习平台');
  const bureau = await findOrg(deps.db, base.parentId);
  if (!bureau || bureau.kind !== 'hrss') throw new AppError('CONFLICT', '未找到本基地的上级人社部门');
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertPlatform(tx, {
      baseOrgId: base.id,
      baseOrgPath: base.path,
      bureauOrgId: bureau.id,
      ...input,
      status: 'pending',
      createdByAccountId: actor.accountId,
      createdAt: meta.now,
    });
    await writeAudit(tx, { actor, meta }, {
      action: 'platform.register',
      objectType: 'learning_platform',
      objectId: created.id,
      scopePath: base.path,
      detail: { name: input.name, url: input.url },
    });
    return created;
  });
  return presentOne(deps.db, actor, row);
}

export async function listPlatforms(deps: Deps, actor: Actor, query: { status?: PlatformRow['status']; after?: number; limit: number }) {
  requireAccess(actor, { action: 'platform.list' });
  // A base: its own platforms; an HRSS bureau: those of its subtree.
  const scope = actor.org.kind === 'base' ? { baseOrgId: actor.org.id } : { underPath: actor.org.path };
  const rows = await platformsPage(deps.db, scope, { status: query.status, after: query.after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { items: await present(deps.db, actor, page), nextAfter: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

/** Loads a platform for an action, answering 404 outside the actor's subtree. */
async function platformFor(q: Queryable, actor: Actor, id: number, action: 'platform.decide' | 'platform.credentials' | 'platform.read') {
  const row = await findPlatform(q, id);
  if (!row) throw notFound();
  requireAccess(actor, { action, platform: targetOf(row) });
  return row;
}

async function guarded(tx: Queryable, row: PlatformRow, set: Parameters<typeof updatePlatformGuarded>[2]) {
  const updated = await updatePlatformGuarded(tx, row, set);
  if (!updated) throw alreadyHandled();
  return updated;
}

/** New credentials sealed for the row; the clear secret goes back to the caller once. */
function issue(deps: Deps) {
  const { clientId, secret } = newCredentials();
  return { clientId, secret, sealed: platformSecretVault(deps.config).seal(secret, clientId) };
}

export async function decidePlatform(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  body: { decision: 'approve' | 'reject'; reason?: string; version: number },
) {
  const row = await platformFor(deps.db, actor, id, 'platform.decide');
  if (row.status !== 'pending' || row.version !== body.version) throw alreadyHandled();
  if (body.decision === 'reject' && !body.reason) throw new AppError('VALIDATION', '请填写不通过的原因');
  const creds = body.decision === 'approve' ? issue(deps) : null;
  const updated = await deps.db.transaction(async (tx) => {
    const u = await guarded(tx, row, {
      status: body.decision === 'approve' ? 'approved' : 'rejected',
      rejectReason: body.decision === 'reject' ? body.reason! : null,
      decidedAt: meta.now,
      decidedByAccountId: actor.accountId,
      ...(creds ? { clientId: creds.clientId, secretSealed: creds.sealed, credentialState: 'active' as const, credentialIssuedAt: meta.now } : {}),
    });
    await writeAudit(tx, { actor, meta }, {
      action: body.decision === 'approve' ? 'platform.approve' : 'platform.reject',
      objectType: 'learning_platform',
      objectId: row.id,
      scopePath: row.baseOrgPath,
      detail: { name: row.name, ...(creds ? { platformId: creds.clientId } : { reason: body.reason }) },
    });
    return u;
  });
  return { platform: await presentOne(deps.db, actor, updated), credentials: creds ? { platformId: creds.clientId, secret: creds.secret } : null };
}

/** Replaces the credentials: the old platform id and secret stop working with this commit. */
export async function rotateCredentials(deps: Deps, meta: RequestMeta, actor: Actor, id: number, version: number) {
  const row = await platformFor(deps.db, actor, id, 'platform.credentials');
  if (row.status !== 'approved') throw new AppError('CONFLICT', '学习平台尚未审核通过，不能签发凭证');
  if (row.version !== version) throw alreadyHandled();
  const creds = issue(deps);
  const updated = await deps.db.transaction(async (tx) => {
    const u = await guarded(tx, row, {
      clientId: creds.clientId,
      secretSealed: creds.sealed,
      credentialState: 'active',
      credentialIssuedAt: meta.now,
      credentialRevokedAt: null,
    });
    await writeAudit(tx, { actor, meta }, {
      action: 'platform.credentials.rotate',
      objectType: 'learning_platform',
      objectId: row.id,
      scopePath: row.baseOrgPath,
      detail: { name: row.name, previous: row.clientId, platformId: creds.clientId },
    });
    return u;
  });
  return { platform: await presentOne(deps.db, actor, updated), credentials: { platformId: creds.clientId, secret: creds.secret } };
}

export async function revokeCredentials(deps: Deps, meta: RequestMeta, actor: Actor, id: number, version: number) {
  const row = await platformFor(deps.db, actor, id, 'platform.credentials');
  if (row.credentialState !== 'active') throw new AppError('CONFLICT', '该平台没有有效的接口凭证');
  if (row.version !== version) throw alreadyHandled();
  const updated = await deps.db.transaction(async (tx) => {
    const u = await guarded(tx, row, { secretSealed: null, credentialState: 'revoked', credentialRevokedAt: meta.now });
    await writeAudit(tx, { actor, meta }, {
      action: 'platform.credentials.revoke',
      objectType: 'learning_platform',
      objectId: row.id,
      scopePath: row.baseOrgPath,
      detail: { name: row.name, platformId: row.clientId },
    });
    return u;
  });
  return presentOne(deps.db, actor, updated);
}
