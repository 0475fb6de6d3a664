import { personColumns } from '../../db/pii';
import { nameMatches } from '../../db/search';
import { and, count, desc, eq, inArray, lt, gt, like, sql, asc } from 'drizzle-orm';
import type { OrgKind, OrgStatus } from '@ce/shared';
import { schema, type Queryable } from '../../db';

export type OrgRow = typeof schema.organisations.$inferSelect;
type NewOrg = Omit<typeof schema.organisations.$inferInsert, 'id' | 'path' | 'depth'>;

/** `LIKE` pattern for a literal string. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findOrg(q: Queryable, id: number): Promise<OrgRow | undefined> {
  const [row] = await q.select().from(schema.organisations).where(eq(schema.organisations.id, id));
  return row;
}

/** Inserts an organisation under `parent` and fills its materialised path. */
export async function insertOrg(q: Queryable, values: NewOrg, parent: OrgRow | null): Promise<OrgRow> {
  const [row] = await q
    .insert(schema.organisations)
    .values({ ...values, parentId: parent?.id ?? null, path: '', depth: parent ? parent.depth + 1 : 0 })
    .returning();
  const path = `${parent?.path ?? '/'}${row!.id}/`;
  await q.update(schema.organisations).set({ path }).where(eq(schema.organisations.id, row!.id));
  return { ...row!, path };
}

/**
 * Organisations of a region as a person picking one expects: a city (4101 00) includes its
 * districts and counties; the province code (410000) means 省直 only; a county is exact.
 */
function regionCondition(code: string) {
  if (code !== '410000' && code.endsWith('00')) {
    return like(schema.organisations.regionCode, `${code.slice(0, 4)}%`);
  }
  return eq(schema.organisations.regionCode, code);
}

export function searchActiveOrgs(
  q: Queryable,
  opts: { kinds?: OrgKind[]; regionCode?: string; name?: string; limit: number },
) {
  return q
    .select()
    .from(schema.organisations)
    .where(
      and(
        eq(schema.organisations.status, 'active'),
        opts.kinds?.length ? inArray(schema.organisations.kind, opts.kinds) : undefined,
        opts.regionCode ? regionCondition(opts.regionCode) : undefined,
        opts.name ? nameMatches(schema.organisations.name, opts.name) : undefined,
      ),
    )
    .orderBy(asc(schema.organisations.kind), asc(schema.organisations.name))
    .limit(opts.limit);
}

/** Organisations of a subtree (the root excluded), newest first, keyset-paginated by id. */
export function listSubtree(
  q: Queryable,
  root: OrgRow,
  opts: { kind?: OrgKind; status?: OrgStatus; regionCode?: string; name?: string; before?: number; limit: number },
) {
  return q
    .select({ org: schema.organisations, parentName: sql<string | null>`parent.name` })
    .from(schema.organisations)
    .leftJoin(sql`organisations as parent`, sql`parent.id = ${schema.organisations.parentId}`)
    .where(
      and(
        like(schema.organisations.path, `${escapeLike(root.path)}%`),
        gt(schema.organisations.depth, root.depth),
        opts.kind ? eq(schema.organisations.kind, opts.kind) : undefined,
        opts.status ? eq(schema.organisations.status, opts.status) : undefined,
        opts.regionCode ? eq(schema.organisations.regionCode, opts.regionCode) : undefined,
        opts.name ? nameMatches(schema.organisations.name, opts.name) : undefined,
        opts.before ? lt(schema.organisations.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(schema.organisations.id))
    .limit(opts.limit);
}

export async function countSubtree(q: Queryable, root: OrgRow) {
  const [row] = await q
    .select({ n: count() })
    .from(schema.organisations)
    .where(
      and(
        like(schema.organisations.path, `${escapeLike(root.path)}%`),
        gt(schema.organisations.depth, root.depth),
        eq(schema.organisations.status, 'active'),
      ),
    );
  return row?.n ?? 0;
}

export async function countChildren(q: Queryable, parentId: number, status: OrgStatus) {
  const [row] = await q
    .select({ n: count() })
    .from(schema.organisations)
    .where(and(eq(schema.organisations.parentId, parentId), eq(schema.organisations.status, status)));
  return row?.n ?? 0;
}

/** Pending registrations of organisations whose parent is `parentId` (the reviewer's queue). */
export function pendingChildren(q: Queryable, parentId: number, opts: { kind?: OrgKind; after?: number; limit: number }) {
  return q
    .select()
    .from(schema.organisations)
    .where(
      and(
        eq(schema.organisations.parentId, parentId),
        eq(schema.organisations.status, 'pending'),
        opts.kind ? eq(schema.organisations.kind, opts.kind) : undefined,
        opts.after ? gt(schema.organisations.id, opts.after) : undefined,
      ),
    )
    .orderBy(asc(schema.organisations.id))
    .limit(opts.limit);
}

/** The account that registered an organisation: its first super admin. */
export async function registrantOf(q: Queryable, orgId: number) {
  const [row] = await q
    .select({ account: schema.accounts, person: personColumns })
    .from(schema.accounts)
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(and(eq(schema.accounts.orgId, orgId), eq(schema.accounts.isSuperAdmin, true)))
    .orderBy(asc(schema.accounts.id))
    .limit(1);
  return row;
}
