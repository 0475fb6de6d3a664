import {
  ORG_KIND_LABELS,
  PERMISSIONS,
  permissionsForOrg,
  type AdminAccount,
  type AdminRoleDto,
  type Permission,
} from '@ce/shared';
import type { Queryable } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess, type AccountTarget } from '../../access/access';
import { AppError, alreadyHandled, isUniqueViolation } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { findOrg, type OrgRow } from '../organisations/repo';
import { personForNewAccount } from '../auth/persons';
import { findPersonById } from '../auth/repo';
import { hashPassword, resetPasswordFor, verifyPassword } from '../auth/passwords';
import { deletePersonSessions } from '../auth/sessions';
import { setPassword } from '../auth/repo';
import { enrolledPersonIds } from '../auth/mfa';
import {
  adminAccountInOrg,
  adminsOfOrg,
  addWorkDepartmentScopes,
  countActiveAdmins,
  countActiveAdminsWithRole,
  countWorkDepartmentMembers,
  countWorkDepartmentsInOrg,
  deleteRoleInOrg,
  deleteWorkDepartmentInOrg,
  demoteSuperAdmin,
  findRoleInOrg,
  insertAdminAccount,
  insertRole,
  insertWorkDepartment,
  promoteSuperAdmin,
  replaceWorkDepartmentScopes,
  rolesOfOrg,
  setAdminRole,
  updateRole,
  workDepartmentScopesOf,
  workDepartmentsOfOrg,
} from './repo';
import { toAdminAccount, toRole } from './presenters';

const outOfScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

async function orgOrNotFound(q: Queryable, orgId: number): Promise<OrgRow> {
  const org = await findOrg(q, orgId);
  if (!org) throw outOfScope();
  return org;
}

// ------------------------------------------------------------------ admins

export async function listAdmins(deps: Deps, actor: Actor, orgId: number): Promise<AdminAccount[]> {
  const org = await orgOrNotFound(deps.db, orgId);
  requireAccess(actor, { action: 'admins.read', org });
  const rows = await adminsOfOrg(deps.db, org);
  const scopes = await workDepartmentScopesOf(deps.db, rows.map((r) => r.account.id));
  const enrolled = await enrolledPersonIds(deps.db, rows.map((r) => r.person.id));
  return rows.map((row) => toAdminAccount(row, scopes, enrolled.has(row.person.id)));
}

async function checkRoleAndScope(q: Queryable, org: OrgRow, adminRoleId: number | null, workDepartmentIds: number[]) {
  if (adminRoleId != null) {
    const role = await findRoleInOrg(q, org.id, adminRoleId);
    if (!role) throw new AppError('VALIDATION', '所选角色不存在');
  }
  if (workDepartmentIds.length > 0) {
    if (org.kind !== 'unit') throw new AppError('VALIDATION', '只有用人单位的管理员可以限定工作部门');
    const found = await countWorkDepartmentsInOrg(q, org.id, workDepartmentIds);
    if (found !== new Set(workDepartmentIds).size) throw new AppError('VALIDATION', '所选工作部门不存在');
  }
}

/**
 * Adds an admin to an organisation: the super admin for their own organisation, or an HRSS bureau
 * for the bureau below it. A new person's initial password is the last six characters of the ID
 * number and must be changed at first login; an existing user keeps their password.
 */
export async function createAdmin(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  orgId: number,
  input: { idNumber: string; name: string; phone: string; email: string; adminRoleId: number | null; workDepartmentIds: number[] },
) {
  return deps.db.transaction(async (tx) => {
    const org = await orgOrNotFound(tx, orgId);
    requireAccess(actor, { action: 'admins.manage', org });
    if (org.status !== 'active') throw new AppError('CONFLICT', '该机构尚未通过审核，不能添加管理员');
    await checkRoleAndScope(tx, org, input.adminRoleId, input.workDepartmentIds);
    const { personId, existingUser } = await personForNewAccount(tx, { ...input, password: null, role: org.kind, now: meta.now });
    // The first admin of an organisation (e.g. a bureau set up from above) becomes its super admin.
    const isSuperAdmin = (await countActiveAdmins(tx, org)) === 0;
    const account = await insertAdminAccount(tx, {
      personId,
      role: org.kind,
      orgId: org.id,
      orgPath: org.path,
      status: 'active',
      isSuperAdmin,
      adminRoleId: isSuperAdmin ? null : input.adminRoleId,
      createdAt: meta.now,
      reviewedAt: meta.now,
      reviewedByAccountId: actor.accountId,
    });
    if (!isSuperAdmin) await addWorkDepartmentScopes(tx, account.id, input.workDepartmentIds);
    await writeAudit(tx, { actor, meta }, {
      action: 'admin.create',
      objectType: 'account',
      objectId: account.id,
      scopePath: org.path,
      detail: { org: org.name, name: input.name, superAdmin: isSuperAdmin },
    });
    return {
      accountId: account.id,
      message: existingUser
        ? '管理员已添加；该人员已是本系统用户，使用原密码登录'
        : `管理员已添加${isSuperAdmin ? '（超级管理员）' : ''}；初始密码为身份证号后六位，首次登录须修改密码`,
    };
  });
}

export async function updateAdmin(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  accountId: number,
  input: { adminRoleId: number | null; workDepartmentIds: number[] },
) {
  await deps.db.transaction(async (tx) => {
    const row = await adminAccountInOrg(tx, accountId);
    if (!row || row.account.role === 'professional') throw outOfScope();
    requireAccess(actor, { action: 'admins.manage', org: row.org });
    if (row.account.isSuperAdmin) throw new AppError('VALIDATION', '超级管理员拥有全部权限，无需设置角色');
    await checkRoleAndScope(tx, row.org, input.adminRoleId, input.workDepartmentIds);
    await setAdminRole(tx, accountId, input.adminRoleId, row.account.version + 1);
    await replaceWorkDepartmentScopes(tx, accountId, input.workDepartmentIds);
    await writeAudit(tx, { actor, meta }, {
      action: 'admin.update',
      objectType: 'account',
      objectId: accountId,
      scopePath: row.org.path,
      detail: { adminRoleId: input.adminRoleId, workDepartmentIds: input.workDepartmentIds },
    });
  });
}

/**
 * Hands the super-admin role of the actor's organisation to another of its admins. The
 * previous super admin keeps no rights (FAQ "更换超管后不保留原超管账号"): their admin account is
 * removed, unless the handover names a role for them to keep working with.
 */
export async function handOverSuperAdmin(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: { toAccountId: number; password: string; previousRoleId?: number | null },
) {
  const me = await findPersonById(deps.db, actor.personId);
  if (!me || !(await verifyPassword(me.passwordHash, input.password))) throw new AppError('WRONG_PASSWORD', '密码错误');
  await deps.db.transaction(async (tx) => {
    const target = await adminAccountInOrg(tx, input.toAccountId);
    if (!target || target.org.id !== actor.org.id || target.account.role !== actor.role) throw outOfScope();
    requireAccess(actor, { action: 'admins.manage', org: target.org });
    if (target.account.status !== 'active') throw new AppError('VALIDATION', '只能移交给状态正常的管理员');
    if (target.account.id === actor.accountId) throw new AppError('VALIDATION', '您已经是超级管理员');
    const keepRole = input.previousRoleId ?? null;
    if (keepRole != null) await checkRoleAndScope(tx, target.org, keepRole, []);
    if (!(await demoteSuperAdmin(tx, actor.accountId, keepRole))) throw alreadyHandled();
    await promoteSuperAdmin(tx, target.account.id);
    await writeAudit(tx, { actor, meta }, {
      action: 'admin.handover',
      objectType: 'account',
      objectId: target.account.id,
      scopePath: target.org.path,
      detail: { org: target.org.name, previous: actor.name, previousKeeps: keepRole != null ? 'role' : 'nothing' },
    });
  });
  return {
    message: input.previousRoleId != null ? '超级管理员已移交，您将以所选角色继续使用' : '超级管理员已移交，您的管理员账号已移除',
  };
}

/** Admin reset: the password becomes the last six characters of the ID number, to be changed at next login. */
export async function resetAccountPassword(deps: Deps, meta: RequestMeta, actor: Actor, accountId: number) {
  const row = await adminAccountInOrg(deps.db, accountId);
  if (!row) throw outOfScope();
  const target: AccountTarget = {
    accountId: row.account.id,
    org: row.org,
    isAdmin: row.account.role !== 'professional',
    isSuperAdmin: row.account.isSuperAdmin,
    workDepartmentId: row.account.role === 'professional' ? row.account.workDepartmentId : null,
  };
  requireAccess(actor, { action: 'account.resetPassword', account: target });
  const person = (await findPersonById(deps.db, row.account.personId))!;
  const passwordHash = await hashPassword(resetPasswordFor(person.idNumber));
  await deps.db.transaction(async (tx) => {
    await setPassword(tx, person.id, passwordHash, { mustChange: true, now: meta.now });
    await deletePersonSessions(tx, person.id);
    await writeAudit(tx, { actor, meta }, {
      action: 'account.resetPassword',
      objectType: 'account',
      objectId: accountId,
      scopePath: row.org.path,
      detail: { name: person.name },
    });
  });
  return { message: `已将 ${person.name} 的密码重置为身份证号后六位，下次登录须修改密码` };
}

// ------------------------------------------------------------------ roles

export async function listRoles(deps: Deps, actor: Actor, orgId: number): Promise<AdminRoleDto[]> {
  const org = await orgOrNotFound(deps.db, orgId);
  requireAccess(actor, { action: 'roles.manage', org });
  const rows = await rolesOfOrg(deps.db, org.id);
  return rows.map(toRole);
}

const roleNameTaken = () => new AppError('CONFLICT', '已存在同名角色');

export async function saveRole(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  orgId: number,
  roleId: number | null,
  input: { name: string; permissions: Permission[] },
) {
  const org = await orgOrNotFound(deps.db, orgId);
  requireAccess(actor, { action: 'roles.manage', org });
  const permissions = [...new Set(input.permissions)];
  const allowed = permissionsForOrg(org);
  const misfit = permissions.filter((p) => !allowed.includes(p));
  if (misfit.length) {
    throw new AppError('VALIDATION', `以下权限不适用于${ORG_KIND_LABELS[org.kind]}：${misfit.map((p) => PERMISSIONS[p]).join('、')}`);
  }
  try {
    return await deps.db.transaction(async (tx) => {
      let id = roleId;
      if (id == null) {
        id = (await insertRole(tx, { orgId: org.id, name: input.name, permissions })).id;
      } else {
        if (!(await updateRole(tx, org.id, id, { name: input.name, permissions }))) throw outOfScope();
      }
      await writeAudit(tx, { actor, meta }, {
        action: roleId == null ? 'role.create' : 'role.update',
        objectType: 'adminRole',
        objectId: id,
        detail: { name: input.name, permissions },
      });
      return { id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw roleNameTaken();
    throw err;
  }
}

export async function deleteRole(deps: Deps, meta: RequestMeta, actor: Actor, orgId: number, roleId: number) {
  const org = await orgOrNotFound(deps.db, orgId);
  requireAccess(actor, { action: 'roles.manage', org });
  await deps.db.transaction(async (tx) => {
    if ((await countActiveAdminsWithRole(tx, roleId)) > 0) throw new AppError('CONFLICT', '仍有管理员使用该角色，请先为他们更换角色');
    const deleted = await deleteRoleInOrg(tx, org.id, roleId);
    if (!deleted) throw outOfScope();
    await writeAudit(tx, { actor, meta }, { action: 'role.delete', objectType: 'adminRole', objectId: roleId, detail: { name: deleted.name } });
  });
}

// ------------------------------------------------------------------ 工作部门

export async function listWorkDepartments(deps: Deps, orgId: number) {
  return workDepartmentsOfOrg(deps.db, orgId);
}

export async function createWorkDepartment(deps: Deps, meta: RequestMeta, actor: Actor, orgId: number, name: string) {
  const org = await orgOrNotFound(deps.db, orgId);
  requireAccess(actor, { action: 'workdepts.manage', org });
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await insertWorkDepartment(tx, { orgId: org.id, name, createdAt: meta.now });
      await writeAudit(tx, { actor, meta }, { action: 'workdept.create', objectType: 'workDepartment', objectId: row.id, detail: { name } });
      return { id: row.id, name: row.name };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '已存在同名工作部门');
    throw err;
  }
}

export async function deleteWorkDepartment(deps: Deps, meta: RequestMeta, actor: Actor, orgId: number, workDepartmentId: number) {
  const org = await orgOrNotFound(deps.db, orgId);
  requireAccess(actor, { action: 'workdepts.manage', org });
  await deps.db.transaction(async (tx) => {
    if ((await countWorkDepartmentMembers(tx, workDepartmentId)) > 0) throw new AppError('CONFLICT', '该工作部门下仍有人员，不能删除');
    const deleted = await deleteWorkDepartmentInOrg(tx, org.id, workDepartmentId);
    if (!deleted) throw outOfScope();
    await writeAudit(tx, { actor, meta }, { action: 'workdept.delete', objectType: 'workDepartment', objectId: workDepartmentId, detail: { name: deleted.name } });
  });
}
