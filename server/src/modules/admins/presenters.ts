/** 管理员与角色's rows → the answers of shared/src/endpoints/admins.ts. */
import { maskIdNumber, maskPhone, type AdminAccount, type AdminRoleDto } from '@ce/shared';
import type { adminsOfOrg, rolesOfOrg, workDepartmentScopesOf } from './repo';

type AdminRow = Awaited<ReturnType<typeof adminsOfOrg>>[number];
type ScopeRow = Awaited<ReturnType<typeof workDepartmentScopesOf>>[number];
type RoleRow = Awaited<ReturnType<typeof rolesOfOrg>>[number];

/** `scopes`: the 工作部门 each listed admin is limited to; `mfaEnrolled`: whether they set up 动态口令. */
export function toAdminAccount({ account, person, roleName }: AdminRow, scopes: ScopeRow[], mfaEnrolled: boolean): AdminAccount {
  return {
    accountId: account.id,
    name: person.name,
    idNumberMasked: maskIdNumber(person.idNumber),
    phoneMasked: person.phone ? maskPhone(person.phone) : null,
    email: person.email,
    status: account.status,
    isSuperAdmin: account.isSuperAdmin,
    adminRoleId: account.adminRoleId,
    adminRoleName: account.isSuperAdmin ? '超级管理员' : roleName,
    workDepartments: scopes.filter((s) => s.accountId === account.id).map((s) => ({ id: s.id, name: s.name })),
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    mfaEnrolled,
  };
}

export const toRole = (r: RoleRow): AdminRoleDto => ({ id: r.role.id, name: r.role.name, permissions: r.role.permissions, adminCount: r.adminCount });

/** The answers of actions that return no record: done, with what the admin should know. */
export const done = () => ({ ok: true as const });
export const doneWith = (message: string) => ({ ok: true as const, message });
