import { and, asc, count, desc, eq, gt, inArray, like, lt, or, sql } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import { escapeLike, type OrgRow } from './repo';

export type OrgChangeRow = typeof schema.orgChanges.$inferSelect;
type NewOrgChange = typeof schema.orgChanges.$inferInsert;

export async function insertOrgChange(q: Queryable, values: NewOrgChange): Promise<OrgChangeRow> {
  const [row] = await q.insert(schema.orgChanges).values(values).returning();
  return row!;
}

export async function findOrgChange(q: Queryable, id: number): Promise<OrgChangeRow | undefined> {
  const [row] = await q.select().from(schema.orgChanges).where(eq(schema.orgChanges.id, id));
  return row;
}

export async function pendingChangeOfOrg(q: Queryable, orgId: number): Promise<OrgChangeRow | undefined> {
  const [row] = await q
    .select()
    .from(schema.orgChanges)
    .where(and(eq(schema.orgChanges.orgId, orgId), eq(schema.orgChanges.status, 'pending')));
  return row;
}

/** 变更记录: the organisation's own changes and the merges into it, newest first. */
export function changesOfOrg(q: Queryable, orgId: number, opts: { before?: number; limit: number }) {
  return q
    .select()
    .from(schema.orgChanges)
    .where(
      and(
        or(eq(schema.orgChanges.orgId, orgId), eq(schema.orgChanges.mergedIntoOrgId, orgId)),
        opts.before ? lt(schema.orgChanges.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(schema.orgChanges.id))
    .limit(opts.limit);
}

/**
 * Changes waiting for an organisation's decision: as the parent (of 修改单位信息 and of the old side
 * of 更换上级部门) or as the new parent; oldest first.
 */
export function changesAwaiting(q: Queryable, orgId: number, opts: { after?: number; limit: number }) {
  const c = schema.orgChanges;
  return q
    .select()
    .from(c)
    .where(
      and(
        eq(c.status, 'pending'),
        or(
          and(eq(c.oldParentId, orgId), eq(c.oldParentDecision, 'pending')),
          and(eq(c.newParentId, orgId), eq(c.newParentDecision, 'pending')),
        ),
        opts.after ? gt(c.id, opts.after) : undefined,
      ),
    )
    .orderBy(asc(c.id))
    .limit(opts.limit);
}

export async function countChangesAwaiting(q: Queryable, orgId: number): Promise<number> {
  const c = schema.orgChanges;
  const [row] = await q
    .select({ n: count() })
    .from(c)
    .where(
      and(
        eq(c.status, 'pending'),
        or(
          and(eq(c.oldParentId, orgId), eq(c.oldParentDecision, 'pending')),
          and(eq(c.newParentId, orgId), eq(c.newParentDecision, 'pending')),
        ),
      ),
    );
  return row?.n ?? 0;
}

/** Guarded update of a pending change (status and version checked): returns false when it moved on. */
export async function updatePendingChange(
  q: Queryable,
  change: OrgChangeRow,
  version: number,
  values: Partial<NewOrgChange>,
): Promise<boolean> {
  const rows = await q
    .update(schema.orgChanges)
    .set({ ...values, version: change.version + 1 })
    .where(and(eq(schema.orgChanges.id, change.id), eq(schema.orgChanges.status, 'pending'), eq(schema.orgChanges.version, version)))
    .returning({ id: schema.orgChanges.id });
  return rows.length > 0;
}

export async function orgNames(q: Queryable, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await q
    .select({ id: schema.organisations.id, name: schema.organisations.name })
    .from(schema.organisations)
    .where(inArray(schema.organisations.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Moves an organisation and everything below it under `newParent`: rewrites the materialised paths
 * (and depths) of the subtree and of the records that carry a unit's path (accounts, declarations,
 * past-year openings), so every subtree check sees the new place at once.
 */
export async function moveSubtree(q: Queryable, org: OrgRow, newParent: OrgRow, values: { noDepartment: boolean }) {
  const oldPrefix = org.path;
  const newPrefix = `${newParent.path}${org.id}/`;
  const depthDelta = newParent.depth + 1 - org.depth;
  const pattern = `${escapeLike(oldPrefix)}%`;
  const rewrite = (column: unknown) => sql`${newPrefix} || substr(${column}, ${oldPrefix.length + 1})`;
  await q
    .update(schema.organisations)
    .set({ path: rewrite(schema.organisations.path), depth: sql`${schema.organisations.depth} + ${depthDelta}` })
    .where(like(schema.organisations.path, pattern));
  await q
    .update(schema.organisations)
    .set({ parentId: newParent.id, noDepartment: values.noDepartment, version: sql`${schema.organisations.version} + 1` })
    .where(eq(schema.organisations.id, org.id));
  // The accounts of the subtree's organisations (found by org_id: accounts_org_role_status) take
  // their organisation's new path.
  await q
    .update(schema.accounts)
    .set({ orgPath: sql`${schema.organisations.path}` })
    .from(schema.organisations)
    .where(and(eq(schema.organisations.id, schema.accounts.orgId), like(schema.organisations.path, `${escapeLike(newPrefix)}%`)));
  await q.update(schema.declarations).set({ unitPath: rewrite(schema.declarations.unitPath) }).where(like(schema.declarations.unitPath, pattern));
  await q
    .update(schema.declarationYearOpenings)
    .set({ scopePath: rewrite(schema.declarationYearOpenings.scopePath) })
    .where(like(schema.declarationYearOpenings.scopePath, pattern));
}

/** Is `candidate` the organisation itself or inside its subtree (a move there would make a loop)? */
export const isWithin = (candidate: OrgRow, org: OrgRow) => candidate.path.startsWith(org.path);
