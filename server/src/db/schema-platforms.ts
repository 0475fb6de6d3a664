import { sql } from 'drizzle-orm';
import { index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { DeclarationSubject } from '@ce/shared';
import { sealedText } from './pii-columns';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const hoursColumn = (name: string) => numeric(name, { precision: 6, scale: 1, mode: 'number' });

export type PlatformStatus = 'pending' | 'approved' | 'rejected';
export type PlatformCredentialState = 'none' | 'active' | 'revoked';

/**
 * Online learning platforms of continuing-education bases (SPEC R-30, CONTRACT "Online learning
 * platforms"). A base registers its platform; the first HRSS bureau above the base approves it and
 * issues the API credentials: `client_id` (CONTRACT's platform id, sent as X-Platform-Id) and a
 * secret shown once. The secret is kept only encrypted (AES-256-GCM, key derived from
 * SIGNING_KEY_SECRET): the HMAC check needs it in clear, so a hash would not do.
 * Rotation replaces the secret (and the client id) at once; revocation empties it.
 */
export const learningPlatforms = pgTable(
  'learning_platforms',
  {
    id: serial('id').primaryKey(),
    baseOrgId: integer('base_org_id').notNull(),
    baseOrgPath: text('base_org_path').notNull(),
    /** The HRSS bureau that decides on the platform and its held records (nearest above the base). */
    bureauOrgId: integer('bureau_org_id').notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: sealedText('contact_phone', 'learning_platforms.contact_phone').notNull(),
    status: text('status').$type<PlatformStatus>().notNull(),
    rejectReason: text('reject_reason'),
    clientId: text('client_id'),
    secretSealed: text('secret_sealed'),
    credentialState: text('credential_state').$type<PlatformCredentialState>().notNull().default('none'),
    credentialIssuedAt: ts('credential_issued_at'),
    credentialRevokedAt: ts('credential_revoked_at'),
    lastUsedAt: ts('last_used_at'),
    createdByAccountId: integer('created_by_account_id').notNull(),
    createdAt: ts('created_at').notNull(),
    decidedByAccountId: integer('decided_by_account_id'),
    decidedAt: ts('decided_at'),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    uniqueIndex('learning_platforms_client').on(t.clientId).where(sql`client_id is not null`),
    index('learning_platforms_base').on(t.baseOrgId, t.id),
    index('learning_platforms_bureau').on(t.bureauOrgId, t.status, t.id),
  ],
);

/**
 * Nonces seen per platform (CONTRACT: never accepted twice). The primary key refuses a replay even
 * when two app servers receive it at the same moment; rows expire after the signature window and
 * the scheduled task `purge-platform-nonces` deletes them.
 */
export const platformNonces = pgTable(
  'platform_nonces',
  {
    platformId: integer('platform_id').notNull(),
    nonce: text('nonce').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.nonce] }), index('platform_nonces_expiry').on(t.expiresAt)],
);

export type PlatformRecordStatus = 'accepted' | 'held' | 'refused';
export interface PlatformRecordFlag {
  code: string;
  message: string;
}

/**
 * Every completion record a platform reported, once per (platform, recordId): the idempotency key.
 * `first_status`/`first_reason` are what the POST first answered (returned again for a repeat);
 * `status`/`reason` are the record's state now (a held record the bureau released or refused).
 * An accepted or released record has its counted `declarations` row (`declaration_id`).
 */
export const platformRecords = pgTable(
  'platform_records',
  {
    id: serial('id').primaryKey(),
    platformId: integer('platform_id').notNull(),
    recordId: text('record_id').notNull(),
    status: text('status').$type<PlatformRecordStatus>().notNull(),
    reason: text('reason'),
    firstStatus: text('first_status').$type<PlatformRecordStatus>().notNull(),
    firstReason: text('first_reason'),
    flags: jsonb('flags').$type<PlatformRecordFlag[]>().notNull().default(sql`'[]'::jsonb`),
    /** The person found by ID number (null: unknown or archived). */
    personId: integer('person_id'),
    unitPath: text('unit_path'),
    idNumberMasked: text('id_number_masked').notNull(),
    name: text('name').notNull(),
    courseId: text('course_id').notNull(),
    courseTitle: text('course_title').notNull(),
    subject: text('subject').$type<DeclarationSubject>().notNull(),
    series: text('series').notNull(),
    hours: hoursColumn('hours').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull(),
    receivedAt: ts('received_at').notNull(),
    declarationId: integer('declaration_id'),
    decidedByAccountId: integer('decided_by_account_id'),
    decidedAt: ts('decided_at'),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    uniqueIndex('platform_records_once').on(t.platformId, t.recordId),
    index('platform_records_person').on(t.personId, t.finishedAt).where(sql`person_id is not null`),
    index('platform_records_held').on(t.platformId, t.id).where(sql`status = 'held'`),
    index('platform_records_course').on(t.platformId, t.courseId).where(sql`status = 'accepted'`),
  ],
);

/** The province's thresholds of the anomaly checks (one row, id 'province'; no row: the defaults). */
export const anomalySettings = pgTable('anomaly_settings', {
  id: text('id').primaryKey(),
  maxHoursPerDay: hoursColumn('max_hours_per_day').notNull(),
  minMinutesPerHour: integer('min_minutes_per_hour').notNull(),
  courseLengthMinSamples: integer('course_length_min_samples').notNull(),
  updatedByAccountId: integer('updated_by_account_id').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
