import { isIssuingBureau, isProvinceBureau, mayFileAdmins, type Permission } from '@ce/shared';
import type { Me } from '../../api/types';

/** A super admin holds every permission; others hold their role's. */
export const can = (me: Me, permission: Permission) => me.isSuperAdmin || me.permissions.includes(permission);

/** Which console pages an admin may open (the server checks again on every call). */
export const pageAllowed = {
  dashboard: () => true,
  // Nothing registers under a base (ALLOWED_PARENT_KINDS), so it has no registrations or subtree.
  registrations: (me: Me) => me.org.kind !== 'base' && can(me, 'registration.review'),
  organisations: (me: Me) => me.org.kind !== 'base' && can(me, 'org.view'),
  admins: (me: Me) => me.isSuperAdmin,
  roles: (me: Me) => me.isSuperAdmin,
  workDepartments: (me: Me) => me.org.kind === 'unit' && can(me, 'workdept.manage'),
  audit: (me: Me) => me.org.kind === 'hrss' && can(me, 'audit.view'),
  // 单位资料管理: every organisation's own data; its super admin asks for changes there.
  orgProfile: () => true,
  orgChanges: (me: Me) => me.org.kind !== 'base' && can(me, 'registration.review'),
  orgMerge: (me: Me) => isProvinceBureau(me.org) && can(me, 'org.merge'),
  seal: (me: Me) => isIssuingBureau(me.org) && can(me, 'seal.manage'),
  sealApplications: (me: Me) => isProvinceBureau(me.org) && can(me, 'seal.manage'),
  adminFilings: (me: Me) => mayFileAdmins(me.org) && can(me, 'seal.manage'),
  // Professionals: the person's own unit decides; every level above looks them up.
  professionalRegistrations: (me: Me) => me.org.kind === 'unit' && can(me, 'person.review'),
  professionalChanges: (me: Me) => me.org.kind === 'unit' && can(me, 'person.review'),
  transfers: (me: Me) => me.org.kind === 'unit' && can(me, 'person.review'),
  professionals: (me: Me) => me.org.kind !== 'base' && (can(me, 'person.manage') || can(me, 'person.review')),
  // Certificates: bureaus, departments and units query certificates in their subtree;
  // hour reviewers of an organisation on the person's review chain transfer in paper-certificate hours.
  certificates: (me: Me) => me.org.kind !== 'base' && can(me, 'certificate.query'),
  historicalHours: (me: Me) => me.org.kind !== 'base' && can(me, 'declaration.review'),
  // Hour declarations: every level of the chain reviews; bureaus sample; the province sets the rules.
  declarations: (me: Me) => me.org.kind !== 'base' && (can(me, 'declaration.review') || can(me, 'declaration.sampling')),
  // 批量申报: unit and department admins who review hours declare for their people in bulk.
  declarationBatches: (me: Me) => (me.org.kind === 'unit' || me.org.kind === 'department') && can(me, 'declaration.review'),
  // 继续教育基地申报: a base runs its classes; every level of a trainee's chain reviews in 继教基地学时审核.
  baseClasses: (me: Me) => me.org.kind === 'base' && can(me, 'base.declare'),
  baseDeclarations: (me: Me) => me.org.kind !== 'base' && can(me, 'declaration.review'),
  declarationSettings: (me: Me) => isProvinceBureau(me.org) && can(me, 'declaration.settings'),
  declarationOpenings: (me: Me) => me.org.kind === 'hrss' && can(me, 'declaration.settings'),
  sampling: (me: Me) => me.org.kind === 'hrss' && can(me, 'declaration.sampling'),
  // 单位培训计划: units and departments file theirs; departments and bureaus review them.
  trainingPlans: (me: Me) => (me.org.kind === 'unit' || me.org.kind === 'department') && can(me, 'declaration.review'),
  trainingPlanReview: (me: Me) => (me.org.kind === 'department' || me.org.kind === 'hrss') && can(me, 'declaration.review'),
  // 查询统计: every admin over their own subtree.
  statistics: (me: Me) => me.org.kind !== 'base' && can(me, 'statistics.view'),
  // Portal content: bureaus and departments publish notices; every level answers questions.
  notices: (me: Me) => (me.org.kind === 'hrss' || me.org.kind === 'department') && can(me, 'portal.publish'),
  consultations: (me: Me) => me.org.kind !== 'base' && can(me, 'consultation.answer'),
  // 账号安全 (issue 9 item 7): every admin's own second factor and recovery codes.
  accountSecurity: () => true,
  // Online learning platforms: a base's super admin registers its own; bureaus approve and review held records.
  learningPlatforms: (me: Me) => me.org.kind === 'base' && me.isSuperAdmin,
  platformApproval: (me: Me) => me.org.kind === 'hrss' && (can(me, 'registration.review') || can(me, 'declaration.review')),
  platformHeldRecords: (me: Me) => me.org.kind === 'hrss' && can(me, 'declaration.review'),
} satisfies Record<string, (me: Me) => boolean>;

/** What an admin may do to a professional from the people list (the server checks again). */
export const professionalActions = {
  /** 人员调出: the person's own unit. */
  transferOut: (me: Me) => me.org.kind === 'unit' && can(me, 'person.manage'),
  /** 注销归档 / 恢复: HRSS bureaus. */
  archive: (me: Me) => me.org.kind === 'hrss' && can(me, 'person.manage'),
  resetPassword: (me: Me) => can(me, 'account.reset'),
};
export type AdminPage = keyof typeof pageAllowed;
