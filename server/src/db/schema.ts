import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sealedText } from './pii-columns';
import type { AccountRole, OrgKind, OrgStatus, AccountStatus, Permission } from '@ce/shared';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The organisation tree (SPEC §1): HRSS bureaus, competent departments, units, CE bases.
 * `path` is the materialised path of ids ("/1/18/203/"): "is X inside Y's subtree" is a string
 * prefix test, and listing a subtree is an index range scan (text_pattern_ops), which stays fast
 * with hundreds of thousands of organisations.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<OrgKind>().notNull(),
    name: text('name').notNull(),
    creditCode: text('credit_code'),
    regionCode: text('region_code').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    status: text('status').$type<OrgStatus>().notNull(),
    nature: text('nature'), // 单位性质
    level: text('level'), // 单位级别
    industry: text('industry'), // 行业类别
    address: text('address'),
    contactName: text('contact_name'),
    contactPhone: sealedText('contact_phone', 'organisations.contact_phone'),
    /** 无主管部门: a unit registered directly under an HRSS bureau. */
    noDepartment: boolean('no_department').notNull().default(false),
    rejectReason: text('reject_reason'),
    reviewedByAccountId: integer('reviewed_by_account_id'),
    reviewedAt: ts('reviewed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    uniqueIndex('organisations_credit_code_live').on(t.creditCode).where(sql`status in ('pending', 'active')`),
    index('organisations_path').using('btree', sql`${t.path} text_pattern_ops`),
    index('organisations_parent_status').on(t.parentId, t.status),
    index('organisations_region_kind').on(t.regionCode, t.kind, t.status),
    // Name search (db/search.ts): a prefix range for one or two characters, trigrams (pg_trgm) for
    // a longer text anywhere in the name.
    index('organisations_name_prefix').using('btree', sql`${t.name} text_pattern_ops`),
    index('organisations_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** 工作部门: departments inside a unit (e.g. a college's faculties). */
export const workDepartments = pgTable(
  'work_departments',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull(),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('work_departments_org_name').on(t.orgId, t.name)],
);

/**
 * A natural person, identified by their ID number. The password belongs to the person, so a
 * person holding two roles (R-1, "已是本系统用户") signs in to both with one password.
 */
export const persons = pgTable(
  'persons',
  {
    id: serial('id').primaryKey(),
    /**
     * The ID number, encrypted (SM4-CTR + HMAC-SM3, `lib/pii.ts`). Never compared in SQL: lookups go
     * through `idNumberIndex`; reads decrypt through `db/pii.ts` (`personIdNumber`, `personColumns`).
     * Null only in a row written before migration 0013 until the start-up conversion sealed it.
     */
    idNumberEnc: text('id_number_enc'),
    /** Keyed SM3 blind index of the normalised ID number: one person per ID number, one indexed lookup. */
    idNumberIndex: text('id_number_index').unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** The mobile number, encrypted like the ID number (`personPhone`). */
    phoneEnc: text('phone_enc'),
    /**
     * The clear columns of before migration 0013: `sealLegacyPii` (db/pii.ts) encrypts them at start
     * and sets them to null; nothing else reads or writes them.
     */
    legacyIdNumber: text('id_number'),
    legacyPhone: text('phone'),
    email: text('email'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    failedLoginWindowStart: ts('failed_login_window_start'),
    lockedUntil: ts('locked_until'),
    createdAt: ts('created_at').notNull().defaultNow(),
    passwordChangedAt: ts('password_changed_at'),
  },
  (t) => [
    // People search by name (db/search.ts): exact and prefix matches of a one- or two-character
    // name on a range of the first index, any longer text on the trigrams (pg_trgm) of the second.
    index('persons_name_prefix').using('btree', sql`${t.name} text_pattern_ops`),
    index('persons_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** An account is (role, person): the role's organisation and the account's own state. */
export const accounts = pgTable(
  'accounts',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    role: text('role').$type<AccountRole>().notNull(),
    orgId: integer('org_id').notNull(),
    /**
     * The path of the account's organisation (organisations.path), written with org_id and rewritten
     * with the organisation's path (更换上级部门, 单位合并): a subtree's accounts, newest first, are
     * one backward range of accounts_depthN without reading the organisations.
     */
    orgPath: text('org_path').notNull(),
    status: text('status').$type<AccountStatus>().notNull(),
    isSuperAdmin: boolean('is_super_admin').notNull().default(false),
    adminRoleId: integer('admin_role_id'),
    /** For professionals: their 工作部门 in the unit. */
    workDepartmentId: integer('work_department_id'),
    rejectReason: text('reject_reason'),
    reviewedByAccountId: integer('reviewed_by_account_id'),
    reviewedAt: ts('reviewed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastLoginAt: ts('last_login_at'),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    uniqueIndex('accounts_person_role_live')
      .on(t.personId, t.role)
      .where(sql`status in ('pending', 'active', 'archived', 'disabled')`),
    index('accounts_org_role_status').on(t.orgId, t.role, t.status),
    // A subtree's accounts newest first (professionals/repo.ts): the id of the path's 2nd / 3rd / 4th
    // organisation (a city or a directly administered county; a county or a city's department; a
    // county's department or unit), then id — one backward range per subtree, as audit_log_depthN.
    index('accounts_depth2').using('btree', sql`split_part(${t.orgPath}, '/', 3)`, t.id),
    index('accounts_depth3').using('btree', sql`split_part(${t.orgPath}, '/', 4)`, t.id),
    index('accounts_depth4').using('btree', sql`split_part(${t.orgPath}, '/', 5)`, t.id),
  ],
);

/** A set of permissions an organisation's super admin defines and gives to admins. */
export const adminRoles = pgTable(
  'admin_roles',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull(),
    name: text('name').notNull(),
    permissions: jsonb('permissions').$type<Permission[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('admin_roles_org_name').on(t.orgId, t.name)],
);

/** An admin limited to some 工作部门 of their unit (no rows: the whole unit). */
export const adminWorkDepartmentScopes = pgTable(
  'admin_work_department_scopes',
  {
    accountId: integer('account_id').notNull(),
    workDepartmentId: integer('work_department_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.workDepartmentId] })],
);

/** Server-side sessions: app servers keep nothing in memory, so any of N servers can answer. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256 of the cookie token
    accountId: integer('account_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull(),
    idleMinutes: integer('idle_minutes').notNull(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /**
     * Password checked, second factor not yet (issue 9 item 7): the session reaches only the MFA
     * endpoints and logout (http/context.ts) until the code is verified.
     */
    mfaPending: boolean('mfa_pending').notNull().default(false),
    /** When this session's second factor was verified (kept across a role switch). */
    mfaVerifiedAt: ts('mfa_verified_at'),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

export const captchas = pgTable('captchas', {
  id: text('id').primaryKey(),
  answerHash: text('answer_hash').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

/** One-time codes (forgot password), stored hashed. */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('one_time_codes_person').on(t.personId, t.purpose)],
);

/** Messages the default notifier "sends": operators read them here (and deliver them by hand or a gateway). */
export const outbox = pgTable('outbox', {
  id: serial('id').primaryKey(),
  channel: text('channel').$type<'sms' | 'email'>().notNull(),
  /** The phone number or e-mail address, encrypted at rest (decrypted as read; never compare it in SQL). */
  recipient: sealedText('recipient', 'outbox.recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Fixed-window counters for rate limits, shared by all app servers. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: ts('window_start').notNull(),
  count: integer('count').notNull(),
});

/** Append-only audit log. Rows are only ever inserted. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorAccountId: integer('actor_account_id'),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    actorOrgId: integer('actor_org_id'),
    /** Path of the organisation the event belongs to; bureaus browse their subtree by prefix. */
    scopePath: text('scope_path'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    result: text('result').$type<'success' | 'failure'>().notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    ip: text('ip'),
    /**
     * Tamper evidence: SM3(previous row's chain_hash ‖ this row's canonical content), hex. Null only on
     * rows written before the chain existed (audit/chain.ts).
     */
    chainHash: text('chain_hash'),
  },
  (t) => [
    index('audit_log_scope').using('btree', sql`${t.scopePath} text_pattern_ops`, t.id),
    index('audit_log_at').on(t.at),
    // A bureau's rows newest first (audit/repo.ts): the id of the path's 2nd / 3rd organisation (a
    // city or a directly administered county; a county), then id — one backward range per bureau.
    index('audit_log_depth2').using('btree', sql`split_part(${t.scopePath}, '/', 3)`, t.id),
    index('audit_log_depth3').using('btree', sql`split_part(${t.scopePath}, '/', 4)`, t.id),
  ],
);
export * from './schema-declarations';
export * from './schema-files';
export * from './schema-professionals';
export * from './schema-certificates';
export * from './schema-org-changes';
export * from './schema-credentials';
export * from './schema-jobs';
export * from './schema-statistics';
export * from './schema-training-plans';
export * from './schema-portal';
export * from './schema-queues';
export * from './schema-platforms';
export * from './schema-mfa';
export * from './schema-bases';
