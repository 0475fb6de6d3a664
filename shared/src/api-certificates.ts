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

/**
 * A certificate-signing public key. `SM2SM3` (new keys): `kty` EC, `crv` SM2, `x`/`y` the point's
 * coordinates (32 bytes each, base64url); the signature is SM2 (GB/T 32918.2) over SM3 with the
 * default user ID 1234567812345678, encoded r‖s (64 bytes). `EdDSA`: Ed25519 (RFC 8037), older keys.
 */
export const publicJwk = z.discriminatedUnion('alg', [
  z.object({
    kty: z.literal('EC'),
    crv: z.literal('SM2'),
    x: z.string(),
    y: z.string(),
    kid: z.string(),
    alg: z.literal('SM2SM3'),
    use: z.literal('sig'),
  }),
  z.object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string(),
    kid: z.string(),
    alg: z.literal('EdDSA'),
    use: z.literal('sig'),
  }),
]);
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

export const verifyCertificateRequest = z.object({
  /**
   * The text of the certificate's QR code (the verification URL), the bare token, or a verifiable
   * credential (VC-JWT, up to 16 KiB).
   */
  token: z.string().trim().min(1, '请提供二维码内容或电子凭证').max(16_384, '内容过长，不是本平台出具的二维码或电子凭证'),
});
/**
 * CONTRACT's answer plus three fields (CERT-API.md): `signature` (kid, alg and the algorithm's
 * Chinese name of a signature that held, else null), `status` ('valid': signature good and the
 * platform holds the certificate as valid; 'revoked': a year of it was revoked; 'invalid': anything
 * else) and `revokedAt` (ISO time of the revocation, or null).
 */
export const verifyCertificateResponse = z.object({
  valid: z.boolean(),
  reason: z.string(),
  certificate: certificateFacts.nullable(),
  status: z.enum(['valid', 'revoked', 'invalid']),
  revokedAt: z.string().nullable(),
  /** The signature that was checked, when the token's signature held: its key and algorithm. */
  signature: z
    .object({ kid: z.string(), alg: z.enum(['SM2SM3', 'EdDSA']), algorithm: z.string() })
    .nullable(),
});
export type VerifyCertificateResponse = z.infer<typeof verifyCertificateResponse>;

// ---------------------------------------------------------------- 年度完成情况 (R-21, CERT-API.md)

export const CERTIFICATE_STATES = ['valid', 'revoked', 'none'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];
export const CERTIFICATE_STATE_LABELS: Record<CertificateState, string> = {
  valid: '有效',
  revoked: '已撤销',
  none: '无证书',
};
export const COMPLETION_RESULT_LABELS = ['通过', '未通过', '进行中'] as const;

export const completionYear = z.object({
  year: z.number(),
  requirement: z.object({
    publicHours: z.number(),
    professionalHours: z.number(),
    /** The rule (and the reduction) the figures come from, in Chinese. */
    basis: z.string(),
    /**
     * 第八条 reduction: the months of the year NOT on duty (12 − the months on duty of the approved
     * form-15 record); null when the year has no reduction. 6 → half of the requirement.
     */
    reducedMonths: z.number().nullable(),
  }),
  publicHours: z.number(),
  professionalHours: z.number(),
  covers: z.array(z.enum(['professional', 'all'])),
  passed: z.boolean(),
  missingPublic: z.number(),
  missingProfessional: z.number(),
  resultLabel: z.enum(COMPLETION_RESULT_LABELS),
  /** 外省转入: the provinces whose approved hours count in this year (empty when none). */
  transferredFrom: z.array(z.string()),
  certificate: z.object({
    status: z.enum(CERTIFICATE_STATES),
    issuerName: z.string().nullable(),
    issuedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    printable: z.boolean(),
    notPrintableReason: z.string().nullable(),
  }),
});
export type CompletionYear = z.infer<typeof completionYear>;
export const completionList = z.object({ years: z.array(completionYear) });

export const completionYearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const completionRecord = z.object({
  id: z.number(),
  formLabel: z.string(),
  /** '' while a draft has none. */
  title: z.string(),
  /** Null while a draft (保存暂不提交) has none. */
  subject: z.enum(['public', 'professional']).nullable(),
  hours: z.number().nullable(),
  status: z.string(),
  /** The state, and why the record does (not) count. */
  statusLabel: z.string(),
  approvedAt: z.string().nullable(),
  counted: z.boolean(),
  /** Reported by an online learning platform: the platform's name, else null. */
  sourcePlatformName: z.string().nullable(),
});
export const completionDetail = z.object({ year: z.number(), records: z.array(completionRecord) });

export const certificatePdfParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const mergedPdfQuery = z.object({
  from: z.coerce.number({ error: '请选择起始年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
  to: z.coerce.number({ error: '请选择截止年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
});

// ---------------------------------------------------------------- certificate queries

export const certificateYear = z.object({
  year: z.number(),
  status: z.enum(['valid', 'revoked']),
  issuer: z.string(),
  publicHours: z.number(),
  professionalHours: z.number(),
  /** 外省转入: provinces whose approved hours count in the year (empty when none). */
  transferredFrom: z.array(z.string()),
});
export type CertificateYearDto = z.infer<typeof certificateYear>;

const certNoField = z
  .string()
  .trim()
  .regex(/^\d{13}$/, '证书管理号应为13位数字');
const idNumberField = z
  .string()
  .trim()
  .toUpperCase()
  .min(15, '身份证号格式不正确')
  .max(18, '身份证号格式不正确');

/** CONTRACT: `?certNo=C` or `?idNumber=I&name=N`. */
export const publicCertificateQuery = z
  .object({
    certNo: certNoField.optional(),
    idNumber: idNumberField.optional(),
    name: z.string().trim().min(1, '请填写姓名').max(50).optional(),
  })
  .refine((q) => q.certNo !== undefined || (q.idNumber !== undefined && q.name !== undefined), {
    message: '请填写证书管理号，或身份证号和姓名',
  });
export const publicCertificateAnswer = z.object({
  holder: z.object({ name: z.string(), certNo: z.string() }),
  years: z.array(certificateYear),
});

export const adminCertificateQuery = z
  .object({ certNo: certNoField.optional(), idNumber: idNumberField.optional() })
  .refine((q) => q.certNo !== undefined || q.idNumber !== undefined, { message: '请填写证书管理号或身份证号' });
export const adminCertificateAnswer = z.object({
  person: z.object({ name: z.string(), idNumberMasked: z.string(), certNo: z.string(), unitName: z.string() }),
  years: z.array(certificateYear),
});

/** Batch query (Excel of ID numbers → Excel of results). */
export const CERTIFICATE_BATCH_LIMITS = { maxRows: 5000, maxFileBytes: 5 * 1024 * 1024 } as const;
/** 状态 column of the batch result. */
export const CERTIFICATE_BATCH_STATES = ['有效', '已撤销', '无证书', '不在管理范围内', '身份证号格式不正确'] as const;

// ---------------------------------------------------------------- 学时转登

export const historicalHoursRequest = z.object({
  idNumber: z.string({ error: '请填写身份证号' }).trim().toUpperCase().min(15, '身份证号格式不正确').max(18, '身份证号格式不正确'),
  year: z.number({ error: '请填写年度' }).int('年度不正确').min(2000, '年度不正确').max(2100, '年度不正确'),
  subject: z.enum(['public', 'professional'], { error: '请选择计入科目' }),
  hours: z
    .number({ error: '请填写学时' })
    .gt(0, '学时应大于0')
    .max(999, '学时不能超过999')
    .refine((h) => Math.abs(Math.round(h * 10) - h * 10) < 1e-9, '学时最多保留一位小数'),
  /** 学习内容 as recorded on the paper certificate. */
  title: z.string().trim().min(1, '请填写学习内容').max(200, '学习内容不能超过200个字符'),
  /** 原纸质证书编号 */
  paperCertificateNo: z.string().trim().min(1, '请填写原纸质证书编号').max(50, '原纸质证书编号不能超过50个字符'),
  note: z.string().trim().max(500, '备注不能超过500个字符').default(''),
});
export type HistoricalHoursRequest = z.input<typeof historicalHoursRequest>;

export const historicalHoursItem = z.object({
  id: z.number(),
  declarationId: z.number(),
  person: z.object({ name: z.string(), idNumberMasked: z.string(), certNo: z.string() }),
  year: z.number(),
  subject: z.enum(['public', 'professional']),
  subjectLabel: z.string(),
  hours: z.number(),
  title: z.string(),
  paperCertificateNo: z.string(),
  note: z.string(),
  /** The declaration's state in its review chain. */
  status: z.string(),
  statusLabel: z.string(),
  currentReviewerName: z.string().nullable(),
  enteredByName: z.string(),
  enteredAt: z.string(),
});
export const historicalHoursList = z.object({ items: z.array(historicalHoursItem), nextAfter: z.number().nullable() });
export const historicalHoursQuery = z.object({
  after: cursor,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

// ---------------------------------------------------------------- yearly requirement rules (SPEC §7)

const titleLevelEnum = z.enum(['junior', 'intermediate', 'deputy_senior', 'senior'], {
  error: '职称级别应为 junior、intermediate、deputy_senior、senior 之一',
});
const regionPrefix = z.string().regex(/^41\d{0,4}$/, '地区代码应为以41开头的2至6位数字');
const ruleHours = (what: string) =>
  z
    .number({ error: `请填写${what}学时` })
    .min(0, `${what}学时不能为负数`)
    .max(200, `${what}学时不能超过200`)
    .refine((h) => Math.abs(Math.round(h * 10) - h * 10) < 1e-9, '学时最多保留一位小数');

/** A rule the province adds (it wins over the regulation's table for its years and people). */
export const requirementRuleRequest = z
  .object({
    fromYear: z.number({ error: '请填写起始年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
    /** null: still in force. */
    toYear: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确').nullable(),
    titleLevels: z.array(titleLevelEnum).min(1, '职称级别至少选择一项').max(4).optional(),
    regionPrefixes: z.array(regionPrefix).min(1, '地区至少填写一项').max(50).optional(),
    notRegionPrefixes: z.array(regionPrefix).min(1).max(50).optional(),
    publicHours: ruleHours('公需科目'),
    professionalHours: ruleHours('专业科目'),
    /** 依据 (e.g. the annual notice: 豫人社办〔2027〕N号). */
    basis: z.string().trim().min(1, '请填写依据').max(300, '依据不能超过300个字符'),
  })
  .refine((r) => r.toYear === null || r.toYear >= r.fromYear, { message: '截止年度不能早于起始年度', path: ['toYear'] });
export type RequirementRuleRequest = z.infer<typeof requirementRuleRequest>;

export const requirementRuleItem = z.object({
  /** Province rules: their id; the regulation's table: null. */
  id: z.number().nullable(),
  source: z.enum(['province', 'regulation']),
  sourceLabel: z.string(),
  fromYear: z.number(),
  toYear: z.number().nullable(),
  titleLevels: z.array(z.string()).nullable(),
  regionPrefixes: z.array(z.string()).nullable(),
  notRegionPrefixes: z.array(z.string()).nullable(),
  /** Who the rule applies to, in Chinese. */
  appliesTo: z.string(),
  publicHours: z.number(),
  professionalHours: z.number(),
  basis: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});
/** In the order they are tried: the first matching rule decides (newest province rule first). */
export const requirementRuleList = z.object({ items: z.array(requirementRuleItem), currentYear: z.number() });
