/**
 * 单位合并 (机构改革, R-11; FAQ "用人单位/主管部门如何进行单位合并"): a province operator moves all
 * people, records and admins of one organisation into another, only when nothing of either is
 * pending; one transaction with its audit row; the merged organisation is archived, never deleted.
 */
import { permissionsForOrg, type OrgMergePreview } from '@ce/shared';
import type { Queryable } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { canRegisterUnder, mergeProblem } from './rules';
import { findOrg, type OrgRow } from './repo';
import { insertOrgChange, moveSubtree } from './changes-repo';
import {
  activeChildren,
  archiveMergedOrg,
  deleteSessionsOfAccounts,
  mergeCounts,
  moveAdminRoles,
  moveAdmins,
  moveProfessionalsAndRecords,
  moveWorkDepartments,
} from './merge-repo';
import { pendingWorkOfOrg } from './changes';

const outOfScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

async function pair(q: Queryable, actor: Actor, fromOrgId: number, intoOrgId: number) {
  const from = await findOrg(q, fromOrgId);
  const into = await findOrg(q, intoOrgId);
  if (!from || !into) throw outOfScope();
  requireAccess(actor, { action: 'org.merge', from, into });
  return { from, into };
}

/** Why the merge cannot happen now: the rules, the children's kinds, and pending work of either side. */
async function blockers(q: Queryable, from: OrgRow, into: OrgRow): Promise<string[]> {
  const problem = mergeProblem(from, into);
  if (problem) return [problem];
  const reasons: string[] = [];
  for (const child of await activeChildren(q, from.id)) {
    if (child.kind === 'hrss' || !canRegisterUnder(child.kind, into.kind)) {
      reasons.push(`下级机构“${child.name}”不能归属于${into.name}，请先为其更换上级部门`);
    }
  }
  for (const org of [from, into]) {
    for (const reason of await pendingWorkOfOrg(q, org)) reasons.push(`${org.name}：${reason}`);
  }
  return reasons;
}

export async function mergePreview(deps: Deps, actor: Actor, fromOrgId: number, intoOrgId: number): Promise<OrgMergePreview> {
  const { from, into } = await pair(deps.db, actor, fromOrgId, intoOrgId);
  const describe = (o: OrgRow) => ({ id: o.id, name: o.name, kind: o.kind, creditCode: o.creditCode });
  return { from: describe(from), into: describe(into), ...(await mergeCounts(deps.db, from)), blockers: await blockers(deps.db, from, into) };
}

export async function mergeOrganisations(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: { fromOrgId: number; intoOrgId: number; confirmName: string },
) {
  return deps.db.transaction(async (tx) => {
    const { from, into } = await pair(tx, actor, input.fromOrgId, input.intoOrgId);
    if (input.confirmName.trim() !== from.name) throw new AppError('VALIDATION', '确认名称与被合并单位的名称不一致');
    const reasons = await blockers(tx, from, into);
    if (reasons.length) throw new AppError('CONFLICT', `暂不能合并：${reasons.join('；')}`);
    const counts = await mergeCounts(tx, from);
    if (!(await archiveMergedOrg(tx, from))) throw alreadyHandled();
    const children = await activeChildren(tx, from.id);
    for (const child of children) {
      // Paths under `from` are still valid here: moveSubtree rewrites each child's own subtree.
      await moveSubtree(tx, child, into, { noDepartment: child.kind === 'unit' && into.kind === 'hrss' });
    }
    await moveWorkDepartments(tx, from, into);
    const records = await moveProfessionalsAndRecords(tx, from, into);
    await moveAdminRoles(tx, from, into, permissionsForOrg(into));
    const admins = await moveAdmins(tx, from, into);
    // Their organisation changed: moved and removed admins sign in again.
    await deleteSessionsOfAccounts(tx, [...admins.moved, ...admins.removed]);
    const change = await insertOrgChange(tx, {
      orgId: from.id,
      kind: 'merge',
      status: 'approved',
      before: { orgName: from.name, creditCode: from.creditCode },
      after: { orgName: into.name, creditCode: into.creditCode },
      mergedIntoOrgId: into.id,
      requestedByAccountId: actor.accountId,
      requestedByName: actor.name,
      decidedAt: meta.now,
      createdAt: meta.now,
    });
    const moved = {
      professionals: records.professionals,
      admins: admins.moved.length,
      childOrganisations: children.length,
      declarations: records.declarations,
    };
    await writeAudit(tx, { actor, meta }, {
      action: 'org.merge',
      objectType: 'organisation',
      objectId: into.id,
      scopePath: into.path,
      detail: {
        from: from.name,
        fromCreditCode: from.creditCode,
        into: into.name,
        changeId: change.id,
        ...moved,
        removedAdmins: admins.removed.length,
        workDepartments: counts.workDepartments,
      },
    });
    return {
      message: `已将${from.name}合并至${into.name}：人员${moved.professionals}人、管理员${moved.admins}人、下级机构${moved.childOrganisations}个、学时记录${moved.declarations}条；${from.name}已归档`,
      moved,
    };
  });
}
