/**
 * 机构变更 (R-11, FAQ "单位如何更换上级部门", "修改单位名称/统一社会信用代码"): requests by the
 * organisation's super admin, decisions by its parent (and the new parent), the 变更记录.
 */
import { validateCreditCode, type OrgChangeItem } from '@ce/shared';
import type { Queryable } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { allows, requireAccess, type OrgChangeTarget } from '../../access/access';
import { AppError, alreadyHandled, isUniqueViolation } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { IMAGE_TYPES, MB, discardStaged, openStoredFile, recordFile, stageUpload, storageOf, type StagedFile } from '../files/attachments';
import type { UploadedFile } from '../files/multipart';
import { hasPendingWork } from '../professionals/pending';
import { findOrg, orgsWithCreditCode, updateOrgInfo, type OrgRow } from './repo';
import {
  changesAwaiting,
  changesOfOrg,
  findOrgChange,
  insertOrgChange,
  moveSubtree,
  orgNames,
  pendingChangeOfOrg,
  updatePendingChange,
  type OrgChangeRow,
} from './changes-repo';
import { pendingWorkOfOrgSubtree, professionalPersonsOfSubtree } from './merge-repo';
import { changeOutcome, changeSummary, parentChangeProblem } from './rules';
import { toOrgChangeItem } from './presenters-changes';

export const LICENCE_MAX_BYTES = 10 * MB;
const outOfScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

async function orgOr404(q: Queryable, id: number): Promise<OrgRow> {
  const org = await findOrg(q, id);
  if (!org) throw outOfScope();
  return org;
}

/**
 * Everything of `org`'s subtree still waiting for someone (FAQ "如果单位及下属专技人员有待审核信息未处理，
 * 需处理完毕后再进行合并"): organisation-level queues, then each person's own (hasPendingWork, which
 * every capability extends). Chinese reasons; empty when nothing is pending.
 */
export async function pendingWorkOfOrg(q: Queryable, org: OrgRow): Promise<string[]> {
  const reasons = await pendingWorkOfOrgSubtree(q, org);
  for (const personId of await professionalPersonsOfSubtree(q, org)) {
    const reason = await hasPendingWork(q, personId);
    if (reason) {
      reasons.push(`本单位人员${reason.replace(/，.*$/, '')}`);
      break;
    }
  }
  return [...new Set(reasons)];
}

const inFlight = (existing: OrgChangeRow | undefined) =>
  new AppError(
    'CONFLICT',
    existing?.kind === 'parent' ? '已有更换上级部门申请在审核流程中' : '已有修改单位信息在审核流程中',
  );

const targetOf = (change: OrgChangeRow, org: OrgRow): OrgChangeTarget => ({
  org,
  newParentId: change.kind === 'parent' ? change.newParentId : null,
});

async function present(q: Queryable, rows: OrgChangeRow[], actor: Actor | null): Promise<OrgChangeItem[]> {
  const names = await orgNames(
    q,
    rows.flatMap((r) => [r.orgId, r.oldParentId, r.newParentId, r.mergedIntoOrgId, r.rejectedByOrgId].filter((x): x is number => x != null)),
  );
  const orgs = new Map<number, OrgRow>();
  for (const id of new Set(rows.map((r) => r.orgId))) orgs.set(id, (await findOrg(q, id))!);
  return rows.map((r) => toOrgChangeItem(r, orgs.get(r.orgId)!, names, actor?.org.id ?? null));
}

/** 更换上级部门: the super admin names the new parent; the old and the new parent then decide. */
export async function requestParentChange(deps: Deps, meta: RequestMeta, actor: Actor, orgId: number, input: { newParentId: number }) {
  try {
    return await deps.db.transaction(async (tx) => {
      const org = await orgOr404(tx, orgId);
      requireAccess(actor, { action: 'orgChange.request', org });
      const newParent = await findOrg(tx, input.newParentId);
      if (!newParent) throw new AppError('VALIDATION', '所选上级单位不存在或尚未通过审核');
      const problem = parentChangeProblem(org, newParent);
      if (problem) throw new AppError('VALIDATION', problem);
      const existing = await pendingChangeOfOrg(tx, org.id);
      if (existing) throw inFlight(existing);
      const pending = await pendingWorkOfOrg(tx, org);
      if (pending.length) throw new AppError('CONFLICT', `${pending.join('；')}，处理完毕后才能更换上级部门`);
      const oldParent = org.parentId ? await findOrg(tx, org.parentId) : undefined;
      const change = await insertOrgChange(tx, {
        orgId: org.id,
        kind: 'parent',
        status: 'pending',
        before: { parentId: org.parentId, parentName: oldParent?.name ?? null },
        after: { parentId: newParent.id, parentName: newParent.name },
        oldParentId: org.parentId,
        newParentId: newParent.id,
        oldParentDecision: org.parentId ? 'pending' : null,
        newParentDecision: 'pending',
        requestedByAccountId: actor.accountId,
        requestedByName: actor.name,
        createdAt: meta.now,
      });
      await writeAudit(tx, { actor, meta }, {
        action: 'org.change.submit',
        objectType: 'orgChange',
        objectId: change.id,
        scopePath: org.path,
        detail: { kind: 'parent', org: org.name, from: oldParent?.name ?? null, to: newParent.name },
      });
      return { id: change.id, message: `更换上级部门申请已提交，须${oldParent?.name ?? '原上级单位'}和${newParent.name}双方审核通过后生效` };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw inFlight(undefined);
    throw err;
  }
}

/**
 * 修改单位信息: a new name and/or credit code with the licence scan (证件扫描件, required); the parent
 * approves and the new values apply at once.
 */
export async function requestInfoChange(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  orgId: number,
  input: { name?: string; creditCode?: string; licence?: UploadedFile },
) {
  const org = await orgOr404(deps.db, orgId);
  requireAccess(actor, { action: 'orgChange.request', org });
  const name = input.name?.trim() || org.name;
  let creditCode = org.creditCode;
  if (input.creditCode?.trim()) {
    const check = validateCreditCode(input.creditCode);
    if (!check.ok) throw new AppError('VALIDATION', check.message);
    creditCode = check.normalized;
  }
  if (name === org.name && creditCode === org.creditCode) {
    throw new AppError('VALIDATION', '新的单位名称和统一社会信用代码与当前一致，无需修改');
  }
  if (!org.parentId) throw new AppError('VALIDATION', '本机构没有上级单位，不能在线修改单位信息');
  if (!input.licence) throw new AppError('VALIDATION', '请上传证件扫描件（营业执照或事业单位法人证书等）');
  const storage = storageOf(deps.config);
  const staged: StagedFile[] = [];
  try {
    staged.push(
      await stageUpload(storage, input.licence, {
        allowed: [...IMAGE_TYPES, 'application/pdf'],
        maxBytes: LICENCE_MAX_BYTES,
        label: '证件扫描件',
        now: meta.now,
      }),
    );
    return await deps.db.transaction(async (tx) => {
      const existing = await pendingChangeOfOrg(tx, org.id);
      if (existing) throw inFlight(existing);
      if (creditCode !== org.creditCode && (await creditCodeTaken(tx, creditCode!, org.id))) {
        throw new AppError('CONFLICT', '该统一社会信用代码已被其他单位使用，请核实');
      }
      const file = await recordFile(tx, staged[0]!, { uploadedByAccountId: actor.accountId, now: meta.now });
      const parent = await findOrg(tx, org.parentId!);
      const change = await insertOrgChange(tx, {
        orgId: org.id,
        kind: 'info',
        status: 'pending',
        before: { name: org.name, creditCode: org.creditCode },
        after: { name, creditCode },
        oldParentId: org.parentId,
        oldParentDecision: 'pending',
        licenceFileId: file.id,
        requestedByAccountId: actor.accountId,
        requestedByName: actor.name,
        createdAt: meta.now,
      });
      await writeAudit(tx, { actor, meta }, {
        action: 'org.change.submit',
        objectType: 'orgChange',
        objectId: change.id,
        scopePath: org.path,
        detail: { kind: 'info', org: org.name, changes: changeSummary('info', change.before, change.after) },
      });
      return { id: change.id, message: `修改单位信息申请已提交，${parent?.name ?? '上级单位'}审核通过后生效` };
    });
  } catch (err) {
    await discardStaged(storage, staged);
    if (isUniqueViolation(err)) throw inFlight(undefined);
    throw err;
  }
}

async function creditCodeTaken(q: Queryable, creditCode: string, exceptOrgId: number) {
  const rows = await orgsWithCreditCode(q, creditCode);
  return rows.some((r) => r.id !== exceptOrgId && (r.status === 'active' || r.status === 'pending'));
}

/** 撤销: the organisation's super admin takes back a change still under review. */
export async function withdrawOrgChange(deps: Deps, meta: RequestMeta, actor: Actor, id: number) {
  await deps.db.transaction(async (tx) => {
    const change = await findOrgChange(tx, id);
    if (!change) throw outOfScope();
    const org = await orgOr404(tx, change.orgId);
    requireAccess(actor, { action: 'orgChange.request', org });
    if (!(await updatePendingChange(tx, change, change.version, { status: 'withdrawn', decidedAt: meta.now }))) throw alreadyHandled();
    await writeAudit(tx, { actor, meta }, {
      action: 'org.change.withdraw',
      objectType: 'orgChange',
      objectId: id,
      scopePath: org.path,
      detail: { kind: change.kind, org: org.name },
    });
  });
}

/** 变更记录 of an organisation: its admins and the admins above it who may see it. */
export async function orgChangeHistory(deps: Deps, actor: Actor, orgId: number, opts: { before?: number; limit: number }) {
  const org = await orgOr404(deps.db, orgId);
  requireAccess(actor, { action: 'org.read', org });
  const rows = await changesOfOrg(deps.db, org.id, { before: opts.before, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  return { items: await present(deps.db, page, actor), nextAfter: rows.length > opts.limit ? page[page.length - 1]!.id : null };
}

/** The changes waiting for the signed-in admin's organisation to decide. */
export async function orgChangesAwaitingMe(deps: Deps, actor: Actor, opts: { after?: number; limit: number }) {
  if (!allows(actor, { action: 'registration.awaiting', org: actor.org })) return { items: [], nextAfter: null };
  const rows = await changesAwaiting(deps.db, actor.org.id, { after: opts.after, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  return { items: await present(deps.db, page, actor), nextAfter: rows.length > opts.limit ? page[page.length - 1]!.id : null };
}

export async function orgChangeLicence(deps: Deps, actor: Actor, id: number) {
  const change = await findOrgChange(deps.db, id);
  if (!change) throw outOfScope();
  const org = await orgOr404(deps.db, change.orgId);
  requireAccess(actor, { action: 'orgChange.read', change: targetOf(change, org) });
  if (change.licenceFileId == null) throw new AppError('NOT_FOUND', '该申请没有证件扫描件');
  return openStoredFile(deps.db, storageOf(deps.config), change.licenceFileId);
}

/**
 * A parent decides its side of a change (guarded: of two reviewers acting at once one succeeds).
 * The last approval applies the change in the same transaction: the new name / credit code, or the
 * move of the whole subtree under the new parent (refused while anything of it is pending).
 */
export async function reviewOrgChange(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  decision: { approve: true; version: number } | { approve: false; version: number; reason: string },
) {
  try {
    return await deps.db.transaction(async (tx) => {
      const change = await findOrgChange(tx, id);
      if (!change) throw outOfScope();
      const org = await orgOr404(tx, change.orgId);
      requireAccess(actor, { action: 'orgChange.review', change: targetOf(change, org) });
      if (change.status !== 'pending') throw alreadyHandled();
      const side =
        change.oldParentId === actor.org.id && change.oldParentDecision === 'pending'
          ? 'old'
          : change.newParentId === actor.org.id && change.newParentDecision === 'pending'
            ? 'new'
            : null;
      if (!side) throw alreadyHandled();
      const mine = decision.approve ? ('approved' as const) : ('rejected' as const);
      const oldDecision = side === 'old' ? mine : change.oldParentDecision;
      const newDecision = side === 'new' ? mine : change.newParentDecision;
      const outcome = changeOutcome([oldDecision, newDecision]);
      if (outcome === 'approved') await applyChange(tx, change, org);
      const ok = await updatePendingChange(tx, change, decision.version, {
        oldParentDecision: oldDecision,
        newParentDecision: newDecision,
        status: outcome,
        ...(outcome !== 'pending' ? { decidedAt: meta.now } : {}),
        ...(decision.approve ? {} : { rejectReason: decision.reason, rejectedByOrgId: actor.org.id }),
      });
      if (!ok) throw alreadyHandled();
      await writeAudit(tx, { actor, meta }, {
        action: decision.approve ? 'org.change.approve' : 'org.change.reject',
        objectType: 'orgChange',
        objectId: change.id,
        scopePath: org.path,
        detail: {
          kind: change.kind,
          org: org.name,
          changes: changeSummary(change.kind, change.before, change.after),
          ...(outcome === 'approved' ? { applied: true } : {}),
          ...(decision.approve ? {} : { reason: decision.reason }),
        },
      });
      const message =
        outcome === 'approved'
          ? '审核通过，变更已生效'
          : outcome === 'rejected'
            ? '已驳回该变更申请'
            : '审核通过，等待另一方上级单位审核';
      return { status: outcome, message };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '该统一社会信用代码已被其他单位使用，不能通过');
    throw err;
  }
}

async function applyChange(tx: Queryable, change: OrgChangeRow, org: OrgRow) {
  if (change.kind === 'info') {
    await updateOrgInfo(tx, org.id, {
      name: String(change.after.name),
      creditCode: change.after.creditCode == null ? null : String(change.after.creditCode),
      version: org.version + 1,
    });
    return;
  }
  const newParent = await findOrg(tx, change.newParentId!);
  const problem = newParent ? parentChangeProblem(org, newParent) : '所选上级单位不存在或尚未通过审核';
  if (problem) throw new AppError('CONFLICT', problem);
  const pending = await pendingWorkOfOrg(tx, org);
  // The change itself is pending: anything else is a reason to wait.
  const others = pending.filter((p) => p !== '有审核中的单位变更申请');
  if (others.length) throw new AppError('CONFLICT', `${org.name}${others.join('；')}，处理完毕后才能更换上级部门`);
  await moveSubtree(tx, org, newParent!, { noDepartment: org.kind === 'unit' && newParent!.kind === 'hrss' });
}
