import { idNumberIn, idNumberIs, personColumns, personIdNumber } from '../../db/pii';
import { and, asc, count, desc, eq, gt, inArray, isNull, like, lt, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DeclarationSubject, FormCode, OrgKind } from '@ce/shared';
import { schema, type Queryable } from '../../db';
import type { DeclarationRowStatus } from '../../db/schema-declarations';
import { escapeLike } from '../organisations/repo';
import type { ChainOrg } from './rules';
import { submitted } from './submitted';

export type DeclarationRow = typeof schema.declarations.$inferSelect;
export type NewDeclaration = typeof schema.declarations.$inferInsert;
export type EventRow = typeof schema.declarationEvents.$inferSelect;
export type AttachmentRow = typeof schema.declarationAttachments.$inferSelect;

const d = schema.declarations;

export async function findDeclaration(q: Queryable, id: number): Promise<DeclarationRow | undefined> {
  const [row] = await q.select().from(d).where(and(eq(d.id, id), ne(d.status, 'deleted')));
  return row;
}

/** Locks the row for the rest of the transaction (uploads check the running total under it). */
export async function lockDeclaration(q: Queryable, id: number): Promise<DeclarationRow | undefined> {
  const [row] = await q.select().from(d).where(and(eq(d.id, id), ne(d.status, 'deleted'))).for('update');
  return row;
}

export async function insertDeclaration(q: Queryable, values: NewDeclaration): Promise<DeclarationRow> {
  const [row] = await q.insert(d).values(values).returning();
  return row!;
}

/**
 * The guarded update every state change goes through: it lands only when the row is still in the
 * expected state and version (and level), so of two reviewers acting at once exactly one wins.
 */
export async function guardedUpdate(
  q: Queryable,
  guard: { id: number; version: number; statuses: readonly DeclarationRowStatus[]; currentLevel?: number },
  set: Partial<NewDeclaration>,
): Promise<DeclarationRow | undefined> {
  const [row] = await q
    .update(d)
    .set({ ...set, version: guard.version + 1 })
    .where(
      and(
        eq(d.id, guard.id),
        eq(d.version, guard.version),
        inArray(d.status, [...guard.statuses]),
        guard.currentLevel === undefined ? undefined : eq(d.currentLevel, guard.currentLevel),
      ),
    )
    .returning();
  return row;
}

export async function insertEvent(q: Queryable, values: typeof schema.declarationEvents.$inferInsert) {
  await q.insert(schema.declarationEvents).values(values);
}

export function listEvents(q: Queryable, declarationId: number): Promise<EventRow[]> {
  return q
    .select()
    .from(schema.declarationEvents)
    .where(eq(schema.declarationEvents.declarationId, declarationId))
    .orderBy(asc(schema.declarationEvents.id));
}

// ------------------------------------------------------------------ organisations, accounts

export interface OrgBrief {
  id: number;
  name: string;
  kind: OrgKind;
  path: string;
  parentId: number | null;
}

export async function orgsByIds(q: Queryable, ids: readonly number[]): Promise<Map<number, OrgBrief>> {
  if (ids.length === 0) return new Map();
  const o = schema.organisations;
  const rows = await q
    .select({ id: o.id, name: o.name, kind: o.kind, path: o.path, parentId: o.parentId })
    .from(o)
    .where(inArray(o.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The organisations of a materialised path, root first (for the review chain). */
export async function pathOrgs(q: Queryable, path: string): Promise<ChainOrg[]> {
  const ids = path.split('/').filter(Boolean).map(Number);
  const byId = await orgsByIds(q, ids);
  return ids.map((id) => {
    const org = byId.get(id);
    if (!org) throw new Error(`organisation ${id} of path ${path} is missing`);
    return { id, kind: org.kind };
  });
}

/** The province HRSS (the root of the tree): owner of the province-wide settings. */
export async function findProvinceBureau(q: Queryable) {
  const o = schema.organisations;
  const [row] = await q.select().from(o).where(and(eq(o.kind, 'hrss'), isNull(o.parentId))).orderBy(asc(o.id)).limit(1);
  if (!row) throw new Error('the province HRSS bureau is missing');
  return row;
}

/** A professional account with its unit (the declarant's unit and 工作部门 today). */
export async function professionalAccount(q: Queryable, accountId: number) {
  const [row] = await q
    .select({ account: schema.accounts, unit: schema.organisations })
    .from(schema.accounts)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.accounts.orgId))
    .where(and(eq(schema.accounts.id, accountId), eq(schema.accounts.role, 'professional')));
  return row;
}

/** The live professional account of a person found by ID number (for a bureau's opening). */
export async function professionalByIdNumber(q: Queryable, idNumber: string) {
  const [row] = await q
    .select({ person: personColumns, account: schema.accounts, unit: schema.organisations })
    .from(schema.persons)
    .innerJoin(schema.accounts, and(eq(schema.accounts.personId, schema.persons.id), eq(schema.accounts.role, 'professional')))
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.accounts.orgId))
    .where(and(idNumberIs(idNumber), inArray(schema.accounts.status, ['active', 'archived'])))
    .orderBy(desc(schema.accounts.id))
    .limit(1);
  return row;
}

export async function personBrief(q: Queryable, personId: number) {
  const [row] = await q
    .select({ id: schema.persons.id, name: schema.persons.name, idNumber: personIdNumber })
    .from(schema.persons)
    .where(eq(schema.persons.id, personId));
  return row;
}

export async function workDepartmentName(q: Queryable, id: number | null): Promise<string | null> {
  if (id == null) return null;
  const [row] = await q.select({ name: schema.workDepartments.name }).from(schema.workDepartments).where(eq(schema.workDepartments.id, id));
  return row?.name ?? null;
}

// ------------------------------------------------------------------ lists

const reviewer = alias(schema.organisations, 'reviewer');
const unit = alias(schema.organisations, 'unit');
const declarer = alias(schema.organisations, 'declarer');

/** The columns every list shows: the record, its person, unit, 工作部门, current reviewer, evidence count, batch marker. */
function listSelect(q: Queryable) {
  return q
    .select({
      d,
      personName: schema.persons.name,
      idNumber: personIdNumber,
      unitName: unit.name,
      workDepartmentName: schema.workDepartments.name,
      reviewerName: reviewer.name,
      attachmentCount: sql<number>`(select count(*) from declaration_attachments a where a.declaration_id = ${d.id})::int`,
      batchKind: schema.declarationBatches.declarerOrgKind,
      batchEvidenceCount: sql<number | null>`cardinality(${schema.declarationBatches.evidenceFileIds})`,
      platformName: schema.learningPlatforms.name,
      batchBaseClassId: schema.declarationBatches.baseClassId,
      /** A continuing-education base's batch: the base, named on the record. */
      batchDeclarerName: declarer.name,
    })
    .from(d)
    .innerJoin(schema.persons, eq(schema.persons.id, d.personId))
    .innerJoin(unit, eq(unit.id, d.unitId))
    .leftJoin(schema.workDepartments, eq(schema.workDepartments.id, d.workDepartmentId))
    .leftJoin(reviewer, eq(reviewer.id, d.currentReviewerOrgId))
    .leftJoin(schema.declarationBatches, eq(schema.declarationBatches.id, d.batchId))
    .leftJoin(schema.learningPlatforms, eq(schema.learningPlatforms.id, d.platformId))
    .leftJoin(declarer, eq(declarer.id, schema.declarationBatches.declarerOrgId));
}
export type ListRow = Awaited<ReturnType<ReturnType<typeof listSelect>['execute']>>[number];

/** A professional's own declarations, newest first (index declarations_person). */
export function listOwn(
  q: Queryable,
  personId: number,
  opts: { year?: number; status?: DeclarationRowStatus; after?: number; limit: number },
): Promise<ListRow[]> {
  return listSelect(q)
    .where(
      and(
        eq(d.personId, personId),
        ne(d.status, 'deleted'),
        opts.year ? eq(d.year, opts.year) : undefined,
        opts.status ? eq(d.status, opts.status) : undefined,
        opts.after ? lt(d.id, opts.after) : undefined,
      ),
    )
    .orderBy(desc(d.id))
    .limit(opts.limit);
}

export interface ListFilters {
  form?: FormCode;
  subject?: DeclarationSubject;
  name?: string;
  idNumber?: string;
  workDepartmentId?: number;
  /** The admin's 工作部门 scope (null: whole organisation). */
  workDepartmentScope: readonly number[] | null;
  overStandard?: boolean;
  /** 'base': only records continuing-education bases declared (继教基地学时审核); 'other': all but those. */
  source?: 'base' | 'other';
}

/** Records a continuing-education base declared, as a condition on `d`. */
export const baseRecord = sql`exists (select 1 from declaration_batches sb where sb.id = ${d.batchId} and sb.declarer_org_kind = 'base')`;

function filterConditions(f: ListFilters): (SQL | undefined)[] {
  return [
    f.form ? eq(d.form, f.form) : undefined,
    f.subject ? eq(d.subject, f.subject) : undefined,
    f.name ? like(schema.persons.name, `${escapeLike(f.name)}%`) : undefined,
    f.idNumber ? idNumberIs(f.idNumber) : undefined,
    f.workDepartmentId ? eq(d.workDepartmentId, f.workDepartmentId) : undefined,
    f.workDepartmentScope ? inArray(d.workDepartmentId, [...f.workDepartmentScope]) : undefined,
    f.overStandard === undefined
      ? undefined
      : f.overStandard
        ? sql`${d.standardHours} is not null and ${d.claimedHours} > ${d.standardHours}`
        : sql`(${d.standardHours} is null or ${d.claimedHours} <= ${d.standardHours})`,
    f.source === 'base' ? baseRecord : f.source === 'other' ? sql`not ${baseRecord}` : undefined,
  ];
}

/**
 * The review queue: records waiting for `orgId` in `year`, oldest first, after the cursor.
 * Served by the partial index declarations_queue (current_reviewer_org_id, year, id).
 */
export function listAwaiting(
  q: Queryable,
  opts: { orgId: number; year: number; filters: ListFilters; after?: number; limit: number },
): Promise<ListRow[]> {
  return listSelect(q)
    .where(
      and(
        eq(d.currentReviewerOrgId, opts.orgId),
        eq(d.status, 'pending'),
        eq(d.year, opts.year),
        ...filterConditions(opts.filters),
        opts.after ? gt(d.id, opts.after) : undefined,
      ),
    )
    .orderBy(asc(d.id))
    .limit(opts.limit);
}

/**
 * Records of one state in a subtree, newest first, after the cursor `after` (an id).
 *
 * The year and state are written as a row-value range on (year, status, id), ordered by all three:
 * that order is the order of declarations_year_status, and no other index has it, so the plan can
 * never be "walk the primary key backwards through every newer year" (a past year's rows sit far
 * behind the current year's). `wide` subtrees (the province, a city: most rows of a year match the
 * path) walk declarations_year_status and stop after one page — the path test is written so that it
 * cannot use declarations_scope, whose range over a city would be read whole and sorted. Narrower
 * subtrees (a county, a department, a unit) are left to the planner: a range of declarations_scope
 * (its year / status / id columns filter inside the index) or the same walk.
 */
export function listInSubtree(
  q: Queryable,
  opts: { path: string; wide: boolean; year: number; status: DeclarationRowStatus; filters: ListFilters; after?: number; limit: number },
): Promise<ListRow[]> {
  // The page's ids first, then their columns: a range of declarations_scope sorts only ids, and the
  // joins run for one page of rows.
  const base = q.select({ id: d.id }).from(d);
  const page = (opts.filters.name ? base.innerJoin(schema.persons, eq(schema.persons.id, d.personId)) : base)
    .where(
      and(
        opts.wide ? sql`left(${d.unitPath}, ${opts.path.length}) = ${opts.path}` : like(d.unitPath, `${escapeLike(opts.path)}%`),
        sql`(${d.year}, ${d.status}, ${d.id}) > (${opts.year}::int, ${opts.status}::text, 0)`,
        sql`(${d.year}, ${d.status}, ${d.id}) < (${opts.year}::int, ${opts.status}::text, ${opts.after ?? MAX_ID}::int)`,
        ...filterConditions(opts.filters),
      ),
    )
    .orderBy(desc(d.year), desc(d.status), desc(d.id))
    .limit(opts.limit);
  // `= any(array(…))`: the page is computed once (an InitPlan) and read by primary key; `in (…)` let
  // the planner join every record before the semi-join.
  return listSelect(q).where(sql`${d.id} = any(array(${page}))`).orderBy(desc(d.id));
}

/** Above every serial id: the first page's cursor. */
const MAX_ID = 2_147_483_647;

export function listByIds(q: Queryable, ids: readonly number[]): Promise<ListRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return listSelect(q).where(inArray(d.id, [...ids]));
}

/** Records waiting for `orgId`, per 认证年度 (an index-only range of declarations_queue). */
export async function awaitingByYear(q: Queryable, orgId: number, scope: readonly number[] | null, source?: 'base' | 'other') {
  const rows = await q
    .select({ year: d.year, count: count() })
    .from(d)
    .where(
      and(
        eq(d.currentReviewerOrgId, orgId),
        eq(d.status, 'pending'),
        scope ? inArray(d.workDepartmentId, [...scope]) : undefined,
        source === 'base' ? baseRecord : source === 'other' ? sql`not ${baseRecord}` : undefined,
      ),
    )
    .groupBy(d.year)
    .orderBy(desc(d.year));
  return rows.map((r) => ({ year: r.year, count: Number(r.count) }));
}

// ------------------------------------------------------------------ attachments

export function listAttachments(q: Queryable, declarationId: number): Promise<AttachmentRow[]> {
  return q
    .select()
    .from(schema.declarationAttachments)
    .where(eq(schema.declarationAttachments.declarationId, declarationId))
    .orderBy(asc(schema.declarationAttachments.id));
}

export async function findAttachment(q: Queryable, declarationId: number, attachmentId: number) {
  const a = schema.declarationAttachments;
  const [row] = await q.select().from(a).where(and(eq(a.id, attachmentId), eq(a.declarationId, declarationId)));
  return row;
}

export async function attachmentTotals(q: Queryable, declarationId: number) {
  const a = schema.declarationAttachments;
  const [row] = await q
    .select({ files: count(), bytes: sql<number>`coalesce(sum(${a.size}), 0)::bigint` })
    .from(a)
    .where(eq(a.declarationId, declarationId));
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export async function insertAttachments(q: Queryable, values: (typeof schema.declarationAttachments.$inferInsert)[]): Promise<AttachmentRow[]> {
  if (values.length === 0) return [];
  return q.insert(schema.declarationAttachments).values(values).returning();
}

/** Removes one attachment of a declaration; the removed row, or undefined when it is not one of its attachments. */
export async function deleteAttachmentRow(q: Queryable, declarationId: number, attachmentId: number): Promise<AttachmentRow | undefined> {
  const a = schema.declarationAttachments;
  const [row] = await q.delete(a).where(and(eq(a.id, attachmentId), eq(a.declarationId, declarationId))).returning();
  return row;
}

/** Marks a declaration as changed (its evidence, outside the guarded status updates). */
export async function touchDeclaration(q: Queryable, id: number, now: Date): Promise<void> {
  await q.update(schema.declarations).set({ updatedAt: now }).where(eq(schema.declarations.id, id));
}

/**
 * Hours per person, year and kind (本省 / 外省转入) of the pending and approved records (other than
 * reductions) of these persons and years: what the overlap flag compares.
 */
export function liveHoursByKind(q: Queryable, personIds: readonly number[], years: readonly number[]) {
  const d = schema.declarations;
  return q
    .select({
      personId: d.personId,
      year: d.year,
      transferred: sql<boolean>`(${d.originProvince} is not null)`,
      hours: sql<string>`sum(${d.claimedHours})`,
    })
    .from(d)
    .where(and(inArray(d.personId, [...personIds]), inArray(d.year, [...years]), inArray(d.status, ['pending', 'approved']), ne(d.form, 'reduction')))
    .groupBy(d.personId, d.year, sql`(${d.originProvince} is not null)`);
}

// ------------------------------------------------------------------ samples of a declaration

export function samplesOfDeclaration(q: Queryable, declarationId: number) {
  const i = schema.declarationSampleItems;
  return q
    .select({ sampleId: i.sampleId, outcome: i.outcome, reason: i.reason })
    .from(i)
    .where(eq(i.declarationId, declarationId))
    .orderBy(asc(i.sampleId));
}

// ------------------------------------------------------------------ window, caps, openings

export async function findWindow(q: Queryable, year: number) {
  const [row] = await q.select().from(schema.declarationWindows).where(eq(schema.declarationWindows.year, year));
  return row;
}

export function listWindows(q: Queryable) {
  return q.select().from(schema.declarationWindows).orderBy(desc(schema.declarationWindows.year));
}

export async function findCap(q: Queryable, form: FormCode) {
  const [row] = await q.select().from(schema.declarationCaps).where(eq(schema.declarationCaps.form, form));
  return row;
}

export function listCaps(q: Queryable) {
  return q.select().from(schema.declarationCaps);
}

/** Openings of a person that have not been cancelled and have not expired. */
export function activeOpenings(q: Queryable, personId: number, now: Date) {
  const o = schema.declarationYearOpenings;
  return q
    .select()
    .from(o)
    .where(and(eq(o.personId, personId), isNull(o.cancelledAt), sql`${o.expiresAt} >= ${now}`))
    .orderBy(desc(o.expiresAt));
}

// ------------------------------------------------------------------ counting (certificates, summary)

/** Records waiting for an organisation (the admin home page's 待审核学时). */
export async function countAwaiting(q: Queryable, orgId: number, scope: readonly number[] | null): Promise<number> {
  const [row] = await q
    .select({ n: count() })
    .from(d)
    .where(
      and(
        eq(d.currentReviewerOrgId, orgId),
        eq(d.status, 'pending'),
        scope ? inArray(d.workDepartmentId, [...scope]) : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}

/** Whether a person has a declaration under review (transfers wait for it, R-10). */
export async function hasPendingDeclaration(q: Queryable, personId: number): Promise<boolean> {
  const [row] = await q
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.personId, personId), eq(d.status, 'pending')))
    .limit(1);
  return row !== undefined;
}

export interface YearHours {
  year: number;
  /** 公需科目 hours of the counted records. */
  publicHours: number;
  /** 专业科目 hours of the counted records. */
  professionalHours: number;
  /** A counted record completes the year's whole professional part (course study > 6 months). */
  coversProfessional: boolean;
  /** A counted record completes the whole year (a full year of aid assignment); implies coversProfessional. */
  coversAll: boolean;
  /** The counted records: approved by the last level of their chain and not revoked by sampling. */
  declarationIds: number[];
  records: {
    id: number;
    subject: DeclarationSubject;
    form: FormCode;
    hours: number;
    covers: 'professional' | 'all' | null;
    /** 备案 time: when the record started to count. */
    approvedAt: Date | null;
    /** Form 15 ('reduction'): months of the year on duty. */
    monthsOnDuty: number | null;
    /** 外省转入: the GB/T 2260 code of the province the hours come from. */
    originProvince: string | null;
  }[];
}

/**
 * A person's counted hours per year, for the certificates (SPEC §7, §8).
 *
 * Counted records are those approved by the last level of their chain (备案) and not revoked by a
 * sampling audit. Their hours are the CLAIMED hours: that is the figure every level of the chain
 * approved (reviewers return a claim they do not accept, R-18); the standard hours are advice shown
 * to reviewers, and many forms have none (the organiser sets the hours). `covers` comes from the
 * standard-hours rule of the record's form and parameters (CONTRACT: course study > 6 months →
 * 'professional', a full year of aid assignment → 'all'). A 'reduction' record (form 15) is
 * returned among the records, with its months on duty, so the certificate rules can pro-rate the
 * requirement with it; it adds no hours to the sums (it lowers the requirement instead, R-19).
 */
export async function approvedHoursByYear(q: Queryable, personId: number): Promise<YearHours[]> {
  const rows = await q
    .select({
      id: d.id,
      year: d.year,
      subject: d.subject,
      form: d.form,
      hours: d.claimedHours,
      covers: d.standardCovers,
      approvedAt: d.approvedAt,
      monthsOnDuty: d.monthsOnDuty,
      originProvince: d.originProvince,
    })
    .from(d)
    .where(and(eq(d.personId, personId), eq(d.status, 'approved')))
    .orderBy(asc(d.year), asc(d.id));
  const byYear = new Map<number, YearHours>();
  for (const row of rows) {
    // Approved records are complete (submitting checks every field a draft may leave empty).
    const r = submitted(row, ['subject', 'form', 'hours']);
    let y = byYear.get(r.year);
    if (!y) {
      y = { year: r.year, publicHours: 0, professionalHours: 0, coversProfessional: false, coversAll: false, declarationIds: [], records: [] };
      byYear.set(r.year, y);
    }
    // Sum in tenths: hours have one decimal, and floats would drift.
    if (r.form === 'reduction') {
      // Lowers the requirement instead: no hours.
    } else if (r.subject === 'public') y.publicHours = (Math.round(y.publicHours * 10) + Math.round(r.hours * 10)) / 10;
    else y.professionalHours = (Math.round(y.professionalHours * 10) + Math.round(r.hours * 10)) / 10;
    if (r.covers === 'professional') y.coversProfessional = true;
    if (r.covers === 'all') y.coversAll = y.coversProfessional = true;
    y.declarationIds.push(r.id);
    y.records.push({
      id: r.id,
      subject: r.subject,
      form: r.form,
      hours: r.hours,
      covers: r.covers,
      approvedAt: r.approvedAt,
      monthsOnDuty: r.form === 'reduction' ? r.monthsOnDuty : null,
      originProvince: r.originProvince,
    });
  }
  return [...byYear.values()];
}


/**
 * The live professional accounts of many persons by ID number (batch declarations): one query per
 * 1,000 numbers. The one place besides professionalByIdNumber that looks persons up by ID number.
 */
export async function professionalsByIdNumbers(q: Queryable, idNumbers: readonly string[]) {
  const found = new Map<string, { personId: number; name: string; accountId: number; workDepartmentId: number | null; unit: typeof schema.organisations.$inferSelect }>();
  for (let i = 0; i < idNumbers.length; i += 1000) {
    const chunk = idNumbers.slice(i, i + 1000);
    const rows = await q
      .select({ person: personColumns, account: schema.accounts, unit: schema.organisations })
      .from(schema.persons)
      .innerJoin(schema.accounts, and(eq(schema.accounts.personId, schema.persons.id), eq(schema.accounts.role, 'professional')))
      .innerJoin(schema.organisations, eq(schema.organisations.id, schema.accounts.orgId))
      .where(and(idNumberIn(chunk), eq(schema.accounts.status, 'active')))
      .orderBy(asc(schema.accounts.id));
    for (const r of rows) {
      found.set(r.person.idNumber, { personId: r.person.id, name: r.person.name, accountId: r.account.id, workDepartmentId: r.account.workDepartmentId, unit: r.unit });
    }
  }
  return found;
}

/** Who declared a batch: a unit, a department or a continuing-education base. */
export async function batchDeclarerKind(q: Queryable, batchId: number) {
  const [row] = await q.select({ kind: schema.declarationBatches.declarerOrgKind }).from(schema.declarationBatches).where(eq(schema.declarationBatches.id, batchId));
  return row?.kind ?? null;
}

/** The evidence files of a batch (R-27: one set for all its records), in upload order. */
export async function batchEvidenceFiles(q: Queryable, batchId: number) {
  const [batch] = await q.select({ ids: schema.declarationBatches.evidenceFileIds }).from(schema.declarationBatches).where(eq(schema.declarationBatches.id, batchId));
  if (!batch || batch.ids.length === 0) return [];
  const f = schema.storedFiles;
  const rows = await q.select({ id: f.id, name: f.originalName, contentType: f.contentType, size: f.size }).from(f).where(inArray(f.id, batch.ids));
  return rows.sort((a, b) => batch.ids.indexOf(a.id) - batch.ids.indexOf(b.id)).map((r) => ({ ...r, name: r.name ?? '证明材料' }));
}
