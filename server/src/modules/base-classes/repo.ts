import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { personIdNumber } from '../../db/pii';
import { schema, type Queryable } from '../../db';
import { submitted } from '../declarations/submitted';
import type { BaseClassRow } from './rows';

const c = schema.baseClasses;
const b = schema.declarationBatches;
const d = schema.declarations;

export async function findClass(q: Queryable, id: number): Promise<BaseClassRow | undefined> {
  const [row] = await q.select().from(c).where(eq(c.id, id));
  return row;
}

export function listClasses(q: Queryable, baseOrgId: number, after: number | undefined, limit: number) {
  return q
    .select()
    .from(c)
    .where(and(eq(c.baseOrgId, baseOrgId), after ? lt(c.id, after) : undefined))
    .orderBy(desc(c.id))
    .limit(limit);
}

/** The batches (declarations of trainees) of a class, newest first. */
export function classBatches(q: Queryable, classId: number) {
  return q.select().from(b).where(eq(b.baseClassId, classId)).orderBy(desc(b.id));
}

/**
 * The records of a class (every batch): what the base entered and the state of the record, plus the
 * fields reviewers' scope checks need. Never the person's unit, profile or other hours.
 */
export async function classDeclarations(q: Queryable, classId: number) {
  const rows = await q
    .select({
      id: d.id,
      batchId: b.id,
      personId: d.personId,
      personName: schema.persons.name,
      idNumber: personIdNumber,
      claimedHours: d.claimedHours,
      status: d.status,
      currentLevel: d.currentLevel,
      currentReviewerOrgId: d.currentReviewerOrgId,
      reviewChain: d.reviewChain,
      rejectReason: d.rejectReason,
      version: d.version,
      unitId: d.unitId,
      unitPath: d.unitPath,
      workDepartmentId: d.workDepartmentId,
    })
    .from(d)
    .innerJoin(b, eq(b.id, d.batchId))
    .innerJoin(schema.persons, eq(schema.persons.id, d.personId))
    .where(eq(b.baseClassId, classId))
    .orderBy(asc(d.id));
  // A base's records are written complete (batch import), never drafts.
  return rows.map((r) => submitted(r, ['claimedHours']));
}

/** Record counts per class and state, for the class list. */
export async function classCounts(q: Queryable, classIds: readonly number[]) {
  const out = new Map<number, Record<string, number>>();
  if (classIds.length === 0) return out;
  const rows = await q
    .select({ classId: b.baseClassId, status: d.status, n: sql<number>`count(*)::int` })
    .from(d)
    .innerJoin(b, eq(b.id, d.batchId))
    .where(inArray(b.baseClassId, [...classIds]))
    .groupBy(b.baseClassId, d.status);
  for (const r of rows) {
    const m = out.get(r.classId!) ?? {};
    m[r.status] = r.n;
    out.set(r.classId!, m);
  }
  return out;
}

/** A class is fixed once a trainee is declared: a batch under way or any record not withdrawn. */
export async function classIsFixed(q: Queryable, classId: number): Promise<boolean> {
  const result = await q.execute(sql`
    select (exists (select 1 from declaration_batches b where b.base_class_id = ${classId} and b.status = 'validating')
        or exists (select 1 from declarations d join declaration_batches b on b.id = d.batch_id
                    where b.base_class_id = ${classId} and d.status <> 'deleted')) as fixed`);
  return Boolean((result as unknown as { rows: { fixed: boolean }[] }).rows[0]?.fixed);
}

export async function storedFiles(q: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const f = schema.storedFiles;
  const rows = await q.select({ id: f.id, name: f.originalName, contentType: f.contentType, size: f.size, storageKey: f.storageKey }).from(f).where(inArray(f.id, [...ids]));
  return rows.sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id)).map((r) => ({ ...r, name: r.name ?? '证明材料' }));
}

export async function orgKinds(q: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const o = schema.organisations;
  const rows = await q.select({ id: o.id, kind: o.kind }).from(o).where(inArray(o.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.kind as string]));
}

// ------------------------------------------------------------------ writes

/** The facts a base enters for a class. */
export type ClassValues = Pick<BaseClassRow, 'title' | 'subject' | 'form' | 'series' | 'startDate' | 'endDate' | 'hours' | 'online' | 'place'>;

export async function insertClass(
  q: Queryable,
  values: ClassValues & { baseOrgId: number; baseOrgPath: string; createdByAccountId: number; createdAt: Date; updatedAt: Date },
): Promise<number> {
  const [row] = await q.insert(c).values(values).returning({ id: c.id });
  return row!.id;
}

/** Serialises changes of one class (editing vs declaring trainees); inside the caller's transaction. */
export async function lockClass(tx: Queryable, id: number) {
  await tx.execute(sql`select id from base_classes where id = ${id} for update`);
}

/** New facts for a class, guarded on the version the editor saw; false when it changed meanwhile. */
export async function updateClassValues(q: Queryable, id: number, version: number, values: ClassValues, now: Date) {
  const res = await q
    .update(c)
    .set({ ...values, updatedAt: now, version: sql`${c.version} + 1` })
    .where(sql`${c.id} = ${id} and ${c.version} = ${version}`)
    .returning({ id: c.id });
  return res.length > 0;
}

/** Appends evidence files to a class, guarded on the total staying within `max`; false when it would not. */
export async function appendClassEvidence(q: Queryable, id: number, fileIds: readonly number[], max: number, now: Date) {
  const res = await q
    .update(c)
    .set({ evidenceFileIds: sql`${c.evidenceFileIds} || ${`{${fileIds.join(',')}}`}::integer[]`, updatedAt: now, version: sql`${c.version} + 1` })
    .where(sql`${c.id} = ${id} and cardinality(${c.evidenceFileIds}) + ${fileIds.length} <= ${max}`)
    .returning({ id: c.id });
  return res.length > 0;
}

export async function removeClassEvidence(q: Queryable, id: number, fileId: number, now: Date) {
  await q
    .update(c)
    .set({ evidenceFileIds: sql`array_remove(${c.evidenceFileIds}, ${fileId}::integer)`, updatedAt: now, version: sql`${c.version} + 1` })
    .where(eq(c.id, id));
}

// ------------------------------------------------------------------ the base

/** The base (organisation) name of a class. */
export async function baseNameOf(q: Queryable, baseOrgId: number): Promise<string | undefined> {
  const [base] = await q.select({ name: schema.organisations.name }).from(schema.organisations).where(eq(schema.organisations.id, baseOrgId));
  return base?.name;
}

/** A class with its base's name (what a batch row is checked against). */
export async function classWithBaseName(q: Queryable, classId: number) {
  const [row] = await q
    .select({ c, baseName: schema.organisations.name })
    .from(c)
    .innerJoin(schema.organisations, eq(schema.organisations.id, c.baseOrgId))
    .where(eq(c.id, classId));
  return row;
}
