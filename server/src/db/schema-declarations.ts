import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AnomalyFlag, DeclarationEventAction, DeclarationSubject, FormCode } from '@ce/shared';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Hours keep one decimal; numeric, not float, so yearly sums are exact. */
const hoursColumn = (name: string) => numeric(name, { precision: 6, scale: 1, mode: 'number' });

/** 'deleted' is a draft the person deleted: hidden everywhere, kept with its history. */
export type DeclarationRowStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'revoked' | 'deleted';

/**
 * Hour declarations (学时（分）申报, SPEC §5). One row per declaration; a rejected declaration is
 * corrected and resubmitted on the same row (`submission_no` counts submissions) and
 * `declaration_events` keeps every action of every submission.
 *
 * The review chain of the current submission is frozen in `review_chain` (org ids, unit first);
 * `current_level` indexes it and `current_reviewer_org_id` = review_chain[current_level] is
 * denormalised so a reviewer's queue is one index range.
 *
 * Indexes, sized for 10 million rows (a province over many years):
 * - declarations_queue (current_reviewer_org_id, year, id) WHERE status = 'pending': the review
 *   queue "waiting for my organisation in year Y, oldest first, after id X" is a range scan that
 *   reads exactly one page, whatever the table size; the per-year counts shown beside it
 *   ("其他年度还有 N 条待审核") are an index-only scan of the same small range. Partial, so it holds
 *   only pending rows (a few per cent of the table) and stays in memory.
 * - declarations_person (person_id, year, id): a professional's own list and the yearly sums the
 *   certificates use (approvedHoursByYear).
 * - declarations_scope (unit_path text_pattern_ops, year, status, id): records of a state in a
 *   subtree (a unit's, a department's, a county's) and the sampling population of a bureau: a
 *   prefix range on the materialised path.
 * - declarations_year_status (year, status, id): the same lists for the province and the cities,
 *   where much of a year matches the path prefix: listInSubtree asks for a row-value range in this
 *   index's order, so the plan walks it for one page instead of sorting the subtree or walking the
 *   primary key back through the newer years (a past year: 1.3 s warm, 36–74 s cold at 10 million
 *   rows before, issue 13).
 *
 * Measured with EXPLAIN ANALYZE on PostgreSQL 15, 10 million rows (20,000 units, 11 years, 60,000
 * records waiting at the province): the province's queue page 0.05 ms (first or deep page); its
 * per-year counts 29 ms; the province's approved / revoked records of a year 0.2 / 0.07 ms; a
 * unit's 0.2 ms; a person's list 0.1 ms. A sampling draw walks the year's population of the
 * region (≈ 0.5 s for a city-year of 50,000 records): acceptable for an occasional audit.
 */
export const declarations = pgTable(
  'declarations',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    /** The professional account that last saved or submitted it. */
    accountId: integer('account_id').notNull(),
    /** The person's unit and 工作部门 at the last save or submission (frozen while pending). */
    unitId: integer('unit_id').notNull(),
    unitPath: text('unit_path').notNull(),
    workDepartmentId: integer('work_department_id'),
    year: integer('year').notNull(), // 计入年度
    /*
     * A draft (保存暂不提交) may leave these empty (null); submitting checks every one of them
     * (`completeDeclaration`), so a record past 'draft' always holds them all.
     */
    subject: text('subject').$type<DeclarationSubject>(), // 计入科目
    form: text('form').$type<FormCode>(), // 学习形式
    title: text('title'), // 学习内容
    organiser: text('organiser'), // 主办单位
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    assessmentResult: text('assessment_result'), // 考核结果
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** Form 15 ('reduction') only: whole months of the year on duty (0–12), pro-rating the requirement. */
    monthsOnDuty: integer('months_on_duty'),
    claimedHours: hoursColumn('claimed_hours'), // 申报学时; null only in a draft
    standardHours: hoursColumn('standard_hours'),
    standardCovers: text('standard_covers').$type<'professional' | 'all'>(),
    standardBasis: text('standard_basis').notNull(),
    note: text('note').notNull().default(''),
    status: text('status').$type<DeclarationRowStatus>().notNull(),
    submissionNo: integer('submission_no').notNull().default(0),
    reviewChain: integer('review_chain').array().notNull().default(sql`'{}'::integer[]`),
    currentLevel: integer('current_level'),
    currentReviewerOrgId: integer('current_reviewer_org_id'),
    submittedAt: ts('submitted_at'),
    /** Final approval (备案): from then on the hours count. */
    approvedAt: ts('approved_at'),
    rejectedAt: ts('rejected_at'),
    rejectReason: text('reject_reason'),
    rejectedByOrgId: integer('rejected_by_org_id'),
    revokedAt: ts('revoked_at'),
    revokeReason: text('revoke_reason'),
    revokedByOrgId: integer('revoked_by_org_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: integer('version').notNull().default(0),
    /** Declared by a unit or department in a batch: the person cannot revoke it. */
    batchId: integer('batch_id'),
    /**
     * 外省转入 (issue 14): the GB/T 2260 code of the province whose hours this record transfers in,
     * and its application (`province_transfers`). The person neither edits nor resubmits it.
     */
    originProvince: text('origin_province'),
    transferId: integer('transfer_id'),
    /** Reported by an online learning platform: counted without the review chain (第九条（三）). */
    platformId: integer('platform_id'),
    /**
     * Declared in a batch: the anomaly checks (shared/src/rules/platformAnomalies.ts)
     * its row raised at import against the person's counted hours and the batch's earlier rows;
     * null when none. Reviewers see them next to the record.
     */
    anomalyFlags: jsonb('anomaly_flags').$type<AnomalyFlag[]>(),
  },
  (t) => [
    index('declarations_batch').on(t.batchId).where(sql`batch_id is not null`),
    index('declarations_transfer').on(t.transferId).where(sql`transfer_id is not null`),
    // A year's subject is transferred in once: a second live application for it is refused even
    // when two arrive at the same moment.
    uniqueIndex('declarations_transfer_once')
      .on(t.personId, t.year, t.subject)
      .where(sql`origin_province is not null and status in ('pending', 'approved')`),
    index('declarations_queue').on(t.currentReviewerOrgId, t.year, t.id).where(sql`status = 'pending'`),
    index('declarations_person').on(t.personId, t.year, t.id),
    index('declarations_scope').using('btree', sql`${t.unitPath} text_pattern_ops`, t.year, t.status, t.id),
    index('declarations_year_status').on(t.year, t.status, t.id),
  ],
);

/** Every action on a declaration (who, which organisation, when, decision, reason): its history. */
export const declarationEvents = pgTable(
  'declaration_events',
  {
    id: serial('id').primaryKey(),
    declarationId: integer('declaration_id').notNull(),
    submissionNo: integer('submission_no').notNull(),
    action: text('action').$type<DeclarationEventAction>().notNull(),
    /** 0-based level of the review chain for review actions. */
    level: integer('level'),
    actorAccountId: integer('actor_account_id'),
    /** Names as they were at the time: the history reads as it happened. */
    actorName: text('actor_name'),
    orgId: integer('org_id'),
    orgName: text('org_name'),
    reason: text('reason'),
    at: ts('at').notNull(),
  },
  (t) => [index('declaration_events_declaration').on(t.declarationId, t.id)],
);

/** Evidence files; the bytes live in the file storage under `storage_key`, outside the web root. */
export const declarationAttachments = pgTable(
  'declaration_attachments',
  {
    id: serial('id').primaryKey(),
    declarationId: integer('declaration_id').notNull(),
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull(),
    /** Sniffed from the content (magic bytes). */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedByAccountId: integer('uploaded_by_account_id').notNull(),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('declaration_attachments_declaration').on(t.declarationId)],
);

/** The declaration window of a year, set by the province HRSS. No row: open while current. */
export const declarationWindows = pgTable('declaration_windows', {
  year: integer('year').primaryKey(),
  opensOn: date('opens_on', { mode: 'string' }).notNull(),
  closesOn: date('closes_on', { mode: 'string' }).notNull(),
  updatedByAccountId: integer('updated_by_account_id').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** The province's cap on one record's claimed hours, per learning form. */
export const declarationCaps = pgTable('declaration_caps', {
  form: text('form').$type<FormCode>().primaryKey(),
  maxHours: hoursColumn('max_hours').notNull(),
  updatedByAccountId: integer('updated_by_account_id').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** A past year opened by an HRSS bureau for one named person (R-15 special cases), until it expires. */
export const declarationYearOpenings = pgTable(
  'declaration_year_openings',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    year: integer('year').notNull(),
    bureauOrgId: integer('bureau_org_id').notNull(),
    /** The person's unit path when opened: bureaus list openings of their subtree by prefix. */
    scopePath: text('scope_path').notNull(),
    unitId: integer('unit_id').notNull(),
    reason: text('reason').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdByAccountId: integer('created_by_account_id').notNull(),
    createdAt: ts('created_at').notNull(),
    cancelledAt: ts('cancelled_at'),
    cancelledByAccountId: integer('cancelled_by_account_id'),
  },
  (t) => [
    index('declaration_year_openings_person').on(t.personId, t.year),
    index('declaration_year_openings_scope').using('btree', sql`${t.scopePath} text_pattern_ops`, t.id),
  ],
);

/**
 * A sampling audit draw (抽查审验, R-17): the approved declarations of `year` in the region of
 * `bureau_org_id`, drawn with `seed` over the population ordered by id as of `drawn_at`.
 */
export const declarationSamples = pgTable(
  'declaration_samples',
  {
    id: serial('id').primaryKey(),
    bureauOrgId: integer('bureau_org_id').notNull(),
    scopePath: text('scope_path').notNull(),
    year: integer('year').notNull(),
    seed: text('seed').notNull(),
    rate: numeric('rate', { precision: 7, scale: 6, mode: 'number' }),
    requestedCount: integer('requested_count'),
    populationSize: integer('population_size').notNull(),
    sampleSize: integer('sample_size').notNull(),
    drawnByAccountId: integer('drawn_by_account_id').notNull(),
    drawnByName: text('drawn_by_name').notNull(),
    drawnByOrgId: integer('drawn_by_org_id').notNull(),
    drawnAt: ts('drawn_at').notNull(),
  },
  (t) => [index('declaration_samples_scope').using('btree', sql`${t.scopePath} text_pattern_ops`, t.id)],
);

export const declarationSampleItems = pgTable(
  'declaration_sample_items',
  {
    sampleId: integer('sample_id').notNull(),
    declarationId: integer('declaration_id').notNull(),
    /** 0-based position in the population's stable ordering. */
    position: integer('position').notNull(),
    outcome: text('outcome').$type<'pending' | 'confirmed' | 'revoked'>().notNull().default('pending'),
    reason: text('reason'),
    checkedByAccountId: integer('checked_by_account_id'),
    checkedAt: ts('checked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.sampleId, t.declarationId] }),
    index('declaration_sample_items_declaration').on(t.declarationId),
  ],
);

export type DeclarationBatchStatus = 'validating' | 'failed' | 'imported';

/**
 * Batch declarations by Excel (单位/主管部门批量申报, R-27): one row per uploaded file. The rows of an
 * imported batch are ordinary `declarations` rows carrying `batch_id`; they start review at the
 * level above the declarer and the person cannot revoke them (the declarer withdraws them).
 */
export const declarationBatches = pgTable(
  'declaration_batches',
  {
    id: serial('id').primaryKey(),
    declarerAccountId: integer('declarer_account_id').notNull(),
    declarerName: text('declarer_name').notNull(),
    declarerOrgId: integer('declarer_org_id').notNull(),
    declarerOrgPath: text('declarer_org_path').notNull(),
    /** 'base': a continuing-education base declaring the trainees of one of its classes (R-29, `base_class_id`). */
    declarerOrgKind: text('declarer_org_kind').$type<'unit' | 'department' | 'base'>().notNull(),
    /** 工作部门 scope of the declarer at upload (null = the whole unit). */
    workDepartmentIds: integer('work_department_ids').array(),
    fileId: integer('file_id').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    /** Batch evidence (notice, sign-in sheet, photos): stored_files ids. */
    evidenceFileIds: integer('evidence_file_ids').array().notNull().default(sql`'{}'::integer[]`),
    jobId: text('job_id').notNull(),
    status: text('status').$type<DeclarationBatchStatus>().notNull(),
    rowCount: integer('row_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    errorReportFileId: integer('error_report_file_id'),
    /** An attendance of a planned training: the plan and the training's key; rows are checked against it. */
    planId: integer('plan_id'),
    planTrainingKey: text('plan_training_key'),
    /** A base's declaration for a training class: rows are checked against `base_classes`. */
    baseClassId: integer('base_class_id'),
    createdAt: ts('created_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('declaration_batches_org').on(t.declarerOrgId, t.id),
    index('declaration_batches_sha').on(t.declarerOrgId, t.fileSha256),
    index('declaration_batches_plan').on(t.planId, t.id).where(sql`${t.planId} is not null`),
    index('declaration_batches_base_class').on(t.baseClassId, t.id).where(sql`${t.baseClassId} is not null`),
  ],
);

/**
 * 外省学时转入 (issue 14 item 4): a professional's application to count past years' hours recorded
 * by another province. Each year's public and professional hours become ordinary `declarations`
 * rows (form 其他, `origin_province`, `transfer_id`) reviewed by the person's unit and then their
 * HRSS bureau (the competent department is skipped); the other province's certificate is the
 * evidence (a stored file, also attached to each row so reviewers see it with the record).
 */
export const provinceTransfers = pgTable(
  'province_transfers',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    accountId: integer('account_id').notNull(),
    unitPath: text('unit_path').notNull(),
    /** GB/T 2260 code of the other province. */
    province: text('province').notNull(),
    /** The other province's certificate number, as printed (may be empty). */
    certificateNo: text('certificate_no').notNull(),
    note: text('note').notNull(),
    evidenceFileId: integer('evidence_file_id').notNull(),
    createdAt: ts('created_at').notNull(),
    /** The person withdrew it before their unit acted. */
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [index('province_transfers_person').on(t.personId, t.id)],
);
