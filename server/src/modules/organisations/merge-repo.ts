/** Queries of 单位合并 and of "is anything of this organisation still pending". */
import { and, count, eq, inArray, like, ne, or, sql } from 'drizzle-orm';
import type { AccountRole, Permission } from '@ce/shared';
import { schema, type Queryable } from '../../db';
import { escapeLike, type OrgRow } from './repo';

const subtreeIds = (org: OrgRow) =>
  sql`(select id from organisations where path like ${`${escapeLike(org.path)}%`})`;

const exists = async (q: Queryable, query: Promise<{ n: number }[]>) => ((await query)[0]?.n ?? 0) > 0;

/**
 * Organisation-level work still open in `org`'s subtree, as Chinese reasons (empty: none):
 * registrations, transfers, declarations waiting for its review or of its people, sampling
 * re-checks, organisation changes.
 */
export async function pendingWorkOfOrgSubtree(q: Queryable, org: OrgRow): Promise<string[]> {
  const reasons: string[] = [];
  const a = schema.accounts;
  const o = schema.organisations;
  const d = schema.declarations;
  const t = schema.professionalTransfers;
  const c = schema.orgChanges;
  const inTree = (col: unknown) => sql`${col} in ${subtreeIds(org)}`;
  if (await exists(q, q.select({ n: count() }).from(a).where(and(inTree(a.orgId), eq(a.status, 'pending')))))
    reasons.push('有待审核的注册申请');
  if (await exists(q, q.select({ n: count() }).from(o).where(and(like(o.path, `${escapeLike(org.path)}%`), eq(o.status, 'pending')))))
    reasons.push('有待审核的下级机构注册');
  if (
    await exists(
      q,
      q.select({ n: count() }).from(t).where(and(inArray(t.status, ['pending_out', 'pending_in']), or(inTree(t.fromOrgId), inTree(t.toOrgId)))),
    )
  )
    reasons.push('有办理中的单位调转');
  if (await exists(q, q.select({ n: count() }).from(d).where(and(eq(d.status, 'pending'), inTree(d.currentReviewerOrgId)))))
    reasons.push('有待本单位审核的学时申报');
  if (await exists(q, q.select({ n: count() }).from(d).where(and(eq(d.status, 'pending'), like(d.unitPath, `${escapeLike(org.path)}%`)))))
    reasons.push('本单位人员有审核中的学时申报');
  const si = schema.declarationSampleItems;
  if (
    await exists(
      q,
      q
        .select({ n: count() })
        .from(si)
        .innerJoin(d, eq(d.id, si.declarationId))
        .where(and(eq(si.outcome, 'pending'), like(d.unitPath, `${escapeLike(org.path)}%`))),
    )
  )
    reasons.push('有抽查审验中的学时记录');
  if (
    await exists(
      q,
      q
        .select({ n: count() })
        .from(c)
        .where(and(eq(c.status, 'pending'), or(inTree(c.orgId), inTree(c.oldParentId), inTree(c.newParentId)))),
    )
  )
    reasons.push('有审核中的单位变更申请');
  return reasons;
}

/** The people (persons) holding a professional account in `org`'s subtree that is not closed. */
export async function professionalPersonsOfSubtree(q: Queryable, org: OrgRow): Promise<number[]> {
  const rows = await q
    .selectDistinct({ personId: schema.accounts.personId })
    .from(schema.accounts)
    .where(
      and(
        sql`${schema.accounts.orgId} in ${subtreeIds(org)}`,
        eq(schema.accounts.role, 'professional'),
        inArray(schema.accounts.status, ['pending', 'active', 'archived']),
      ),
    );
  return rows.map((r) => r.personId);
}

export async function mergeCounts(q: Queryable, org: OrgRow) {
  const a = schema.accounts;
  const [professionals] = await q
    .select({ n: count() })
    .from(a)
    .where(and(eq(a.orgId, org.id), eq(a.role, 'professional'), inArray(a.status, ['active', 'archived'])));
  const [admins] = await q
    .select({ n: count() })
    .from(a)
    .where(and(eq(a.orgId, org.id), ne(a.role, 'professional'), inArray(a.status, ['active', 'disabled'])));
  const [children] = await q
    .select({ n: count() })
    .from(schema.organisations)
    .where(and(eq(schema.organisations.parentId, org.id), inArray(schema.organisations.status, ['active', 'pending'])));
  const [workDepartments] = await q.select({ n: count() }).from(schema.workDepartments).where(eq(schema.workDepartments.orgId, org.id));
  const [declarations] = await q.select({ n: count() }).from(schema.declarations).where(eq(schema.declarations.unitId, org.id));
  return {
    professionals: professionals?.n ?? 0,
    admins: admins?.n ?? 0,
    childOrganisations: children?.n ?? 0,
    workDepartments: workDepartments?.n ?? 0,
    declarations: declarations?.n ?? 0,
  };
}

/** Archives `from` (guarded: only while active and at the version read); false when it moved on. */
export async function archiveMergedOrg(q: Queryable, from: OrgRow): Promise<boolean> {
  const rows = await q
    .update(schema.organisations)
    .set({ status: 'archived', version: from.version + 1 })
    .where(and(eq(schema.organisations.id, from.id), eq(schema.organisations.status, 'active'), eq(schema.organisations.version, from.version)))
    .returning({ id: schema.organisations.id });
  return rows.length > 0;
}

export function activeChildren(q: Queryable, orgId: number) {
  return q
    .select()
    .from(schema.organisations)
    .where(and(eq(schema.organisations.parentId, orgId), inArray(schema.organisations.status, ['active', 'pending'])));
}

/**
 * Moves the 工作部门 of `from` to `into`; one whose name `into` already has is folded into that one
 * (people and admin scopes follow). Returns how many were moved or folded.
 */
export async function moveWorkDepartments(q: Queryable, from: OrgRow, into: OrgRow): Promise<void> {
  const w = schema.workDepartments;
  const mine = await q.select().from(w).where(eq(w.orgId, from.id));
  const theirs = new Map((await q.select().from(w).where(eq(w.orgId, into.id))).map((r) => [r.name, r.id]));
  for (const dept of mine) {
    const same = theirs.get(dept.name);
    if (same === undefined) {
      await q.update(w).set({ orgId: into.id }).where(eq(w.id, dept.id));
      continue;
    }
    await q.update(schema.accounts).set({ workDepartmentId: same }).where(eq(schema.accounts.workDepartmentId, dept.id));
    await q.update(schema.declarations).set({ workDepartmentId: same }).where(eq(schema.declarations.workDepartmentId, dept.id));
    await q
      .update(schema.professionalTransfers)
      .set({ toWorkDepartmentId: same })
      .where(eq(schema.professionalTransfers.toWorkDepartmentId, dept.id));
    // An admin scoped to both keeps one row.
    await q.execute(sql`
      update admin_work_department_scopes s set work_department_id = ${same}
      where s.work_department_id = ${dept.id}
        and not exists (select 1 from admin_work_department_scopes x where x.account_id = s.account_id and x.work_department_id = ${same})`);
    await q.delete(schema.adminWorkDepartmentScopes).where(eq(schema.adminWorkDepartmentScopes.workDepartmentId, dept.id));
    await q.delete(w).where(eq(w.id, dept.id));
  }
}

/** Professionals' accounts and their records (declarations, past-year openings) go to `into`. */
export async function moveProfessionalsAndRecords(q: Queryable, from: OrgRow, into: OrgRow) {
  const moved = await q
    .update(schema.accounts)
    .set({ orgId: into.id, orgPath: into.path, version: sql`${schema.accounts.version} + 1` })
    .where(and(eq(schema.accounts.orgId, from.id), eq(schema.accounts.role, 'professional')))
    .returning({ id: schema.accounts.id, status: schema.accounts.status });
  const declarations = await q
    .update(schema.declarations)
    .set({ unitId: into.id, unitPath: into.path })
    .where(eq(schema.declarations.unitId, from.id))
    .returning({ id: schema.declarations.id });
  await q
    .update(schema.declarationYearOpenings)
    .set({ unitId: into.id, scopePath: into.path })
    .where(eq(schema.declarationYearOpenings.unitId, from.id));
  return { professionals: moved.filter((m) => m.status === 'active' || m.status === 'archived').length, declarations: declarations.length };
}

/** The roles of `from` move to `into`, renamed on a clash and kept to the permissions `into` can use. */
export async function moveAdminRoles(q: Queryable, from: OrgRow, into: OrgRow, allowed: readonly Permission[]) {
  const r = schema.adminRoles;
  const taken = new Set((await q.select({ name: r.name }).from(r).where(eq(r.orgId, into.id))).map((x) => x.name));
  for (const role of await q.select().from(r).where(eq(r.orgId, from.id))) {
    let name = role.name;
    for (let i = 1; taken.has(name); i++) name = `${role.name}（原${from.name}${i > 1 ? i : ''}）`;
    taken.add(name);
    await q
      .update(r)
      .set({ orgId: into.id, name, permissions: role.permissions.filter((p) => allowed.includes(p)) })
      .where(eq(r.id, role.id));
  }
}

/**
 * The admins of `from` become admins of `into` (never its super admin: `into` keeps its own). When
 * the kinds differ the account takes `into`'s role; a person already holding that role elsewhere
 * keeps that account and this one is removed. Returns the moved account ids.
 */
export async function moveAdmins(q: Queryable, from: OrgRow, into: OrgRow): Promise<{ moved: number[]; removed: number[] }> {
  const a = schema.accounts;
  const admins = await q
    .select()
    .from(a)
    .where(and(eq(a.orgId, from.id), eq(a.role, from.kind as AccountRole), inArray(a.status, ['active', 'disabled', 'pending'])));
  const moved: number[] = [];
  const removed: number[] = [];
  for (const admin of admins) {
    if (from.kind !== into.kind) {
      const [other] = await q
        .select({ id: a.id })
        .from(a)
        .where(and(eq(a.personId, admin.personId), eq(a.role, into.kind as AccountRole), inArray(a.status, ['pending', 'active', 'archived', 'disabled'])));
      if (other) {
        await q.update(a).set({ status: 'removed', version: admin.version + 1 }).where(eq(a.id, admin.id));
        removed.push(admin.id);
        continue;
      }
    }
    await q
      .update(a)
      .set({ orgId: into.id, orgPath: into.path, role: into.kind as AccountRole, isSuperAdmin: false, version: admin.version + 1 })
      .where(eq(a.id, admin.id));
    moved.push(admin.id);
  }
  if (into.kind !== 'unit' && moved.length) {
    await q.delete(schema.adminWorkDepartmentScopes).where(inArray(schema.adminWorkDepartmentScopes.accountId, moved));
  }
  return { moved, removed };
}

export async function deleteSessionsOfAccounts(q: Queryable, accountIds: number[]) {
  if (accountIds.length) await q.delete(schema.sessions).where(inArray(schema.sessions.accountId, accountIds));
}
