/** The admins module's queries: admin accounts, their roles and work-department scopes, work departments. */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { OrgKind, Permission } from '@ce/shared';
import { personColumns } from '../../db/pii';
import { schema, type Queryable } from '../../db';

// ------------------------------------------------------------------ admin accounts

/** An organisation's admin accounts (active, pending, disabled) with their person and role name. */
export function adminsOfOrg(q: Queryable, org: { id: number; kind: OrgKind }) {
  return q
    .select({ account: schema.accounts, person: personColumns, roleName: schema.adminRoles.name })
    .from(schema.accounts)
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .leftJoin(schema.adminRoles, eq(schema.adminRoles.id, schema.accounts.adminRoleId))
    .where(and(eq(schema.accounts.orgId, org.id), eq(schema.accounts.role, org.kind), inArray(schema.accounts.status, ['active', 'pending', 'disabled'])))
    .orderBy(asc(schema.accounts.id));
}

/** The work departments each of these admin accounts is limited to. */
export async function workDepartmentScopesOf(q: Queryable, accountIds: number[]) {
  if (accountIds.length === 0) return [];
  return q
    .select({ accountId: schema.adminWorkDepartmentScopes.accountId, id: schema.workDepartments.id, name: schema.workDepartments.name })
    .from(schema.adminWorkDepartmentScopes)
    .innerJoin(schema.workDepartments, eq(schema.workDepartments.id, schema.adminWorkDepartmentScopes.workDepartmentId))
    .where(inArray(schema.adminWorkDepartmentScopes.accountId, accountIds));
}

export async function adminAccountInOrg(q: Queryable, accountId: number) {
  const [row] = await q
    .select({ account: schema.accounts, org: schema.organisations })
    .from(schema.accounts)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.accounts.orgId))
    .where(eq(schema.accounts.id, accountId));
  return row;
}

export async function countActiveAdmins(q: Queryable, org: { id: number; kind: OrgKind }): Promise<number> {
  const [{ n }] = (await q
    .select({ n: count() })
    .from(schema.accounts)
    .where(and(eq(schema.accounts.orgId, org.id), eq(schema.accounts.role, org.kind), eq(schema.accounts.status, 'active')))) as [{ n: number }];
  return n;
}

export async function insertAdminAccount(q: Queryable, values: typeof schema.accounts.$inferInsert) {
  const [account] = await q.insert(schema.accounts).values(values).returning();
  return account!;
}

export async function setAdminRole(q: Queryable, accountId: number, adminRoleId: number | null, version: number) {
  await q.update(schema.accounts).set({ adminRoleId, version }).where(eq(schema.accounts.id, accountId));
}

/** Replaces an admin's work-department scopes (none: the admin sees the whole organisation). */
export async function replaceWorkDepartmentScopes(q: Queryable, accountId: number, workDepartmentIds: number[]) {
  await q.delete(schema.adminWorkDepartmentScopes).where(eq(schema.adminWorkDepartmentScopes.accountId, accountId));
  await addWorkDepartmentScopes(q, accountId, workDepartmentIds);
}

export async function addWorkDepartmentScopes(q: Queryable, accountId: number, workDepartmentIds: number[]) {
  if (workDepartmentIds.length) {
    await q.insert(schema.adminWorkDepartmentScopes).values(workDepartmentIds.map((w) => ({ accountId, workDepartmentId: w })));
  }
}

/**
 * Takes the super-admin flag from `accountId`, guarded on it still holding it: keeping `keepRole`
 * when given, else removing the account. False when another handover got there first.
 */
export async function demoteSuperAdmin(q: Queryable, accountId: number, keepRole: number | null) {
  const demoted = await q
    .update(schema.accounts)
    .set(keepRole != null ? { isSuperAdmin: false, adminRoleId: keepRole } : { isSuperAdmin: false, adminRoleId: null, status: 'removed' })
    .where(and(eq(schema.accounts.id, accountId), eq(schema.accounts.isSuperAdmin, true)))
    .returning({ id: schema.accounts.id });
  return demoted.length > 0;
}

export async function promoteSuperAdmin(q: Queryable, accountId: number) {
  await q.update(schema.accounts).set({ isSuperAdmin: true, adminRoleId: null }).where(eq(schema.accounts.id, accountId));
  await q.delete(schema.adminWorkDepartmentScopes).where(eq(schema.adminWorkDepartmentScopes.accountId, accountId));
}

// ------------------------------------------------------------------ roles

export async function findRoleInOrg(q: Queryable, orgId: number, roleId: number) {
  const [role] = await q.select().from(schema.adminRoles).where(and(eq(schema.adminRoles.id, roleId), eq(schema.adminRoles.orgId, orgId)));
  return role;
}

/** An organisation's roles, each with how many active admins hold it. */
export function rolesOfOrg(q: Queryable, orgId: number) {
  return q
    .select({ role: schema.adminRoles, adminCount: count(schema.accounts.id) })
    .from(schema.adminRoles)
    .leftJoin(schema.accounts, and(eq(schema.accounts.adminRoleId, schema.adminRoles.id), eq(schema.accounts.status, 'active')))
    .where(eq(schema.adminRoles.orgId, orgId))
    .groupBy(schema.adminRoles.id)
    .orderBy(asc(schema.adminRoles.id));
}

export async function insertRole(q: Queryable, values: { orgId: number; name: string; permissions: Permission[] }) {
  const [row] = await q.insert(schema.adminRoles).values(values).returning();
  return row!;
}

/** False when no such role in that organisation. */
export async function updateRole(q: Queryable, orgId: number, roleId: number, values: { name: string; permissions: Permission[] }) {
  const updated = await q
    .update(schema.adminRoles)
    .set(values)
    .where(and(eq(schema.adminRoles.id, roleId), eq(schema.adminRoles.orgId, orgId)))
    .returning();
  return updated.length > 0;
}

export async function countActiveAdminsWithRole(q: Queryable, roleId: number): Promise<number> {
  const [inUse] = await q
    .select({ n: count() })
    .from(schema.accounts)
    .where(and(eq(schema.accounts.adminRoleId, roleId), eq(schema.accounts.status, 'active')));
  return inUse?.n ?? 0;
}

/** The deleted role, or undefined when no such role in that organisation. */
export async function deleteRoleInOrg(q: Queryable, orgId: number, roleId: number) {
  const [deleted] = await q
    .delete(schema.adminRoles)
    .where(and(eq(schema.adminRoles.id, roleId), eq(schema.adminRoles.orgId, orgId)))
    .returning();
  return deleted;
}

// ------------------------------------------------------------------ 工作部门

/** How many of these ids are work departments of the organisation. */
export async function countWorkDepartmentsInOrg(q: Queryable, orgId: number, workDepartmentIds: number[]) {
  const found = await q
    .select({ id: schema.workDepartments.id })
    .from(schema.workDepartments)
    .where(and(eq(schema.workDepartments.orgId, orgId), inArray(schema.workDepartments.id, workDepartmentIds)));
  return found.length;
}

export function workDepartmentsOfOrg(q: Queryable, orgId: number) {
  return q
    .select({ id: schema.workDepartments.id, name: schema.workDepartments.name })
    .from(schema.workDepartments)
    .where(eq(schema.workDepartments.orgId, orgId))
    .orderBy(asc(schema.workDepartments.id));
}

export async function insertWorkDepartment(q: Queryable, values: { orgId: number; name: string; createdAt: Date }) {
  const [row] = await q.insert(schema.workDepartments).values(values).returning();
  return row!;
}

/** People (pending, active, archived) still placed in the work department. */
export async function countWorkDepartmentMembers(q: Queryable, workDepartmentId: number): Promise<number> {
  const [members] = await q
    .select({ n: count() })
    .from(schema.accounts)
    .where(and(eq(schema.accounts.workDepartmentId, workDepartmentId), inArray(schema.accounts.status, ['pending', 'active', 'archived'])));
  return members?.n ?? 0;
}

/** Deletes the work department and the admin scopes naming it; undefined when no such department in that organisation. */
export async function deleteWorkDepartmentInOrg(q: Queryable, orgId: number, workDepartmentId: number) {
  const [deleted] = await q
    .delete(schema.workDepartments)
    .where(and(eq(schema.workDepartments.id, workDepartmentId), eq(schema.workDepartments.orgId, orgId)))
    .returning();
  if (!deleted) return undefined;
  await q.delete(schema.adminWorkDepartmentScopes).where(eq(schema.adminWorkDepartmentScopes.workDepartmentId, workDepartmentId));
  return deleted;
}
