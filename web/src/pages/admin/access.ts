import type { Permission } from '@ce/shared';
import type { Me } from '../../api/types';
import { isIssuingBureau, isProvinceBureau, mayFileAdmins } from '../../lib/certificates';

/** A super admin holds every permission; others hold their role's. */
export const can = (me: Me, permission: Permission) => me.isSuperAdmin || me.permissions.includes(permission);

/** Which console pages an admin may open (the server checks again on every call). */
export const pageAllowed = {
  dashboard: () => true,
  registrations: (me: Me) => can(me, 'registration.review'),
  organisations: (me: Me) => can(me, 'org.view'),
  admins: (me: Me) => me.isSuperAdmin,
  roles: (me: Me) => me.isSuperAdmin,
  workDepartments: (me: Me) => me.org.kind === 'unit' && can(me, 'workdept.manage'),
  audit: (me: Me) => me.org.kind === 'hrss' && can(me, 'audit.view'),
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
  declarationSettings: (me: Me) => isProvinceBureau(me.org) && can(me, 'declaration.settings'),
  declarationOpenings: (me: Me) => me.org.kind === 'hrss' && can(me, 'declaration.settings'),
  sampling: (me: Me) => me.org.kind === 'hrss' && can(me, 'declaration.sampling'),
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
