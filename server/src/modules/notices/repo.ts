import { and, desc, eq, ilike, inArray, like, or, sql } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import { escapeLike } from '../organisations/repo';
import { cityPrefix, type NoticeState } from './rules';

export type NoticeRow = typeof schema.notices.$inferSelect;
const n = schema.notices;

export async function findNotice(q: Queryable, id: number): Promise<NoticeRow | undefined> {
  const [row] = await q.select().from(n).where(eq(n.id, id));
  return row;
}

/** Pinned first, then newest. */
const publicOrder = [desc(n.pinned), desc(n.publishedAt), desc(n.id)];

/** The portal: published notices of the province bureau and, when asked, of one city's bureaus. */
export function publicNotices(q: Queryable, opts: { city?: string; q?: string; offset: number; limit: number }) {
  return q
    .select()
    .from(n)
    .where(
      and(
        eq(n.status, 'published'),
        eq(n.orgKind, 'hrss'),
        opts.city ? or(eq(n.regionCode, '410000'), like(n.regionCode, `${cityPrefix(opts.city)}%`)) : eq(n.regionCode, '410000'),
        opts.q ? ilike(n.title, `%${escapeLike(opts.q)}%`) : undefined,
      ),
    )
    .orderBy(...publicOrder)
    .offset(opts.offset)
    .limit(opts.limit + 1);
}

/** Published notices of the organisations on a chain (`/1/18/203/` → 1, 18, 203). */
export function chainNotices(q: Queryable, orgPath: string, limit: number) {
  const ids = orgPath.split('/').filter(Boolean).map(Number);
  return q.select().from(n).where(and(eq(n.status, 'published'), inArray(n.orgId, ids))).orderBy(...publicOrder).limit(limit);
}

export function orgNotices(q: Queryable, orgId: number, opts: { status?: NoticeState; offset: number; limit: number }) {
  return q
    .select()
    .from(n)
    .where(and(eq(n.orgId, orgId), opts.status ? eq(n.status, opts.status) : undefined))
    .orderBy(desc(n.pinned), desc(n.updatedAt), desc(n.id))
    .offset(opts.offset)
    .limit(opts.limit + 1);
}

export async function insertNotice(q: Queryable, values: typeof n.$inferInsert): Promise<NoticeRow> {
  const [row] = await q.insert(n).values(values).returning();
  return row!;
}

/**
 * Guarded update: only from the expected states and version, so two admins (or a double click)
 * cannot both publish, withdraw or edit one notice. Undefined when the guard did not hold.
 */
export async function updateNoticeGuarded(
  q: Queryable,
  id: number,
  guard: { version: number; states: readonly NoticeState[] },
  set: Partial<typeof n.$inferInsert>,
): Promise<NoticeRow | undefined> {
  const [row] = await q
    .update(n)
    .set({ ...set, version: sql`${n.version} + 1` })
    .where(and(eq(n.id, id), eq(n.version, guard.version), inArray(n.status, [...guard.states])))
    .returning();
  return row;
}

export async function orgsByIds(q: Queryable, ids: number[]) {
  if (ids.length === 0) return new Map<number, { name: string; regionCode: string }>();
  const rows = await q
    .select({ id: schema.organisations.id, name: schema.organisations.name, regionCode: schema.organisations.regionCode })
    .from(schema.organisations)
    .where(inArray(schema.organisations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function filesByIds(q: Queryable, ids: number[]) {
  if (ids.length === 0) return new Map<number, typeof schema.storedFiles.$inferSelect>();
  const rows = await q.select().from(schema.storedFiles).where(inArray(schema.storedFiles.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
