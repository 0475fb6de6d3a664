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
