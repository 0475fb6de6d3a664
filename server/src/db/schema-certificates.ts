import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TitleLevel } from '@ce/shared';
import type { StoredPublicJwk } from '../modules/certificates/jws';
import { sealedText } from './pii-columns';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type SealApplicationStatus = 'pending' | 'approved' | 'rejected';

/**
 * SM2 (or, for older keys, Ed25519) keys that sign certificates' QR tokens, one active key per issuing HRSS bureau (R-24, R-25).
 * Retired keys stay: certificates they signed must keep verifying. The private key is stored only
 * encrypted (AES-256-GCM under SIGNING_KEY_SECRET, the kid as associated data); it is never served.
 */
export const certificateSigningKeys = pgTable(
  'certificate_signing_keys',
  {
    id: serial('id').primaryKey(),
    bureauOrgId: integer('bureau_org_id').notNull(),
    /** The bureau's n-th key (1, 2, …). */
    seq: integer('seq').notNull(),
    /** "{bureauOrgId}-{seq}", the JWS header's kid. */
    kid: text('kid').notNull(),
    /** The public key as a JWK: {kty:'EC', crv:'SM2', x, y} or {kty:'OKP', crv:'Ed25519', x}; it decides the algorithm. */
    publicJwk: jsonb('public_jwk').$type<StoredPublicJwk>().notNull(),
    /** "v1.<iv>.<ciphertext>.<tag>" (base64url): the PKCS#8 private key, encrypted. */
    privateKeyEncrypted: text('private_key_encrypted').notNull(),
    createdAt: ts('created_at').notNull(),
    /** Set when a newer key replaced this one for signing; it still verifies. */
    retiredAt: ts('retired_at'),
  },
  (t) => [
    uniqueIndex('certificate_signing_keys_kid').on(t.kid),
    uniqueIndex('certificate_signing_keys_bureau_seq').on(t.bureauOrgId, t.seq),
    uniqueIndex('certificate_signing_keys_active')
      .on(t.bureauOrgId)
      .where(sql`retired_at is null`),
  ],
);

/** 电子签章启用申请 (seed 002 附件2): a bureau asks the province HRSS to enable its certificate seal. */
export const sealApplications = pgTable(
  'seal_applications',
  {
    id: serial('id').primaryKey(),
    bureauOrgId: integer('bureau_org_id').notNull(),
    status: text('status').$type<SealApplicationStatus>().notNull(),
    /** The words of the seal: "{地区}专业技术人员继续教育专用章". */
    sealText: text('seal_text').notNull(),
    /** The letter's body (申请事由). */
    reason: text('reason').notNull(),
    applicantAccountId: integer('applicant_account_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: sealedText('contact_phone', 'seal_applications.contact_phone').notNull(),
    submittedAt: ts('submitted_at').notNull(),
    reviewedByAccountId: integer('reviewed_by_account_id'),
    reviewerName: text('reviewer_name'),
    reviewedAt: ts('reviewed_at'),
    rejectReason: text('reject_reason'),
    /** The signing key created when the application was approved. */
    kid: text('kid'),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    // One open application per bureau, and a seal is enabled once.
    uniqueIndex('seal_applications_bureau_pending')
      .on(t.bureauOrgId)
      .where(sql`status = 'pending'`),
    uniqueIndex('seal_applications_bureau_approved')
      .on(t.bureauOrgId)
      .where(sql`status = 'approved'`),
    index('seal_applications_bureau').on(t.bureauOrgId, t.id),
    index('seal_applications_status').on(t.status, t.id),
  ],
);

/** 管理员信息备案表 (seed 002 附件3): a certificate administrator filed with the province HRSS. */
export const sealAdminFilings = pgTable(
  'seal_admin_filings',
  {
    id: serial('id').primaryKey(),
    /** The filing organisation (an issuing bureau or a 省直 department/unit). */
    orgId: integer('org_id').notNull(),
    filedByAccountId: integer('filed_by_account_id').notNull(),
    filedAt: ts('filed_at').notNull(),
    unitName: text('unit_name').notNull(), // 单位名称
    industry: text('industry').notNull(), // 行业类别
    orgCode: text('org_code').notNull(), // 单位组织机构代码
    adminName: text('admin_name').notNull(), // 管理员姓名
    gender: text('gender').$type<'男' | '女'>().notNull(), // 性别
    workDepartment: text('work_department').notNull(), // 工作部门
    title: text('title').notNull(), // 职务
    phone: sealedText('phone', 'seal_admin_filings.phone').notNull(), // 联系电话
    fax: text('fax'), // 传真
    email: text('email').notNull(), // 电子信箱
    postCode: text('post_code').notNull(), // 邮编
    address: text('address').notNull(), // 邮寄地址
  },
  (t) => [index('seal_admin_filings_org').on(t.orgId, t.id)],
);

export type CertificateStatus = 'valid' | 'revoked';

/** Hours keep one decimal (sums of declarations' one-decimal hours). */
const hoursColumn = (name: string) => numeric(name, { precision: 6, scale: 1, mode: 'number' });

/**
 * Issued certificates (电子证书, R-22): one row per issuance of a person's year. A year's certificate
 * is issued at the approval that makes the year pass (发证时间 = that day, the same on every reprint)
 * by the HRSS bureau of the person's unit then (issuingRegion; 省直 → the province); it is revoked,
 * with the day and the reason, when the year no longer passes (a record revoked by the sampling
 * audit) and a new row is issued if the year passes again. The hours follow the counted records
 * while the certificate stays valid.
 *
 * At most one valid row per person and year (certificates_one_valid); a person's rows are one range
 * of certificates_person (the completion page, the public query, the verification).
 */
export const certificates = pgTable(
  'certificates',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    year: integer('year').notNull(),
    status: text('status').$type<CertificateStatus>().notNull(),
    /** 发证单位: the issuing bureau, and its name as printed. */
    issuerOrgId: integer('issuer_org_id').notNull(),
    issuerName: text('issuer_name').notNull(),
    publicHours: hoursColumn('public_hours').notNull(),
    professionalHours: hoursColumn('professional_hours').notNull(),
    issuedAt: ts('issued_at').notNull(),
    /** 发证时间: the calendar day in China of issued_at (YYYY-MM-DD), printed and signed. */
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    /** The approval that made the year pass (null when the year passed before the bureau's seal). */
    issuedByDeclarationId: integer('issued_by_declaration_id'),
    revokedAt: ts('revoked_at'),
    revokeReason: text('revoke_reason'),
    /** The record whose revocation broke the year. */
    revokedByDeclarationId: integer('revoked_by_declaration_id'),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    uniqueIndex('certificates_one_valid').on(t.personId, t.year).where(sql`status = 'valid'`),
    index('certificates_person').on(t.personId, t.year, t.id),
  ],
);

/**
 * Yearly minimum hours added by the province (SPEC §7: the table is data): tried before the
 * regulation's table (REQUIREMENT_RULES), newest first, so a new year's notice — or a correction,
 * which is a newer row — decides for its years. Rows are never edited or deleted (audited, append-only).
 */
export const requirementRules = pgTable('requirement_rules', {
  id: serial('id').primaryKey(),
  fromYear: integer('from_year').notNull(),
  /** null: still in force. */
  toYear: integer('to_year'),
  /** Conditions (null: everybody), as in RequirementCondition. */
  titleLevels: text('title_levels').array().$type<TitleLevel[]>(),
  regionPrefixes: text('region_prefixes').array(),
  notRegionPrefixes: text('not_region_prefixes').array(),
  publicHours: hoursColumn('public_hours').notNull(),
  professionalHours: hoursColumn('professional_hours').notNull(),
  basis: text('basis').notNull(),
  createdByAccountId: integer('created_by_account_id').notNull(),
  createdByName: text('created_by_name').notNull(),
  createdAt: ts('created_at').notNull(),
});

/**
 * 学时转登: hours of a paper certificate entered by an admin as a declaration of a past year
 * on the person's behalf; the declaration then goes through the review chain from the level above
 * the entering organisation. This row says who entered it and from which paper certificate.
 */
export const historicalHourEntries = pgTable(
  'historical_hour_entries',
  {
    id: serial('id').primaryKey(),
    declarationId: integer('declaration_id').notNull(),
    personId: integer('person_id').notNull(),
    /** The entering organisation (the person's unit, or an organisation of its review chain). */
    orgId: integer('org_id').notNull(),
    accountId: integer('account_id').notNull(),
    enteredByName: text('entered_by_name').notNull(),
    /** 原纸质证书编号 */
    paperCertificateNo: text('paper_certificate_no').notNull(),
    enteredAt: ts('entered_at').notNull(),
  },
  (t) => [
    uniqueIndex('historical_hour_entries_declaration').on(t.declarationId),
    index('historical_hour_entries_org').on(t.orgId, t.id),
  ],
);
