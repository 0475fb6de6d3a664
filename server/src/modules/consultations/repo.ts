import { and, asc, desc, eq, getTableColumns, ilike, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import { escapeLike } from '../organisations/repo';
import type { ConsultationState } from './rules';

/** A consultation with the 工作部门 of a professional asker (access narrows scoped admins by it). */
export type ConsultationRow = typeof schema.consultations.$inferSelect & { askerWorkDepartmentId: number | null };
export type MessageRow = typeof schema.consultationMessages.$inferSelect;
export type FaqRow = typeof schema.faqEntries.$inferSelect;
const c = schema.consultations;
const m = schema.consultationMessages;
const f = schema.faqEntries;

const withAsker = (q: Queryable) =>
  q
    .select({ ...getTableColumns(c), askerWorkDepartmentId: schema.accounts.workDepartmentId })
    .from(c)
    .leftJoin(schema.accounts, eq(schema.accounts.id, c.askerAccountId));

export async function findConsultation(q: Queryable, id: number): Promise<ConsultationRow | undefined> {
  const [row] = await withAsker(q).where(eq(c.id, id));
  return row;
}

export async function findByLookupCode(q: Queryable, code: string): Promise<ConsultationRow | undefined> {
  const [row] = await withAsker(q).where(and(eq(c.lookupCode, code), eq(c.askerKind, 'visitor')));
  return row;
}

export async function insertConsultation(q: Queryable, values: typeof c.$inferInsert, askerWorkDepartmentId: number | null): Promise<ConsultationRow> {
  const [row] = await q.insert(c).values(values).returning();
  return { ...row!, askerWorkDepartmentId };
}

export async function insertMessage(q: Queryable, values: typeof m.$inferInsert) {
  await q.insert(m).values(values);
}

export function messagesOf(q: Queryable, consultationId: number) {
  return q.select().from(m).where(eq(m.consultationId, consultationId)).orderBy(asc(m.id));
}

/** Guarded update: from the expected states and version only (two admins, one answer each). */
export async function updateConsultationGuarded(
  q: Queryable,
  id: number,
  guard: { version: number; states: readonly ConsultationState[] },
  set: Partial<typeof c.$inferInsert>,
): Promise<typeof c.$inferSelect | undefined> {
  const [row] = await q
    .update(c)
    .set({ ...set, version: sql`${c.version} + 1` })
    .where(and(eq(c.id, id), eq(c.version, guard.version), inArray(c.status, [...guard.states])))
    .returning();
  return row;
}

const activityOrder = [desc(c.lastActivityAt), desc(c.id)];

export function askerConsultations(q: Queryable, personId: number, offset: number, limit: number): Promise<ConsultationRow[]> {
  return withAsker(q).where(eq(c.askerPersonId, personId)).orderBy(...activityOrder).offset(offset).limit(limit + 1);
}

/**
 * An organisation's queue (`mine`: handled by it now, waiting first) or everything asked in or
 * handled inside its subtree (`subtree`).
 */
export function orgConsultations(
  q: Queryable,
  org: { id: number; path: string },
  opts: { scope: 'mine' | 'subtree'; status?: ConsultationState; offset: number; limit: number; workDepartmentIds: readonly number[] | null },
): Promise<ConsultationRow[]> {
  const prefix = `${escapeLike(org.path)}%`;
  const where =
    opts.scope === 'mine' ? eq(c.currentOrgId, org.id) : or(like(c.originOrgPath, prefix), like(c.currentOrgPath, prefix));
  // A 工作部门-scoped admin of a unit sees only the questions of the people of their 工作部门.
  const scoped =
    opts.workDepartmentIds === null
      ? undefined
      : opts.workDepartmentIds.length === 0
        ? sql`false`
        : inArray(schema.accounts.workDepartmentId, [...opts.workDepartmentIds]);
  return withAsker(q)
    .where(and(where, scoped, opts.status ? eq(c.status, opts.status) : undefined))
    .orderBy(sql`case when ${c.status} = 'open' then 0 else 1 end`, ...activityOrder)
    .offset(opts.offset)
    .limit(opts.limit + 1);
}

export async function orgNames(q: Queryable, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await q
    .select({ id: schema.organisations.id, name: schema.organisations.name })
    .from(schema.organisations)
    .where(inArray(schema.organisations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------- FAQ

export async function insertFaq(q: Queryable, values: typeof f.$inferInsert) {
  const [row] = await q.insert(f).values(values).returning();
  return row!;
}

export async function findFaq(q: Queryable, id: number) {
  const [row] = await q.select().from(f).where(eq(f.id, id));
  return row;
}

export async function faqOfConsultation(q: Queryable, consultationId: number) {
  const [row] = await q.select({ id: f.id }).from(f).where(and(eq(f.sourceConsultationId, consultationId), isNull(f.withdrawnAt)));
  return row?.id ?? null;
}

export function publishedFaq(q: Queryable, opts: { q?: string; category?: string; offset: number; limit: number }) {
  const text = opts.q ? `%${escapeLike(opts.q)}%` : null;
  return q
    .select()
    .from(f)
    .where(and(isNull(f.withdrawnAt), opts.category ? eq(f.category, opts.category) : undefined, text ? or(ilike(f.question, text), ilike(f.answer, text)) : undefined))
    .orderBy(desc(f.publishedAt), desc(f.id))
    .offset(opts.offset)
    .limit(opts.limit + 1);
}

export function orgFaq(q: Queryable, orgId: number, offset: number, limit: number) {
  return q.select().from(f).where(eq(f.orgId, orgId)).orderBy(desc(f.publishedAt), desc(f.id)).offset(offset).limit(limit + 1);
}

export async function withdrawFaqGuarded(q: Queryable, id: number, now: Date) {
  const [row] = await q.update(f).set({ withdrawnAt: now }).where(and(eq(f.id, id), isNull(f.withdrawnAt))).returning();
  return row;
}

/** Open questions waiting at an organisation (the admin home's queue counter). */
export async function countOpenConsultations(q: Queryable, orgId: number) {
  const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(c).where(and(eq(c.currentOrgId, orgId), eq(c.status, 'open')));
  return row?.n ?? 0;
}

/** The 工作部门 of an account (null: none). */
export async function workDepartmentOfAccount(q: Queryable, accountId: number): Promise<number | null> {
  const [row] = await q.select({ w: schema.accounts.workDepartmentId }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  return row?.w ?? null;
}
