import type { TransferStatus } from '@ce/shared';
import type { Queryable, Tx } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess, type ProfessionalTarget } from '../../access/access';
import { AppError, alreadyHandled, isUniqueViolation } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import type { OrgRow } from '../organisations/repo';
import { activeUnit, checkWorkDepartment, outOfScope, ownProfessional, professionalOr404 } from './common';
import { hasPendingWork } from './pending';
import { targetOf, toTransferItem } from './presenters';
import {
  findTransfer,
  insertTransfer,
  moveAccountToUnit,
  transfersOfPerson,
  transfersOfUnit,
  updateTransferIfCurrent,
  type ProfessionalRow,
  type TransferView,
} from './repo';
import { initialTransferStatus, nextTransferStatus, transferDecider } from './rules';

const transferInFlight = () => new AppError('CONFLICT', '已有办理中的单位调转申请，请等待办理完成或先撤回');

/** nothing of the person may be under review (FAQ "专技人员如何调转单位？"). */
async function refuseWhilePending(tx: Tx, personId: number) {
  const reason = await hasPendingWork(tx, personId);
  if (reason) throw new AppError('CONFLICT', `不能办理单位调转：${reason}`);
}

async function startTransfer(
  tx: Tx,
  meta: RequestMeta,
  actor: Actor,
  row: ProfessionalRow,
  input: { toUnit: OrgRow; toWorkDepartmentId: number | null; note?: string | null; initiatedBy: 'person' | 'unit' },
) {
  if (input.toUnit.id === row.unit.id) throw new AppError('VALIDATION', '调入单位不能是当前所在单位');
  if (row.account.status !== 'active') throw new AppError('CONFLICT', '只能为状态正常的人员办理单位调转');
  await refuseWhilePending(tx, row.person.id);
  const status = initialTransferStatus(input.initiatedBy);
  const transfer = await insertTransfer(tx, {
    personId: row.person.id,
    accountId: row.account.id,
    fromOrgId: row.unit.id,
    fromWorkDepartmentId: row.account.workDepartmentId,
    toOrgId: input.toUnit.id,
    toWorkDepartmentId: input.toWorkDepartmentId,
    initiatedBy: input.initiatedBy,
    initiatedByAccountId: actor.accountId,
    status,
    note: input.note?.trim() || null,
    // The old unit initiating a transfer out has agreed to it.
    ...(input.initiatedBy === 'unit' ? { outReviewedByAccountId: actor.accountId, outReviewedAt: meta.now } : {}),
    createdAt: meta.now,
  });
  await writeAudit(tx, { actor, meta }, {
    action: input.initiatedBy === 'person' ? 'professional.transfer.request' : 'professional.transfer.initiate',
    objectType: 'transfer',
    objectId: transfer.id,
    scopePath: row.unit.path,
    detail: { name: row.person.name, from: row.unit.name, to: input.toUnit.name, certNo: row.profile.certNo },
  });
  return transfer;
}

/** (a) The person asks to move to another unit; the old unit approves first. */
export async function requestTransfer(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: { toUnitId: number; toWorkDepartmentId: number | null; note?: string | null },
) {
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await ownProfessional(tx, actor);
      const toUnit = await activeUnit(tx, input.toUnitId);
      const toWorkDepartmentId = await checkWorkDepartment(tx, toUnit, input.toWorkDepartmentId);
      const transfer = await startTransfer(tx, meta, actor, row, { ...input, toUnit, toWorkDepartmentId, initiatedBy: 'person' });
      return { id: transfer.id, message: `调转申请已提交，请等待${row.unit.name}同意转出，再由${toUnit.name}同意调入` };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw transferInFlight();
    throw err;
  }
}

/** (b) 人员调出: the old unit names the new unit; the new unit approves. */
export async function initiateTransferOut(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  accountId: number,
  input: { toUnitId: number; note?: string | null },
) {
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await professionalOr404(tx, accountId);
      requireAccess(actor, { action: 'professional.transferOut', professional: targetOf(row) });
      const toUnit = await activeUnit(tx, input.toUnitId);
      const transfer = await startTransfer(tx, meta, actor, row, { ...input, toUnit, toWorkDepartmentId: null, initiatedBy: 'unit' });
      return { id: transfer.id, message: `调出申请已提交，请等待${toUnit.name}同意调入` };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw transferInFlight();
    throw err;
  }
}

export async function myTransfers(deps: Deps, actor: Actor) {
  const row = await ownProfessional(deps.db, actor);
  return { items: (await transfersOfPerson(deps.db, row.person.id)).map(toTransferItem), nextAfter: null };
}

/** The person withdraws their own request while it is still under way. */
export async function withdrawTransfer(deps: Deps, meta: RequestMeta, actor: Actor, id: number) {
  await deps.db.transaction(async (tx) => {
    const view = await findTransfer(tx, id);
    if (!view) throw outOfScope();
    requireAccess(actor, { action: 'professional.self', personId: view.transfer.personId });
    if (view.transfer.initiatedBy !== 'person') throw new AppError('CONFLICT', '该调转由原单位发起，不能由本人撤回');
    if (!transferDecider(view.transfer.status)) throw alreadyHandled();
    const updated = await updateTransferIfCurrent(tx, id, view.transfer, { status: 'withdrawn', version: view.transfer.version + 1 });
    if (!updated) throw alreadyHandled();
    await writeAudit(tx, { actor, meta }, {
      action: 'professional.transfer.withdraw',
      objectType: 'transfer',
      objectId: id,
      scopePath: view.from.path,
      detail: { name: view.person.name, from: view.from.name, to: view.to.name },
    });
  });
}

const fromTarget = (v: TransferView): ProfessionalTarget => ({ unit: v.from, workDepartmentId: v.transfer.fromWorkDepartmentId });
const toTarget = (v: TransferView): ProfessionalTarget => ({ unit: v.to, workDepartmentId: v.transfer.toWorkDepartmentId });

function mayRead(actor: Actor, target: ProfessionalTarget) {
  try {
    requireAccess(actor, { action: 'professional.read', professional: target });
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

/** A transfer is visible to the admins of both units (and above them); anyone else gets 404. */
async function visibleTransfer(q: Queryable, actor: Actor, id: number) {
  const view = await findTransfer(q, id);
  if (!view) throw outOfScope();
  const sides = { from: mayRead(actor, fromTarget(view)), to: mayRead(actor, toTarget(view)) };
  if (!sides.from && !sides.to) {
    // Inside one unit's subtree without the permission: 403; outside both: 404.
    for (const target of [fromTarget(view), toTarget(view)]) {
      try {
        requireAccess(actor, { action: 'professional.read', professional: target });
      } catch (err) {
        if (err instanceof AppError && err.code === 'FORBIDDEN') throw err;
      }
    }
    throw outOfScope();
  }
  return { view, sides };
}

export async function transferDetail(deps: Deps, actor: Actor, id: number) {
  const { view } = await visibleTransfer(deps.db, actor, id);
  return toTransferItem(view);
}

/**
 * The deciding unit approves or rejects: the old unit while pending_out, the new unit while
 * pending_in. The transfer in moves the professional account to the new unit; the person's
 * certificate number, declarations and history stay with the person (nothing is copied).
 */
export async function reviewTransfer(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  decision: { approve: boolean; version: number; reason?: string; workDepartmentId?: number | null },
) {
  return deps.db.transaction(async (tx) => {
    const { view, sides } = await visibleTransfer(tx, actor, id);
    const t = view.transfer;
    const decider = transferDecider(t.status);
    if (!decider) throw alreadyHandled();
    if (!sides[decider]) {
      const waiting = decider === 'from' ? `${view.from.name}同意转出` : `${view.to.name}同意调入`;
      throw new AppError('CONFLICT', `该调转申请正等待${waiting}`);
    }
    const target = decider === 'from' ? fromTarget(view) : toTarget(view);
    requireAccess(actor, { action: 'professional.review', professional: target, subjectPersonIds: [t.personId] });
    const status: TransferStatus = nextTransferStatus(t.status as 'pending_out' | 'pending_in', decision.approve);
    if (decision.approve) await refuseWhilePending(tx, t.personId);
    let toWorkDepartmentId = t.toWorkDepartmentId;
    if (status === 'completed') {
      toWorkDepartmentId = await checkWorkDepartment(tx, view.to, decision.workDepartmentId ?? t.toWorkDepartmentId);
      if (actor.workDepartmentIds && (toWorkDepartmentId == null || !actor.workDepartmentIds.includes(toWorkDepartmentId))) {
        throw new AppError('VALIDATION', '只能调入您负责的工作部门');
      }
    }
    const stage =
      decider === 'from'
        ? { outReviewedByAccountId: actor.accountId, outReviewedAt: meta.now }
        : { inReviewedByAccountId: actor.accountId, inReviewedAt: meta.now };
    const updated = await updateTransferIfCurrent(tx, id, { status: t.status, version: decision.version }, {
      status,
      ...stage,
      toWorkDepartmentId,
      ...(decision.approve ? {} : { rejectReason: decision.reason ?? null, rejectedByOrgId: target.unit.id }),
      version: t.version + 1,
    });
    if (!updated) throw alreadyHandled();
    if (status === 'completed') {
      const account = await professionalOr404(tx, t.accountId);
      const moved = await moveAccountToUnit(tx, t.accountId, t.fromOrgId, {
        orgId: t.toOrgId,
        workDepartmentId: toWorkDepartmentId,
        version: account.account.version + 1,
      });
      if (!moved) throw new AppError('CONFLICT', '该人员已不在原单位或账号状态异常，不能完成调转');
    }
    await writeAudit(tx, { actor, meta }, {
      action: !decision.approve
        ? 'professional.transfer.reject'
        : decider === 'from'
          ? 'professional.transfer.approveOut'
          : 'professional.transfer.approveIn',
      objectType: 'transfer',
      objectId: id,
      scopePath: target.unit.path,
      detail: {
        name: view.person.name,
        from: view.from.name,
        to: view.to.name,
        certNo: view.certNo,
        ...(decision.approve ? {} : { reason: decision.reason }),
      },
    });
    return { status, message: transferOutcome(status, view) };
  });
}

function transferOutcome(status: TransferStatus, v: TransferView) {
  if (status === 'pending_in') return `已同意转出，等待${v.to.name}同意调入`;
  if (status === 'completed') return `调转完成：${v.person.name}已调入${v.to.name}，证书管理号不变`;
  return '已驳回该调转申请';
}

/** A unit's transfers out and/or in; by default those waiting for this unit's decision. */
export async function listUnitTransfers(
  deps: Deps,
  actor: Actor,
  opts: { direction?: 'out' | 'in'; status?: TransferStatus; after?: number; limit: number },
) {
  requireAccess(actor, { action: 'professional.list', org: actor.org });
  if (actor.org.kind !== 'unit') return { items: [], nextAfter: null };
  const rows = await transfersOfUnit(deps.db, actor.org.id, { ...opts, workDepartmentIds: actor.workDepartmentIds, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  return { items: page.map(toTransferItem), nextAfter: rows.length > opts.limit ? page[page.length - 1]!.transfer.id : null };
}
