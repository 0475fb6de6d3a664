import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { jsonWithSealedIdNumber } from './pii-columns';
import type { ChangeRequestKind, ChangeRequestStatus, Gender, TitleLevel, TransferStatus } from '@ce/shared';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The professional's own data (SPEC ), one row per person. Name, ID number, phone, e-mail
 * and password stay on `persons` (shared by all the person's roles); the unit and 工作部门 are on the
 * professional account (`accounts.org_id`, `accounts.work_department_id`), so a transfer moves the
 * account and nothing here is copied.
 */
export const professionalProfiles = pgTable(
  'professional_profiles',
  {
    personId: integer('person_id').primaryKey(),
    /** 证书管理号: allocated at the first registration, never changed afterwards. */
    certNo: text('cert_no').notNull().unique(),
    gender: text('gender').$type<Gender>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    ethnicity: text('ethnicity'),
    nativePlace: text('native_place'),
    graduatedSchool: text('graduated_school'),
    major: text('major').notNull(),
    titleSeries: text('title_series').notNull(),
    titleLevel: text('title_level').$type<TitleLevel>().notNull(),
    /** Set while the professional account is archived by an HRSS bureau. */
    archivedAt: ts('archived_at'),
    archivedByAccountId: integer('archived_by_account_id'),
    archiveReason: text('archive_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('professional_profiles_title').on(t.titleSeries, t.titleLevel)],
);

/**
 * The last serial handed out per region prefix (第十三条). Bumped with
 * `insert … on conflict do update set last_serial = last_serial + 1 returning`, which is atomic on
 * PostgreSQL (row lock) and on PGlite (one connection).
 */
export const certificateNumberCounters = pgTable('certificate_number_counters', {
  regionPrefix: text('region_prefix').primaryKey(),
  lastSerial: integer('last_serial').notNull(),
});

/**
 * 变更记录: requests to change 专业技术职务 or 证件信息 (name / ID number), reviewed by the unit the
 * person belonged to when asking. `before`/`after` hold the compared values.
 */
export const professionalChangeRequests = pgTable(
  'professional_change_requests',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    accountId: integer('account_id').notNull(),
    /** The reviewing unit. */
    orgId: integer('org_id').notNull(),
    kind: text('kind').$type<ChangeRequestKind>().notNull(),
    status: text('status').$type<ChangeRequestStatus>().notNull(),
    /** The ID number inside is encrypted at rest (`jsonWithSealedIdNumber`). */
    before: jsonWithSealedIdNumber('before', 'professional_change_requests').notNull(),
    after: jsonWithSealedIdNumber('after', 'professional_change_requests').notNull(),
    /** ID card photos (stored_files) of an identity change. */
    frontFileId: integer('front_file_id'),
    backFileId: integer('back_file_id'),
    rejectReason: text('reject_reason'),
    reviewedByAccountId: integer('reviewed_by_account_id'),
    reviewedAt: ts('reviewed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('professional_change_requests_person').on(t.personId, t.id),
    index('professional_change_requests_queue').on(t.orgId, t.status, t.id),
    // One request of a kind in flight per person: a double submission fails here.
    uniqueIndex('professional_change_requests_one_pending').on(t.personId, t.kind).where(sql`status = 'pending'`),
  ],
);

/**
 * 单位调转: (a) the person asks → the old unit approves out (pending_out → pending_in) → the
 * new unit approves in (completed); (b) the old unit initiates (starts at pending_in).
 */
export const professionalTransfers = pgTable(
  'professional_transfers',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    accountId: integer('account_id').notNull(),
    fromOrgId: integer('from_org_id').notNull(),
    fromWorkDepartmentId: integer('from_work_department_id'),
    toOrgId: integer('to_org_id').notNull(),
    /** Named by the person, or chosen by the new unit when it approves. */
    toWorkDepartmentId: integer('to_work_department_id'),
    initiatedBy: text('initiated_by').$type<'person' | 'unit'>().notNull(),
    initiatedByAccountId: integer('initiated_by_account_id').notNull(),
    status: text('status').$type<TransferStatus>().notNull(),
    note: text('note'),
    rejectReason: text('reject_reason'),
    rejectedByOrgId: integer('rejected_by_org_id'),
    outReviewedByAccountId: integer('out_reviewed_by_account_id'),
    outReviewedAt: ts('out_reviewed_at'),
    inReviewedByAccountId: integer('in_reviewed_by_account_id'),
    inReviewedAt: ts('in_reviewed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('professional_transfers_person').on(t.personId, t.id),
    index('professional_transfers_from').on(t.fromOrgId, t.status, t.id),
    index('professional_transfers_to').on(t.toOrgId, t.status, t.id),
    uniqueIndex('professional_transfers_one_live')
      .on(t.personId)
      .where(sql`status in ('pending_out', 'pending_in')`),
  ],
);
