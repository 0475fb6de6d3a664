import { personIdNumber } from '../../db/pii';
import { and, asc, desc, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import { submitted } from '../declarations/submitted';

export type BatchRow = typeof schema.declarationBatches.$inferSelect;

export async function findBatch(q: Queryable, id: number): Promise<BatchRow | undefined> {
  const [row] = await q.select().from(schema.declarationBatches).where(eq(schema.declarationBatches.id, id));
  return row;
}

export async function insertBatch(q: Queryable, values: typeof schema.declarationBatches.$inferInsert): Promise<BatchRow> {
  const [row] = await q.insert(schema.declarationBatches).values(values).returning();
  return row!;
}

/** An earlier live batch of the same organisation with the same file content. */
export async function sameFileBatch(q: Queryable, orgId: number, sha256: string) {
  const b = schema.declarationBatches;
  const [row] = await q
    .select({ id: b.id, createdAt: b.createdAt, status: b.status })
    .from(b)
    .where(and(eq(b.declarerOrgId, orgId), eq(b.fileSha256, sha256), inArray(b.status, ['validating', 'imported'])))
    .limit(1);
  return row;
}

/** Guarded status change of a batch; false when another run changed it first. */
export async function setBatchStatus(q: Queryable, id: number, from: BatchRow['status'], values: Partial<typeof schema.declarationBatches.$inferInsert>) {
  const b = schema.declarationBatches;
  const rows = await q.update(b).set(values).where(and(eq(b.id, id), eq(b.status, from))).returning({ id: b.id });
  return rows.length > 0;
}

export function listBatches(q: Queryable, orgId: number, after: number | undefined, limit: number) {
  const b = schema.declarationBatches;
  return q
    .select()
    .from(b)
    .where(and(eq(b.declarerOrgId, orgId), after ? lt(b.id, after) : undefined))
    .orderBy(desc(b.id))
    .limit(limit);
}

/** Existing records (not deleted) of these persons: for the duplicate check. */
export async function existingKeys(q: Queryable, personIds: readonly number[]) {
  const d = schema.declarations;
  const out: { personId: number; form: string; title: string; startDate: string; endDate: string }[] = [];
  for (let i = 0; i < personIds.length; i += 1000) {
    const chunk = personIds.slice(i, i + 1000);
    out.push(
      ...(
        await q
          .select({ personId: d.personId, form: d.form, title: d.title, startDate: d.startDate, endDate: d.endDate })
          .from(d)
          .where(and(inArray(d.personId, chunk), notInArray(d.status, ['deleted'])))
      ).flatMap((r) =>
        // A draft still missing a key field cannot duplicate anything yet.
        r.form !== null && r.title !== null && r.startDate !== null && r.endDate !== null
          ? [{ personId: r.personId, form: r.form, title: r.title, startDate: r.startDate, endDate: r.endDate }]
          : [],
      ),
    );
  }
  return out;
}

/** A batch's records: written complete at import, never drafts. */
export async function batchDeclarations(q: Queryable, batchId: number) {
  const d = schema.declarations;
  const rows = await q
    .select({
      id: d.id,
      personId: d.personId,
      personName: schema.persons.name,
      idNumber: personIdNumber,
      year: d.year,
      form: d.form,
      subject: d.subject,
      title: d.title,
      startDate: d.startDate,
      endDate: d.endDate,
      claimedHours: d.claimedHours,
      standardHours: d.standardHours,
      status: d.status,
      currentLevel: d.currentLevel,
      currentReviewerOrgId: d.currentReviewerOrgId,
      reviewChain: d.reviewChain,
      rejectReason: d.rejectReason,
      version: d.version,
      unitId: d.unitId,
      unitPath: d.unitPath,
      workDepartmentId: d.workDepartmentId,
      anomalyFlags: d.anomalyFlags,
    })
    .from(d)
    .innerJoin(schema.persons, eq(schema.persons.id, d.personId))
    .where(eq(d.batchId, batchId))
    .orderBy(asc(d.id));
  return rows.map((r) => submitted(r, ['form', 'subject', 'title', 'startDate', 'endDate', 'claimedHours']));
}

export async function batchCounts(q: Queryable, batchIds: readonly number[]) {
  if (batchIds.length === 0) return new Map<number, Record<string, number>>();
  const d = schema.declarations;
  const rows = await q
    .select({ batchId: d.batchId, status: d.status, n: sql<number>`count(*)::int` })
    .from(d)
    .where(inArray(d.batchId, [...batchIds]))
    .groupBy(d.batchId, d.status);
  const out = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.batchId!) ?? {};
    m[r.status] = r.n;
    out.set(r.batchId!, m);
  }
  return out;
}

export async function insertMany<T extends typeof schema.declarations | typeof schema.declarationEvents>(q: Queryable, table: T, rows: T['$inferInsert'][]) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const res = await q.insert(table).values(rows.slice(i, i + 500) as never).returning({ id: table.id });
    ids.push(...res.map((r) => r.id));
  }
  return ids;
}

/** Serialises uploads of one organisation (the same file twice at once: the second finds the first). */
export async function lockOrgUploads(tx: Queryable, orgId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(724200, ${orgId})`);
}

/** The job learns its batch once the batch row exists (both in the upload's transaction). */
export async function setJobBatch(q: Queryable, jobId: string, batchId: number) {
  await q.update(schema.jobs).set({ payload: { batchId } }).where(eq(schema.jobs.id, jobId));
}

/** The audit rows of a batch, oldest first: its history. */
export function batchHistory(q: Queryable, batchId: number) {
  return q
    .select({ action: schema.auditLog.action, at: schema.auditLog.at, actorName: schema.auditLog.actorName, detail: schema.auditLog.detail })
    .from(schema.auditLog)
    .where(sql`${schema.auditLog.objectType} = 'declaration_batch' and ${schema.auditLog.objectId} = ${String(batchId)}`)
    .orderBy(schema.auditLog.id);
}

/** Organisation names by id. */
export async function orgNames(q: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await q
    .select({ id: schema.organisations.id, name: schema.organisations.name })
    .from(schema.organisations)
    .where(inArray(schema.organisations.id, [...ids, 0]));
  return new Map(rows.map((o) => [o.id, o.name]));
}

/**
 * Withdraws one batch row (status deleted) with its revoke event, guarded on the row still waiting
 * at its start level; false when the next level has acted meanwhile.
 */
export async function withdrawPendingRow(
  tx: Queryable,
  id: number,
  startLevel: number | null,
  now: Date,
  event: Pick<typeof schema.declarationEvents.$inferInsert, 'actorAccountId' | 'actorName' | 'orgId' | 'orgName' | 'reason'>,
) {
  const d = schema.declarations;
  const res = await tx
    .update(d)
    .set({ status: 'deleted', currentLevel: null, currentReviewerOrgId: null, updatedAt: now, version: sql`${d.version} + 1` })
    .where(sql`${d.id} = ${id} and ${d.status} = 'pending' and ${d.currentLevel} = ${startLevel}`)
    .returning({ id: d.id });
  if (res.length === 0) return false;
  await tx.insert(schema.declarationEvents).values({ declarationId: id, submissionNo: 1, action: 'revoke', ...event, at: now });
  return true;
}
