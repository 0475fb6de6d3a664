import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type SealApplicationStatus = 'pending' | 'approved' | 'rejected';

/**
 * Ed25519 keys that sign certificates' QR tokens, one active key per issuing HRSS bureau (R-24, R-25).
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
    /** The public key as a JWK (kty, crv, x). */
    publicJwk: jsonb('public_jwk').$type<{ kty: 'OKP'; crv: 'Ed25519'; x: string }>().notNull(),
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
    contactPhone: text('contact_phone').notNull(),
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
    phone: text('phone').notNull(), // 联系电话
    fax: text('fax'), // 传真
    email: text('email').notNull(), // 电子信箱
    postCode: text('post_code').notNull(), // 邮编
    address: text('address').notNull(), // 邮寄地址
  },
  (t) => [index('seal_admin_filings_org').on(t.orgId, t.id)],
);
