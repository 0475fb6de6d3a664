import type { OrgKind } from '@ce/shared';
import { AppError, forbidden } from '../errors';
import type { Actor } from './actor';

export interface OrgTarget {
  id: number;
  kind: OrgKind;
  path: string;
  parentId: number | null;
}
export interface AccountTarget {
  accountId: number;
  org: OrgTarget;
  isSuperAdmin: boolean;
  workDepartmentId: number | null;
}

export type AccessRequest =
  | { action: 'org.read'; org: OrgTarget }
  | { action: 'org.listSubtree'; org: OrgTarget }
  | { action: 'registration.review'; org: OrgTarget }
  | { action: 'admins.read'; org: OrgTarget }
  | { action: 'admins.manage'; org: OrgTarget }
  | { action: 'roles.manage'; org: OrgTarget }
  | { action: 'workdepts.manage'; org: OrgTarget }
  | { action: 'account.resetPassword'; account: AccountTarget }
  | { action: 'audit.read'; org: OrgTarget };

/** True when `path` is the actor's organisation or lies below it. */
export const inSubtree = (actor: Actor, path: string) => path.startsWith(actor.org.path);

const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

function requireAdmin(actor: Actor) {
  if (actor.role === 'professional') throw notFound();
}

/**
 * The one access check. Every use case calls it before touching a record.
 * Outside the actor's organisation subtree (or 工作部门 scope) the answer is 404, exactly as if the
 * record did not exist; inside it, a missing permission is 403.
 */
export function requireAccess(actor: Actor, request: AccessRequest): void {
  requireAdmin(actor);
  const can = (p: Parameters<Actor['permissions']['has']>[0]) => actor.isSuperAdmin || actor.permissions.has(p);
  switch (request.action) {
    case 'org.read':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id && !can('org.view') && !can('registration.review')) throw forbidden();
      return;
    case 'org.listSubtree':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (!can('org.view')) throw forbidden();
      return;
    case 'registration.review':
      // Registrations are approved by an admin of the parent organisation, by a person.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.parentId !== actor.org.id || !can('registration.review')) throw forbidden();
      return;
    case 'admins.read':
    case 'admins.manage': {
      if (!inSubtree(actor, request.org.path)) throw notFound();
      const own = request.org.id === actor.org.id;
      // Each HRSS bureau's admins are created by the bureau above (the organisation tree).
      const childBureau =
        actor.org.kind === 'hrss' && request.org.kind === 'hrss' && request.org.parentId === actor.org.id;
      if ((own || childBureau) && actor.isSuperAdmin) return;
      throw forbidden();
    }
    case 'roles.manage':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id || !actor.isSuperAdmin) throw forbidden();
      return;
    case 'workdepts.manage':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id || request.org.kind !== 'unit' || !can('workdept.manage')) {
        throw forbidden();
      }
      return;
    case 'account.resetPassword': {
      const target = request.account;
      if (!inSubtree(actor, target.org.path)) throw notFound();
      if (
        actor.workDepartmentIds &&
        target.org.id === actor.org.id &&
        (target.workDepartmentId == null || !actor.workDepartmentIds.includes(target.workDepartmentId))
      ) {
        throw notFound();
      }
      if (target.accountId === actor.accountId) throw forbidden();
      if (target.org.id === actor.org.id && !actor.isSuperAdmin && target.workDepartmentId == null) {
        throw forbidden(); // fellow admins of one's own organisation: the super admin's call
      }
      if (!can('account.reset')) throw forbidden();
      return;
    }
    case 'audit.read':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (actor.org.kind !== 'hrss' || !can('audit.view')) throw forbidden();
      return;
  }
}
