import type { Permission } from '@ce/shared';
import type { Me } from '../../api/types';

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
} satisfies Record<string, (me: Me) => boolean>;
export type AdminPage = keyof typeof pageAllowed;
