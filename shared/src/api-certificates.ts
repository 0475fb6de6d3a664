/**
 * Electronic certificates (电子证书, SPEC §8): the bureaus' e-seals (R-24: 附件2 电子签章启用申请,
 * 附件3 管理员信息备案表), the published signing keys and the signature check of a certificate's QR
 * code (R-25, CONTRACT).
 */
import { z } from 'zod';

// ---------------------------------------------------------------- vocabulary

export const SEAL_APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type SealApplicationStatusCode = (typeof SEAL_APPLICATION_STATUSES)[number];
export const SEAL_APPLICATION_STATUS_LABELS: Record<SealApplicationStatusCode, string> = {
  pending: '待审批',
  approved: '已启用',
  rejected: '不予启用',
};

/** The letter of 附件2, used when the bureau writes no other reason. */
export const SEAL_APPLICATION_DEFAULT_REASON =
  '根据《河南省专业技术人员继续教育证书管理办法》，经研究，决定启用本地区专业技术人员继续教育证书专用章。特此申请。';

/** 管理员职责 printed on 附件3. */
export const CERTIFICATE_ADMIN_DUTIES = [
  '指导所属单位管理员及专业技术人员进行注册登记。',
  '审核本单位专业技术人员继续教育学时。',
  '制定并报备本单位年度专业技术人员培训计划。',
  '做好本单位专业技术人员继续教育信息查询、统计分析等工作。',
] as const;

const text = (max: number, what: string) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}个字符`);
/** A mobile number or a landline such as 0371-69690386. */
const telephone = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, `${what}格式不正确（手机号或区号-号码）`);
const cursor = z.coerce.number().int().min(0).optional();

// ---------------------------------------------------------------- e-seal applications (附件2)

export const sealApplicationRequest = z.object({
  contactName: text(50, '联系人'),
  contactPhone: telephone('联系电话'),
  /** 申请事由; the template's letter when omitted. */
  reason: z.string().trim().max(1000, '申请事由不能超过1000个字符').optional(),
});

export const sealApplication = z.object({
  id: z.number(),
  bureauId: z.number(),
  bureauName: z.string(),
  sealText: z.string(),
  status: z.enum(SEAL_APPLICATION_STATUSES),
  statusLabel: z.string(),
  reason: z.string(),
  applicantName: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  submittedAt: z.string(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** The signing key created on approval. */
  kid: z.string().nullable(),
  version: z.number(),
});
export type SealApplication = z.infer<typeof sealApplication>;

export const sealApplicationsQuery = z.object({
  status: z.enum(SEAL_APPLICATION_STATUSES).optional(),
  /** Keyset cursor: nextAfter of the previous page (newest first). */
  after: cursor,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const sealApplicationList = z.object({
  items: z.array(sealApplication),
  nextAfter: z.number().nullable(),
});

export const sealStatus = z.object({
  bureauId: z.number(),
  bureauName: z.string(),
  /** Whether this organisation issues certificates and so may hold an e-seal. */
  eligible: z.boolean(),
  /** The seal is enabled (approved by the province): the bureau can issue certificates. */
  enabled: z.boolean(),
  sealText: z.string().nullable(),
  /** The key that signs this bureau's certificates now. */
  activeKid: z.string().nullable(),
  latestApplication: sealApplication.nullable(),
});
export type SealStatus = z.infer<typeof sealStatus>;

// ---------------------------------------------------------------- admin filings (附件3)

export const adminFilingRequest = z.object({
  unitName: text(100, '单位名称'),
  industry: text(50, '行业类别'),
  orgCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(
      /^([0-9A-Z]{8}-?[0-9X]|[0-9A-Z]{18})$/,
      '单位组织机构代码应为9位组织机构代码或18位统一社会信用代码',
    ),
  adminName: text(50, '管理员姓名'),
  gender: z.enum(['男', '女'], { error: '请选择性别' }),
  workDepartment: text(50, '工作部门'),
  title: text(50, '职务'),
  phone: telephone('联系电话'),
  fax: z.union([telephone('传真'), z.literal('')]).optional(),
  email: z.string().trim().email('电子信箱格式不正确').max(100),
  postCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '邮编应为6位数字'),
  address: text(200, '邮寄地址'),
});
export type AdminFilingRequest = z.infer<typeof adminFilingRequest>;

export const adminFiling = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  filedAt: z.string(),
  filedByName: z.string(),
  unitName: z.string(),
  industry: z.string(),
  orgCode: z.string(),
  adminName: z.string(),
  gender: z.string(),
  workDepartment: z.string(),
  title: z.string(),
  phone: z.string(),
  fax: z.string().nullable(),
  email: z.string(),
  postCode: z.string(),
  address: z.string(),
});
export const adminFilingsQuery = z.object({
  after: cursor,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const adminFilingList = z.object({ items: z.array(adminFiling), nextAfter: z.number().nullable() });

// ---------------------------------------------------------------- keys and verification (CONTRACT)

export const publicJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});
export const publicJwks = z.object({ keys: z.array(publicJwk) });

/** The facts a certificate's QR token carries (signed by the issuing bureau). */
export const certificateFacts = z.object({
  certNo: z.string(),
  holderName: z.string(),
  idNumberMasked: z.string(),
  years: z.array(z.object({ year: z.number(), publicHours: z.number(), professionalHours: z.number() })),
  issuer: z.object({ id: z.number(), name: z.string() }),
  issuedOn: z.string(),
});
export type CertificateFactsBody = z.infer<typeof certificateFacts>;

export const verifyCertificateRequest = z.object({
  /** The text of the certificate's QR code (the verification URL), or the bare token. */
  token: z.string().trim().min(1, '请提供二维码内容').max(4096),
});
export const verifyCertificateResponse = z.object({
  valid: z.boolean(),
  reason: z.string(),
  certificate: certificateFacts.nullable(),
});
