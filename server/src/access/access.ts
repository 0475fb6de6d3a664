import type { OrgKind, Permission } from '@ce/shared';
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
  | { action: 'registration.review'; org: OrgTarget; subjectPersonIds?: number[] }
  | { action: 'registration.awaiting'; org: OrgTarget }
  | { action: 'admins.read'; org: OrgTarget }
  | { action: 'admins.manage'; org: OrgTarget }
  | { action: 'roles.manage'; org: OrgTarget }
  | { action: 'workdepts.manage'; org: OrgTarget }
  | { action: 'account.resetPassword'; account: AccountTarget }
  | { action: 'account.resetMfa'; account: AccountTarget }
  | { action: 'security.settings'; province: OrgTarget }
  | { action: 'security.read' }
  | { action: 'professional.self'; personId: number }
  | { action: 'professional.list'; org: OrgTarget }
  | { action: 'professional.awaiting'; org: OrgTarget }
  | { action: 'professional.read'; professional: ProfessionalTarget }
  | { action: 'professional.review'; professional: ProfessionalTarget; subjectPersonIds?: number[] }
  | { action: 'professional.transferOut'; professional: ProfessionalTarget }
  | { action: 'professional.archive'; professional: ProfessionalTarget }
  | { action: 'audit.read'; org: OrgTarget }
  | { action: 'declaration.own'; declaration: { personId: number } }
  | { action: 'declaration.read'; declaration: DeclarationTarget }
  | { action: 'declaration.review'; declaration: DeclarationTarget; subjectPersonIds?: number[] }
  | { action: 'declaration.list'; org: OrgTarget }
  | { action: 'declaration.awaiting'; org: OrgTarget }
  | { action: 'declaration.sample'; org: OrgTarget }
  | { action: 'declaration.settings'; org: OrgTarget }
  | { action: 'declaration.openYear'; unit: OrgTarget }
  | { action: 'declaration.openings'; org: OrgTarget }
  | { action: 'seal.read'; org: OrgTarget }
  | { action: 'seal.listSubtree'; org: OrgTarget }
  | { action: 'seal.apply'; org: OrgTarget }
  | { action: 'seal.review'; org: OrgTarget }
  | { action: 'certificate.query'; professional: ProfessionalTarget }
  | { action: 'certificate.queryBatch'; org: OrgTarget }
  | {
      action: 'historicalHours.enter';
      professional: ProfessionalTarget;
      /** The organisations of the person's review chain (declarations/rules.ts reviewChainOf). */
      reviewChain: readonly number[];
    }
  | { action: 'historicalHours.list'; org: OrgTarget }
  | { action: 'requirement.read' }
  | { action: 'orgChange.request'; org: OrgTarget }
  | { action: 'orgChange.read'; change: OrgChangeTarget }
  | { action: 'orgChange.review'; change: OrgChangeTarget }
  | { action: 'org.merge'; from: OrgTarget; into: OrgTarget }
  | { action: 'job.read'; job: { ownerAccountId: number; ownerOrgPath: string } }
  | { action: 'statistics.read'; org: OrgTarget }
  | { action: 'statistics.refresh'; org: OrgTarget }
  | { action: 'notice.manage'; org: OrgTarget }
  | { action: 'notice.read'; notice: { orgPath: string } }
  | { action: 'consultation.own'; consultation: { askerPersonId: number | null } }
  | { action: 'consultation.list'; org: OrgTarget }
  | { action: 'consultation.read'; consultation: ConsultationTarget }
  | { action: 'consultation.handle'; consultation: ConsultationTarget }
  | { action: 'faq.publish'; consultation: ConsultationTarget }
  | { action: 'faq.manage'; faq: { orgId: number; orgPath: string } }
  | { action: 'queue.read'; org: OrgTarget; permission: Permission; orgKinds: readonly OrgKind[] }

  | { action: 'declaration.batch' }
  | { action: 'baseClass.manage'; baseClass?: { baseOrgId: number } }
  | { action: 'declaration.batchRead'; batch: { declarerOrgId: number; declarerOrgPath: string } }
  | { action: 'trainingPlan.file'; plan?: TrainingPlanTarget }
  | { action: 'trainingPlan.attend'; plan: TrainingPlanTarget }
  | { action: 'trainingPlan.read'; plan: TrainingPlanTarget }
  | { action: 'trainingPlan.review'; plan: TrainingPlanTarget }
  | { action: 'platform.register' }
  | { action: 'platform.read'; platform: PlatformTarget }
  | { action: 'platform.decide'; platform: PlatformTarget }
  | { action: 'platform.credentials'; platform: PlatformTarget }
  | { action: 'platform.records' }
  | { action: 'platform.list' }
  | { action: 'platform.decideRecord'; platform: PlatformTarget };

/** A learning platform as access sees it: its base and the HRSS bureau that decides on it. */
export interface PlatformTarget {
  baseOrgId: number;
  baseOrgPath: string;
  bureauOrgId: number;
}

/** A training plan as access sees it: the filing organisation. */
export interface TrainingPlanTarget {
  orgId: number;
  orgPath: string;
}

/** An organisation change as access sees it: the organisation, and the new parent of a 更换上级部门. */
export interface OrgChangeTarget {
  org: OrgTarget;
  newParentId: number | null;
}

/** A consultation as access sees it: where it was asked and who handles it now. */
export interface ConsultationTarget {
  originOrgId: number;
  originOrgPath: string;
  /** The professional asker's 工作部门 (null for visitors). */
  askerWorkDepartmentId: number | null;
  currentOrgId: number;
  currentOrgPath: string;
}

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

export const OWN_MATTER_MESSAGE = '本人事项，需由其他管理员审核';

/**
 * Conflict of interest: nobody decides a matter of their own (their declaration, registration,
 * change request or transfer, or the registration of an organisation they are the first admin of),
 * whatever their permissions; another admin of the organisation must. True when the actor is one
 * of the matter's people.
 */
export const isOwnMatter = (actor: Actor, subjectPersonIds: readonly number[] | undefined) =>
  subjectPersonIds !== undefined && subjectPersonIds.includes(actor.personId);

/**
 * The one access check. Every use case calls it before touching a record.
 * Outside the actor's organisation subtree (or 工作部门 scope) the answer is 404, exactly as if the
 * record did not exist; inside it, a missing permission is 403, and so is a decision on one's own
 * matter (`subjectPersonIds`).
 */
export function requireAccess(actor: Actor, request: AccessRequest): void {
  checkAccess(actor, request);
  if ('subjectPersonIds' in request && isOwnMatter(actor, request.subjectPersonIds)) {
    throw new AppError('FORBIDDEN', OWN_MATTER_MESSAGE, { reason: 'OWN_MATTER' });
  }
}

/**
 * The same decision as requireAccess, as a boolean: for what a page offers or counts (a home page's
 * queue, a detail's 审核 button, how wide a list reaches) rather than for refusing a request.
 */
export function allows(actor: Actor, request: AccessRequest): boolean {
  try {
    requireAccess(actor, request);
    return true;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) return false;
    throw err;
  }
}

function checkAccess(actor: Actor, request: AccessRequest): void {
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
  if (request.action === 'consultation.own') {
    // A professional reads and follows up only their own questions.
    if (actor.role !== 'professional' || actor.personId !== request.consultation.askerPersonId) throw notFound();
    return;
  }
  if (request.action === 'notice.read') {
    // A notice not open to the public (a department's) reaches the publisher's subtree only: anyone
    // signed in whose organisation lies below (or is) the publisher.
    if (!actor.org.path.startsWith(request.notice.orgPath)) throw notFound();
    return;
  }
  if (request.action === 'job.read') {
    // A job (import, export) is seen by its owner and by admins of organisations above the owner's.
    if (actor.accountId === request.job.ownerAccountId) return;
    requireAdmin(actor);
    const owner = request.job.ownerOrgPath;
    if (owner === actor.org.path || !owner.startsWith(actor.org.path)) throw notFound();
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
    case 'registration.awaiting':
      // The registrations and organisation changes waiting for the admin's own organisation's decision.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id || !can('registration.review')) throw forbidden();
      return;
    case 'admins.read':
    case 'admins.manage': {
      if (!inSubtree(actor, request.org.path)) throw notFound();
      const own = request.org.id === actor.org.id;
      // Each HRSS bureau's admins are created by the bureau above (the organisation tree).
      const childBureau =
        actor.org.kind === 'hrss' && request.org.kind === 'hrss' && request.org.parentId === actor.org.id;
      if ((own || childBureau) && actor.isSuperAdmin) return;
      // The organisation right above reads the admins of one directly below it: it is who resets their
      // super admin's password or second factor (account.resetPassword, account.resetMfa). Read only.
      if (request.action === 'admins.read' && request.org.parentId === actor.org.id && can('account.reset')) return;
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
    case 'account.resetMfa': {
      // The admin above resets an admin's second factor (issue 9 item 7): their organisation's super
      // admin for an ordinary admin; the parent organisation's super admin (or an admin holding
      // 账号重置 there) for a super admin. Nobody resets their own; other levels of the subtree: 403.
      const target = request.account;
      if (!target.isAdmin || !inSubtree(actor, target.org.path)) throw notFound();
      if (target.accountId === actor.accountId) throw forbidden();
      const above =
        target.org.id === actor.org.id
          ? actor.isSuperAdmin && !target.isSuperAdmin
          : target.org.parentId === actor.org.id && target.isSuperAdmin && can('account.reset');
      if (!above) throw forbidden();
      return;
    }
    case 'security.settings':
      // 所有管理员启用双因素认证 is the province bureau's super admin's call.
      if (!inSubtree(actor, request.province.path)) throw notFound();
      if (actor.org.id !== request.province.id || !actor.isSuperAdmin) throw forbidden();
      return;
    case 'security.read':
      // Every admin reads the security settings (they decide whether the admin needs a second factor).
      return;
    case 'professional.list':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (!can('person.manage') && !can('person.review')) throw forbidden();
      return;
    case 'professional.awaiting':
      // Registrations, changes and transfers of a unit's people wait for that unit's reviewers.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id || actor.role !== 'unit' || !can('person.review')) throw forbidden();
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
    case 'declaration.awaiting':
      // The declarations waiting for the admin's own organisation's decision.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id || !can('declaration.review')) throw new AppError('FORBIDDEN', '您没有学时审核权限');
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
    case 'declaration.openings':
      // The openings of past years a bureau has made in its region.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (actor.org.kind !== 'hrss' || !can('declaration.settings')) throw new AppError('FORBIDDEN', '您没有申报设置权限');
      return;
    case 'seal.read':
      // An organisation's e-seal state, applications and admin filings: its own admins see them;
      // above it, the admins who manage seals.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id && !can('seal.manage')) throw forbidden();
      return;
    case 'seal.listSubtree':
      // Seal applications and admin filings of the organisations below: the admins who manage seals.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (!can('seal.manage')) throw forbidden();
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
      // …of an organisation on the person's review chain: the record starts at the level above it.
      if (request.action === 'historicalHours.enter' && !request.reviewChain.includes(actor.org.id)) {
        throw new AppError('FORBIDDEN', '学时转登由本人所在单位或其学时审核流程中的主管部门、人社部门办理');
      }
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
    case 'declaration.batch':
      // Units and departments declare for their people in bulk: admins who review hours.
      if ((actor.org.kind !== 'unit' && actor.org.kind !== 'department') || !can('declaration.review')) throw forbidden();
      return;
    case 'baseClass.manage':
      // A continuing-education base runs its own classes and declares their trainees; a class
      // is its base's alone: to anyone else it does not exist.
      if (request.baseClass && request.baseClass.baseOrgId !== actor.org.id) throw notFound();
      if (actor.org.kind !== 'base' || !can('base.declare')) throw forbidden();
      return;
    case 'declaration.batchRead':
      // The declaring organisation's admins, and the reviewers above it.
      if (!inSubtree(actor, request.batch.declarerOrgPath)) throw notFound();
      if (!can('declaration.review') && !can('declaration.sampling')) throw forbidden();
      return;
    case 'trainingPlan.file':
    case 'trainingPlan.attend': {
      // A unit or department files (and amends, withdraws) its own plan and declares attendance of it,
      // by admins who review hours; a plan is the whole organisation's, so a 工作部门-scoped admin
      // does not file it (they may declare attendance of their people: the batch path keeps their scope).
      const plan = request.plan;
      if (plan && !inSubtree(actor, plan.orgPath)) throw notFound();
      if (plan && plan.orgId !== actor.org.id) throw forbidden();
      if ((actor.org.kind !== 'unit' && actor.org.kind !== 'department') || !can('declaration.review')) throw forbidden();
      if (request.action === 'trainingPlan.file' && actor.workDepartmentIds !== null) throw forbidden();
      return;
    }
    case 'trainingPlan.read':
      // The filing organisation's admins and the reviewers above it.
      if (!inSubtree(actor, request.plan.orgPath)) throw notFound();
      if (!can('declaration.review') && !can('declaration.sampling')) throw forbidden();
      return;
    case 'trainingPlan.review':
      // 主管部门 and 同级人社 decide in turn (whose turn it is: the service, from the frozen chain).
      if (!inSubtree(actor, request.plan.orgPath)) throw notFound();
      if (request.plan.orgId === actor.org.id || !can('declaration.review')) throw forbidden();
      return;
    case 'requirement.read':
      // The yearly requirement table is no secret: every admin may read it.
      return;
    case 'platform.register':
      // A continuing-education base registers its own learning platform (its super admin).
      if (actor.org.kind !== 'base' || !actor.isSuperAdmin) throw forbidden();
      return;
    case 'platform.read':
    case 'platform.decide':
    case 'platform.credentials':
    case 'platform.decideRecord': {
      // The base's own admins and the HRSS bureaus above it see it; the bureau directly above the
      // base decides on it and its held records; credentials are rotated or revoked by that bureau
      // or by the base's super admin.
      const p = request.platform;
      if (!inSubtree(actor, p.baseOrgPath)) throw notFound();
      const base = actor.org.id === p.baseOrgId;
      const bureau = actor.org.id === p.bureauOrgId && actor.org.kind === 'hrss';
      const ok =
        request.action === 'platform.read'
          ? base || (actor.org.kind === 'hrss' && (can('registration.review') || can('declaration.review')))
          : request.action === 'platform.decide'
            ? bureau && can('registration.review')
            : request.action === 'platform.credentials'
              ? (base && actor.isSuperAdmin) || (bureau && can('registration.review'))
              : bureau && can('declaration.review');
      if (!ok) throw forbidden();
      return;
    }
    case 'platform.list':
      // A base lists its own platforms; an HRSS bureau those of its subtree, by its reviewers.
      if (actor.org.kind === 'base') return;
      if (actor.org.kind !== 'hrss' || (!can('registration.review') && !can('declaration.review'))) throw forbidden();
      return;
    case 'platform.records':
      // 平台学时暂存审核: HRSS bureaus' reviewers, over the platforms of their subtree.
      if (actor.org.kind !== 'hrss' || !can('declaration.review')) throw forbidden();
      return;
    case 'orgChange.request':
      // 单位资料管理: the organisation's own super admin asks (FAQ "登录单位超级管理员账号").
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id || !actor.isSuperAdmin || request.org.kind === 'hrss') throw forbidden();
      return;
    case 'orgChange.read':
    case 'orgChange.review': {
      // Decided by the organisation's parent and, for 更换上级部门, the new parent too (which is not
      // yet above it); read by them and by the organisation's own admins.
      const { org, newParentId } = request.change;
      const parentSide = inSubtree(actor, org.path) && org.id !== actor.org.id;
      const newParentSide = newParentId === actor.org.id;
      if (!inSubtree(actor, org.path) && !newParentSide) throw notFound();
      if (request.action === 'orgChange.read' && org.id === actor.org.id) return;
      const decides = (parentSide && org.parentId === actor.org.id) || newParentSide;
      if (!decides || !can('registration.review')) throw forbidden();
      return;
    }
    case 'org.merge':
      // 单位合并 (机构改革) is done by the province's operators, on organisations below them.
      if (!inSubtree(actor, request.from.path) || !inSubtree(actor, request.into.path)) throw notFound();
      if (actor.org.kind !== 'hrss' || actor.org.parentId !== null || !can('org.merge')) throw forbidden();
      return;
    case 'statistics.read':
      // 查询统计: figures of one's own subtree only; a 工作部门-scoped admin only their own unit
      // (the service then narrows the figures to their 工作部门).
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (actor.workDepartmentIds !== null && request.org.id !== actor.org.id) throw notFound();
      if (!can('statistics.view')) throw forbidden();
      return;
    case 'notice.manage':
      // 通知公告: HRSS bureaus and competent departments publish for their own region or units.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id || (actor.org.kind !== 'hrss' && actor.org.kind !== 'department') || !can('portal.publish')) {
        throw forbidden();
      }
      return;
    case 'consultation.list':
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (!can('consultation.answer')) throw forbidden();
      return;
    case 'consultation.read':
    case 'consultation.handle':
    case 'faq.publish': {
      // Read by the admins of the organisation it was asked of or now handled by, and above them;
      // acted on by the organisation handling it now.
      const c = request.consultation;
      if (!inSubtree(actor, c.originOrgPath) && !inSubtree(actor, c.currentOrgPath)) throw notFound();
      if (outsideWorkDepartmentScope(actor, c.originOrgId, c.askerWorkDepartmentId)) throw notFound();
      if (!can('consultation.answer')) throw forbidden();
      if (request.action === 'consultation.handle' && c.currentOrgId !== actor.org.id) throw forbidden();
      // The help centre's FAQ is public: HRSS bureaus publish to it.
      if (request.action === 'faq.publish' && (actor.org.kind !== 'hrss' || !can('portal.publish'))) throw forbidden();
      return;
    }
    case 'faq.manage':
      if (!inSubtree(actor, request.faq.orgPath)) throw notFound();
      if (request.faq.orgId !== actor.org.id || actor.org.kind !== 'hrss' || !can('portal.publish')) throw forbidden();
      return;
    case 'queue.read':
      // A work queue of the admin's own organisation (home page counts, 逾期 digests): the queue's
      // permission, for the kinds of organisation that have the queue.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (request.org.id !== actor.org.id || !request.orgKinds.includes(request.org.kind) || !can(request.permission)) throw forbidden();
      return;
    case 'statistics.refresh':
      // Rebuilding a year's figures is province-wide work: the province bureau's call.
      if (!inSubtree(actor, request.org.path)) throw notFound();
      if (actor.org.kind !== 'hrss' || actor.org.parentId !== null || !can('statistics.view')) throw forbidden();
      return;
  }
}
