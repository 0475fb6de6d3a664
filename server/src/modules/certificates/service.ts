import {
  type AdminFilingRequest,
  isIssuingBureau,
  mayFileAdmins,
  SEAL_APPLICATION_DEFAULT_REASON,
  type SealApplication,
  type SealStatus,
} from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { allows, requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import type { Queryable } from '../../db';
import { findOrg, type OrgRow } from '../organisations/repo';
import { createBureauKey, listPublicKeys, signingKeyVault } from './keys';
import {
  activeKeyRow,
  decideSealApplication,
  findSealApplication,
  insertAdminFiling,
  insertSealApplication,
  latestSealApplication,
  listAdminFilings,
  listSealApplications,
  setSealApplicationKid,
} from './repo';
import { sealRegionName, sealText } from './rules';
import { enqueueRecompute } from './recompute';
import { toAdminFiling, toSealApplication, toSealStatus } from './presenters';

const outOfScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string })?.code === '23505' ||
  (err as { cause?: { code?: string } })?.cause?.code === '23505';

async function requireOrg(q: Queryable, orgId: number): Promise<OrgRow> {
  const org = await findOrg(q, orgId);
  if (!org) throw outOfScope();
  return org;
}

/** Those who manage seals see their subtree's applications and filings; others their own organisation's. */
const sealScope = (actor: Actor) =>
  allows(actor, { action: 'seal.listSubtree', org: actor.org }) ? { subtreePath: actor.org.path } : { orgId: actor.org.id };

// ---------------------------------------------------------------- e-seal

/** An organisation's e-seal: may it hold one, is it enabled, its latest application. */
export async function sealStatus(deps: Deps, actor: Actor, orgId: number): Promise<SealStatus> {
  const org = await requireOrg(deps.db, orgId);
  requireAccess(actor, { action: 'seal.read', org });
  const eligible = isIssuingBureau(org);
  const key = await activeKeyRow(deps.db, org.id);
  const latest = await latestSealApplication(deps.db, org.id);
  return toSealStatus(org, {
    eligible,
    enabled: key !== undefined,
    sealText: eligible ? sealText(sealRegionName(org.regionCode)) : null,
    activeKid: key?.kid ?? null,
    latest,
  });
}

/** 电子签章启用申请 (附件2): an issuing bureau asks the province HRSS to enable its seal. */
export async function applyForSeal(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  orgId: number,
  input: { contactName: string; contactPhone: string; reason?: string },
): Promise<SealApplication> {
  const org = await requireOrg(deps.db, orgId);
  requireAccess(actor, { action: 'seal.apply', org });
  if (!isIssuingBureau(org)) {
    throw new AppError(
      'CONFLICT',
      '本单位不发放继续教育证书，无需启用电子签章（证书由省辖市、省直管县（市）人社部门和省人社厅发放）',
    );
  }
  try {
    return await deps.db.transaction(async (tx) => {
      if (await activeKeyRow(tx, org.id))
        throw new AppError('CONFLICT', '本单位的电子签章已启用，无需再次申请');
      const latest = await latestSealApplication(tx, org.id);
      if (latest?.status === 'pending') throw pendingExists();
      const row = await insertSealApplication(tx, {
        bureauOrgId: org.id,
        status: 'pending',
        sealText: sealText(sealRegionName(org.regionCode)),
        reason: input.reason?.trim() || SEAL_APPLICATION_DEFAULT_REASON,
        applicantAccountId: actor.accountId,
        applicantName: actor.name,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        submittedAt: meta.now,
      });
      await writeAudit(
        tx,
        { actor, meta },
        {
          action: 'seal.apply',
          objectType: 'sealApplication',
          objectId: row.id,
          scopePath: org.path,
          detail: { bureau: org.name, sealText: row.sealText },
        },
      );
      return toSealApplication(row, org);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw pendingExists();
    throw err;
  }
}

const pendingExists = () =>
  new AppError('CONFLICT', '本单位已有待审批的电子签章启用申请，请等待省人力资源和社会保障厅审批');

/** Applications in the actor's view: those who manage seals see their subtree's, others their own. */
export async function sealApplications(
  deps: Deps,
  actor: Actor,
  query: { status?: SealApplication['status']; after?: number; limit: number },
) {
  requireAccess(actor, { action: 'seal.read', org: actor.org });
  const rows = await listSealApplications(deps.db, sealScope(actor), { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => toSealApplication(r.app, r.bureau)),
    nextAfter: rows.length > query.limit ? page[page.length - 1]!.app.id : null,
  };
}

export async function sealApplicationDetail(deps: Deps, actor: Actor, id: number): Promise<SealApplication> {
  const found = await findSealApplication(deps.db, id);
  if (!found) throw outOfScope();
  requireAccess(actor, { action: 'seal.read', org: found.bureau });
  return toSealApplication(found.app, found.bureau);
}

/**
 * The province HRSS decides an application. Approval enables the seal: the bureau's signing key is
 * created in the same transaction as the decision and its audit row.
 */
export async function reviewSealApplication(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  decision: { approve: true; version: number } | { approve: false; version: number; reason: string },
): Promise<SealApplication> {
  // Resolved before the transaction: it may read (or create) the data directory's secret file.
  const vault = decision.approve ? signingKeyVault(deps.config) : null;
  let recomputeJob: string | null = null;
  const answer = await deps.db.transaction(async (tx) => {
    const found = await findSealApplication(tx, id);
    if (!found) throw outOfScope();
    requireAccess(actor, { action: 'seal.review', org: found.bureau });
    let row = await decideSealApplication(tx, id, decision.version, {
      status: decision.approve ? 'approved' : 'rejected',
      reviewedByAccountId: actor.accountId,
      reviewerName: actor.name,
      reviewedAt: meta.now,
      rejectReason: decision.approve ? null : decision.reason,
      kid: null,
    });
    if (!row) throw alreadyHandled();
    let kid: string | null = null;
    if (vault) {
      ({ kid } = await createBureauKey(tx, found.bureau.id, meta.now, vault, deps.config.signingKeyAlg));
      row = await setSealApplicationKid(tx, row.id, kid);
      // People of the bureau's region who passed before could not be issued a certificate: issue them now.
      recomputeJob = await enqueueRecompute(deps, tx, actor, { scopePath: found.bureau.path, fromYear: null, why: `${found.bureau.name}启用电子印章` });
    }
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: decision.approve ? 'seal.approve' : 'seal.reject',
        objectType: 'sealApplication',
        objectId: row.id,
        scopePath: found.bureau.path,
        detail: {
          bureau: found.bureau.name,
          ...(kid ? { kid } : {}),
          ...(decision.approve ? {} : { reason: decision.reason }),
        },
      },
    );
    return toSealApplication(row, found.bureau);
  });
  if (recomputeJob) await deps.jobs.dispatch(recomputeJob);
  return answer;
}

// ---------------------------------------------------------------- admin filings (附件3)

/** 管理员信息备案: an issuing bureau or a 省直 organisation files a certificate administrator. */
export async function fileAdmin(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  orgId: number,
  input: AdminFilingRequest,
) {
  const org = await requireOrg(deps.db, orgId);
  requireAccess(actor, { action: 'seal.apply', org });
  if (!mayFileAdmins(org)) {
    throw new AppError(
      'CONFLICT',
      '管理员信息备案由省辖市、省直管县（市）人社部门和省直单位报送省人力资源和社会保障厅',
    );
  }
  return deps.db.transaction(async (tx) => {
    const row = await insertAdminFiling(tx, {
      orgId: org.id,
      filedByAccountId: actor.accountId,
      filedAt: meta.now,
      ...input,
      fax: input.fax || null,
    });
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'seal.adminFiling',
        objectType: 'adminFiling',
        objectId: row.id,
        scopePath: org.path,
        detail: { org: org.name, adminName: row.adminName },
      },
    );
    return toAdminFiling({ filing: row, orgName: org.name, filedByName: actor.name });
  });
}

async function pageOfFilings(
  deps: Deps,
  scope: { orgId: number } | { subtreePath: string },
  query: { after?: number; limit: number },
) {
  const rows = await listAdminFilings(deps.db, scope, { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toAdminFiling),
    nextAfter: rows.length > query.limit ? page[page.length - 1]!.filing.id : null,
  };
}

/** One organisation's filings. */
export async function orgAdminFilings(
  deps: Deps,
  actor: Actor,
  orgId: number,
  query: { after?: number; limit: number },
) {
  const org = await requireOrg(deps.db, orgId);
  requireAccess(actor, { action: 'seal.read', org });
  return pageOfFilings(deps, { orgId: org.id }, query);
}

/** Filings in the actor's view: the province sees every one; others their subtree's or their own. */
export async function adminFilings(deps: Deps, actor: Actor, query: { after?: number; limit: number }) {
  requireAccess(actor, { action: 'seal.read', org: actor.org });
  return pageOfFilings(deps, sealScope(actor), query);
}

// ---------------------------------------------------------------- public keys and verification

/**
 * GET /api/public/keys: every signing key ever used, public parts only. The QR check itself
 * (signature, then the platform's records) is queries.ts verifyCertificate.
 */
export function publicKeys(deps: Pick<Deps, 'db'>) {
  return listPublicKeys(deps.db);
}
