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
  /** An admin account (of any organisation kind), as opposed to a professional's. */
  isAdmin: boolean;
  isSuperAdmin: boolean;
  workDepartmentId: number | null;
}
/** A professional (or one coming in by transfer) as access sees them: their unit and 工作部门. */
export interface ProfessionalTarget {
  unit: OrgTarget;
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
  | { action: 'professional.self'; personId: number }
  | { action: 'professional.list'; org: OrgTarget }
  | { action: 'professional.read'; professional: ProfessionalTarget }
  | { action: 'professional.review'; professional: ProfessionalTarget }
  | { action: 'professional.transferOut'; professional: ProfessionalTarget }
  | { action: 'professional.archive'; professional: ProfessionalTarget }
  | { action: 'audit.read'; org: OrgTarget }
  | { action: 'declaration.own'; declaration: { personId: number } }
  | { action: 'declaration.read'; declaration: DeclarationTarget }
  | { action: 'declaration.review'; declaration: DeclarationTarget }
  | { action: 'declaration.list'; org: OrgTarget }
  | { action: 'declaration.sample'; org: OrgTarget }
  | { action: 'declaration.settings'; org: OrgTarget }
  | { action: 'declaration.openYear'; unit: OrgTarget }
  | { action: 'seal.read'; org: OrgTarget }
  | { action: 'seal.apply'; org: OrgTarget }
  | { action: 'seal.review'; org: OrgTarget }
  | { action: 'certificate.query'; professional: ProfessionalTarget }
  | { action: 'certificate.queryBatch'; org: OrgTarget }
  | { action: 'historicalHours.enter'; professional: ProfessionalTarget }
  | { action: 'historicalHours.list'; org: OrgTarget }
  | { action: 'requirement.read' };

/** A declaration as access sees it: where its person works. */
export interface DeclarationTarget {
  unitId: number;
  unitPath: string;
  workDepartmentId: number | null;
}

/** True when `path` is the actor's organisation or lies below it. */
export const inSubtree = (actor: Actor, path: string) => path.startsWith(actor.org.path);

const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

/**
 * An admin limited to some 工作部门 sees only those people of their own unit (SPEC §1, R-16):
 * true when the person (of `unitId`, in `workDepartmentId`) is outside that scope.
 */
function outsideWorkDepartmentScope(actor: Actor, unitId: number, workDepartmentId: number | null): boolean {
  const scope = actor.workDepartmentIds;
  return scope !== null && (unitId !== actor.org.id || workDepartmentId == null || !scope.includes(workDepartmentId));
}

function requireAdmin(actor: Actor) {
  if (actor.role === 'professional') throw notFound();
}

/**
 * The one access check. Every use case calls it before touching a record.
 * Outside the actor's organisation subtree (or 工作部门 scope) the answer is 404, exactly as if the
 * record did not exist; inside it, a missing permission is 403.
 */
export function requireAccess(actor: Actor, request: AccessRequest): void {
  if (request.action === 'declaration.own') {
    // A professional sees only their own declarations; anyone else, as if they did not exist.
    if (actor.role !== 'professional' || actor.personId !== request.declaration.personId) throw notFound();
    return;
  }
  if (request.action === 'professional.self') {
    // A professional sees only their own data; anyone else, as if it did not exist.
    if (actor.role !== 'professional' || actor.personId !== request.personId) throw notFound();
    return;
  }
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
      if (target.org.id === actor.org.id && outsideWorkDepartmentScope(actor, target.org.id, target.workDepartmentId)) {
        throw notFound();
      }
      if (target.accountId === actor.accountId) throw forbidden();
      if (target.isAdmin && target.org.id === actor.org.id && !actor.isSuperAdmin) {
        throw forbidden(); // fellow admins of one's own organisation: the super admin's call
      }
      if (!can('account.reset')) throw forbidden();
      return;
    }
    case 'professional.list':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (!can('person.manage') && !can('person.review')) throw forbidden();
      return;
    case 'professional.read':
    case 'professional.review':
    case 'professional.transferOut':
    case 'professional.archive': {
      const { unit, workDepartmentId } = request.professional;
      if (!inSubtree(actor, unit.path)) throw notFound();
      if (outsideWorkDepartmentScope(actor, unit.id, workDepartmentId)) throw notFound();
      if (request.action === 'professional.read') {
        if (!can('person.manage') && !can('person.review')) throw forbidden();
      } else if (request.action === 'professional.archive') {
        // Archive (R-12) is the HRSS bureaus' call, for people in their subtree.
        if (actor.org.kind !== 'hrss' || !can('person.manage')) throw forbidden();
      } else {
        // Registrations, changes and transfers are decided by the person's own unit.
        const permission = request.action === 'professional.review' ? 'person.review' : 'person.manage';
        if (unit.id !== actor.org.id || unit.kind !== 'unit' || !can(permission)) throw forbidden();
      }
      return;
    }
    case 'audit.read':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (actor.org.kind !== 'hrss' || !can('audit.view')) throw forbidden();
      return;
    case 'declaration.read':
    case 'declaration.review': {
      const target = request.declaration;
      if (!inSubtree(actor, target.unitPath)) throw notFound();
      if (outsideWorkDepartmentScope(actor, target.unitId, target.workDepartmentId)) throw notFound();
      const ok =
        request.action === 'declaration.review' ? can('declaration.review') : can('declaration.review') || can('declaration.sampling');
      if (!ok) throw forbidden();
      return;
    }
    case 'declaration.list':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (!can('declaration.review') && !can('declaration.sampling')) throw forbidden();
      return;
    case 'declaration.sample':
      // Sampling audit (第十一条（四）): an HRSS bureau, over a bureau's region inside its own.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (actor.org.kind !== 'hrss' || request.org.kind !== 'hrss' || !can('declaration.sampling')) throw forbidden();
      return;
    case 'declaration.settings':
      // Province-wide settings (window, caps) belong to the province bureau.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (actor.org.id !== request.org.id || actor.org.kind !== 'hrss' || !can('declaration.settings')) throw forbidden();
      return;
    case 'declaration.openYear':
      // A bureau opens a past year for a named person of its region.
      if (!inSubtree(actor, request.unit.path)) throw notFound();
      if (actor.org.kind !== 'hrss' || !can('declaration.settings')) throw forbidden();
      return;
    case 'seal.read':
      // An organisation's e-seal state, applications and admin filings: its own admins see them;
      // above it, the admins who manage seals.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id && !can('seal.manage')) throw forbidden();
      return;
    case 'seal.apply':
      // The organisation itself applies for its seal and files its administrators (seed 002 三(二)(三)).
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id || !can('seal.manage')) throw forbidden();
      return;
    case 'seal.review':
      // The province HRSS approves or rejects e-seal applications (seed 002 三(二)).
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (actor.org.kind !== 'hrss' || actor.org.parentId !== null || !can('seal.manage')) throw forbidden();
      return;
    case 'certificate.query':
    case 'historicalHours.enter': {
      // A person's certificates and 学时转登 for them: inside the subtree and 工作部门 scope.
      const { unit, workDepartmentId } = request.professional;
      if (!inSubtree(actor, unit.path)) throw notFound();
      if (outsideWorkDepartmentScope(actor, unit.id, workDepartmentId)) throw notFound();
      // 学时转登 is entered by an admin who reviews hours (the record then goes up the chain).
      if (!can(request.action === 'certificate.query' ? 'certificate.query' : 'declaration.review')) throw forbidden();
      return;
    }
    case 'certificate.queryBatch':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (!can('certificate.query')) throw forbidden();
      return;
    case 'historicalHours.list':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (!can('declaration.review')) throw forbidden();
      return;
    case 'requirement.read':
      // The yearly requirement table is no secret: every admin may read it.
      return;
  }
}
