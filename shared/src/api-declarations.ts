/**
 * Hour declarations (学时（分）申报, SPEC §5), their review chain, the declaration window
 * plausibility caps and the sampling audit: vocabulary and the request and
 * response schemas shared by the server and the web.
 */
import { z } from 'zod';
import { FORM_CODES } from './rules/hourStandards';

// ---------------------------------------------------------------- vocabulary

/** 计入科目 */
export const DECLARATION_SUBJECTS = ['public', 'professional'] as const;
export type DeclarationSubject = (typeof DECLARATION_SUBJECTS)[number];
export const SUBJECT_LABELS: Record<DeclarationSubject, string> = {
  public: '公需科目',
  professional: '专业科目',
};

/**
 * States: draft 待提交 → pending 待审核 (at level k of the chain) → approved 审核通过
 * | rejected 审核不通过; an approved record revoked by the sampling audit is 'revoked'.
 */
export const DECLARATION_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'revoked'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];
export const DECLARATION_STATUS_LABELS: Record<DeclarationStatus, string> = {
  draft: '待提交',
  pending: '待审核',
  approved: '审核通过',
  rejected: '审核不通过',
  revoked: '抽查撤销',
};

/** What can happen to a declaration; each is one row of its history (申报进度查询—详细). */
export const DECLARATION_EVENT_ACTIONS = [
  'create',
  'update',
  'submit',
  'revoke',
  'approve',
  'reject',
  'return',
  'sample_confirm',
  'sample_revoke',
  'delete',
] as const;
export type DeclarationEventAction = (typeof DECLARATION_EVENT_ACTIONS)[number];
export const DECLARATION_EVENT_LABELS: Record<DeclarationEventAction, string> = {
  create: '保存申报（暂不提交）',
  update: '修改申报',
  submit: '提交申报',
  revoke: '撤销申报',
  approve: '审核通过',
  reject: '审核不通过',
  return: '驳回',
  sample_confirm: '抽查复核通过',
  sample_revoke: '抽查撤销',
  delete: '删除申报',
};

/** Evidence files (SPEC §11): content-checked types and size limits. */
export const ATTACHMENT_LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
  maxFiles: 20,
  /** Sniffed from the bytes, never from the name or the client's content type. */
  types: ['image/jpeg', 'image/png', 'application/pdf', 'application/zip'] as const,
  typesLabel: 'JPG、PNG 图片，PDF 文件或 ZIP 压缩包',
} as const;
export type AttachmentType = (typeof ATTACHMENT_LIMITS.types)[number];

/** Largest sample one draw may take (each record is re-checked by a person). */
export const MAX_SAMPLE_SIZE = 1000;

// ---------------------------------------------------------------- helpers

const isoDate = (what: string) => z.iso.date({ error: `${what}格式应为 YYYY-MM-DD` });
const hours = z
  .number({ error: '请填写申报学时' })
  .min(0, '学时不能为负数')
  .max(9999, '学时不能超过9999')
  .refine((h) => Math.abs(Math.round(h * 10) - h * 10) < 1e-9, '学时最多保留一位小数');
const year = z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确');
const cursor = z.coerce.number().int().min(0).optional();

export const subjectSchema = z.enum(DECLARATION_SUBJECTS, { error: '请选择计入科目' });
export const formSchema = z.enum(FORM_CODES, { error: '请选择学习形式' });
export const declarationStatusSchema = z.enum(DECLARATION_STATUSES);

// ---------------------------------------------------------------- the professional's side

/** Optional text of a draft: '' while not filled yet. */
const draftText = (max: number) => z.string().trim().max(max, `不能超过${max}个字符`).default('');

/**
 * Create or change a declaration, 保存暂不提交: a draft may leave every field but the year
 * empty (null or ''); what is filled must be well-formed. Submitting checks that everything
 * required is there (server `declarationGaps`). `params` are the learning form's own fields.
 */
export const declarationInput = z.object({
  /** 计入年度 (always chosen: the form starts on the current year). */
  year: z.number({ error: '请选择计入年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
  /** 计入科目 */
  subject: subjectSchema.nullable().default(null),
  /** 学习形式 */
  form: formSchema.nullable().default(null),
  /** 学习内容（培训、会议、课题、论文等的名称） */
  title: draftText(200),
  /** 主办单位 / 发证机关 / 刊物 */
  organiser: draftText(100),
  startDate: isoDate('开始日期').nullable().default(null),
  endDate: isoDate('结束日期').nullable().default(null),
  /** 考核结果 */
  assessmentResult: draftText(100),
  params: z.record(z.string(), z.unknown()).default({}),
  /**
   * 第八条, form 15 ('reduction') only, where it is required: the whole months of the year actually
   * on duty (0–12); the year's requirement is pro-rated by it. Ignored for other forms.
   */
  monthsOnDuty: z
    .number({ error: '在岗月数应为0至12的整数' })
    .int('在岗月数应为0至12的整数')
    .min(0, '在岗月数应为0至12的整数')
    .max(12, '在岗月数应为0至12的整数')
    .nullable()
    .optional(),
  /** 申报学时 */
  claimedHours: hours.nullable().default(null),
  note: z.string().trim().max(500, '备注不能超过500个字符').default(''),
});

export const declarationUpdate = declarationInput.extend({ version: z.number().int().min(0) });
export const versionBody = z.object({ version: z.number().int().min(0) });
/** Deleting a draft: the version it was read at, in the query string. */
export const versionQuery = z.object({ version: z.coerce.number().int().min(0) });
/** One evidence file of one declaration. */
export const attachmentParams = z.object({
  id: z.coerce.number().int().positive(),
  attachmentId: z.coerce.number().int().positive(),
});
/** 审核通过 with an optional 审核意见, kept in the record's history. */
export const reviewApprove = z.object({
  version: z.number().int().min(0),
  comment: z.string().trim().max(500, '审核意见不能超过500个字').optional(),
});

export const myDeclarationsQuery = z.object({
  year: year.optional(),
  status: declarationStatusSchema.optional(),
  /** Keyset cursor: nextAfter of the previous page (newest first). */
  after: cursor,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const standard = {
  /** Standard hours of the regulation (第七条); null where the claimed hours stand. */
  standardHours: z.number().nullable(),
  standardCovers: z.enum(['professional', 'all']).nullable(),
  standardBasis: z.string(),
  /** Claimed minus standard when the claim is above the standard, else null. */
  overStandardBy: z.number().nullable(),
};

/** The markers reviewers see on batch records, by the declaring organisation's kind. */
export const DECLARATION_BATCH_MARKERS = { unit: '单位批量申报', department: '主管部门批量申报', base: '继续教育基地申报' } as const;
/** Why a person cannot revoke a record a continuing-education base declared for them (seed 003 FAQ). */
export const BASE_RECORD_REVOKE_MESSAGE = '若继续教育基地为专技人员申报的学时，专技人员无法自行撤销，可联系代申报的继续教育基地撤回';

/**
 * The fields a draft may leave empty (保存暂不提交): null while not chosen; free text is '' instead.
 * Every record past 'draft' holds them all (submitting checks them).
 */
const draftFields = {
  subject: subjectSchema.nullable(),
  subjectLabel: z.string().nullable(),
  form: formSchema.nullable(),
  formLabel: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  claimedHours: z.number().nullable(),
};
/** The same fields of a submitted record (review queues, sampling): always filled. */
const submittedFields = {
  subject: subjectSchema,
  subjectLabel: z.string(),
  form: formSchema,
  formLabel: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  claimedHours: z.number(),
};

export const declarationSummary = z.object({
  id: z.number(),
  year: z.number(),
  ...draftFields,
  title: z.string(),
  organiser: z.string(),
  ...standard,
  /** Form 15 ('reduction'): the months of the year on duty; null for other forms. */
  monthsOnDuty: z.number().nullable(),
  status: declarationStatusSchema,
  statusLabel: z.string(),
  /** Who has it now: "待郑州市教育局审核" (pending only). */
  currentReviewerName: z.string().nullable(),
  /** 1-based level of the chain the record waits at, and the chain's length. */
  currentLevel: z.number().nullable(),
  chainLength: z.number(),
  submissionNo: z.number(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  rejectReason: z.string().nullable(),
  revokeReason: z.string().nullable(),
  attachmentCount: z.number(),
  version: z.number(),
  /** 外省转入: the province whose hours the record transfers in (“湖北省”), else null. */
  originProvinceName: z.string().nullable(),
  /** Reported by an online learning platform (R-30, 由服务平台自动登记): the platform's name, else null. */
  sourcePlatformName: z.string().nullable(),
  /**
   * Declared by a unit or department in a batch: the batch and its marker ("单位批量申报" /
   * "主管部门批量申报"); its evidence is the batch's (`evidenceCount` files), not the record's own.
   */
  batch: z
    .object({
      id: z.number(),
      marker: z.string(),
      evidenceCount: z.number(),
      /** A continuing-education base's declaration: the base's name and its training class (班次). */
      baseName: z.string().nullable().optional(),
      baseClassId: z.number().nullable().optional(),
    })
    .nullable(),
});
export type DeclarationSummary = z.infer<typeof declarationSummary>;
/** A record past 'draft' (what admins list): nothing a draft may leave empty is missing. */
export const submittedDeclarationSummary = declarationSummary.extend(submittedFields);
export type SubmittedDeclarationSummary = z.infer<typeof submittedDeclarationSummary>;

export const myDeclarationList = z.object({
  items: z.array(declarationSummary),
  nextAfter: z.number().nullable(),
});

export const attachmentSchema = z.object({
  id: z.number(),
  name: z.string(),
  contentType: z.enum(ATTACHMENT_LIMITS.types),
  size: z.number(),
  uploadedAt: z.string(),
});
export type AttachmentDto = z.infer<typeof attachmentSchema>;
export const attachmentList = z.object({ items: z.array(attachmentSchema) });

export const chainStepSchema = z.object({
  level: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgKind: z.string(),
  /** approved: this level passed; current: waiting here; waiting: not reached yet; rejected: stopped here. */
  state: z.enum(['approved', 'current', 'waiting', 'rejected']),
});

export const declarationEventSchema = z.object({
  id: z.number(),
  submissionNo: z.number(),
  action: z.enum(DECLARATION_EVENT_ACTIONS),
  actionLabel: z.string(),
  /** 1-based chain level of a review action. */
  level: z.number().nullable(),
  actorName: z.string().nullable(),
  orgName: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

export const declarationDetail = declarationSummary.extend({
  assessmentResult: z.string(),
  params: z.record(z.string(), z.unknown()),
  note: z.string(),
  evidence: z.array(z.string()),
  evidenceNote: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  /** A batch record's evidence (the batch's files; admins only, empty for the person and other records). */
  batchEvidence: z.array(z.object({ id: z.number(), name: z.string(), contentType: z.string(), size: z.number() })),
  /** The review chain of the current (or last) submission, in order. */
  chain: z.array(chainStepSchema),
  /** Every action on the record, oldest first. */
  history: z.array(declarationEventSchema),
  person: z.object({ name: z.string(), idNumberMasked: z.string() }),
  unitName: z.string(),
  workDepartmentName: z.string().nullable(),
  /** Sampling audits that drew this record. */
  samples: z.array(
    z.object({ sampleId: z.number(), outcome: z.enum(['pending', 'confirmed', 'revoked']), reason: z.string().nullable() }),
  ),
  /** For reviewers: the year holds both 本省 and 外省转入 hours beyond its requirement. */
  overlapWarning: z.string().nullable(),
  /** What the signed-in person may do now. */
  can: z.object({ edit: z.boolean(), delete: z.boolean(), submit: z.boolean(), revoke: z.boolean(), review: z.boolean() }),
});
export type DeclarationDetail = z.infer<typeof declarationDetail>;

export const declarationOptions = z.object({
  currentYear: z.number(),
  /** Years the signed-in person may declare now, with the reason (window or a bureau's opening). */
  openYears: z.array(z.object({ year: z.number(), until: z.string().nullable(), reason: z.string() })),
  closedMessage: z.string(),
  subjects: z.array(z.object({ code: subjectSchema, label: z.string() })),
  forms: z.array(
    z.object({
      code: formSchema,
      label: z.string(),
      evidence: z.array(z.string()),
      evidenceNote: z.string().nullable(),
      /** The province's cap on one record's claimed hours, or null. */
      maxHours: z.number().nullable(),
      /** The form counts only as 专业科目. */
      professionalOnly: z.boolean(),
    }),
  ),
  attachments: z.object({
    maxFileBytes: z.number(),
    maxTotalBytes: z.number(),
    maxFiles: z.number(),
    types: z.array(z.string()),
    typesLabel: z.string(),
  }),
});

// ---------------------------------------------------------------- reviewers

/**
 * awaiting (default): waiting for the signed-in admin's organisation (the review queue);
 * the others: every record of that state in the admin's subtree.
 */
export const REVIEW_VIEWS = ['awaiting', 'pending', 'approved', 'rejected', 'revoked'] as const;

export const reviewQueueQuery = z.object({
  /** 认证年度; default: the current year. */
  year: year.optional(),
  status: z.enum(REVIEW_VIEWS).default('awaiting'),
  form: formSchema.optional(),
  subject: subjectSchema.optional(),
  name: z.string().trim().max(50).optional(),
  idNumber: z.string().trim().max(32).optional(),
  workDepartmentId: z.coerce.number().int().positive().optional(),
  /** Only claims above the standard hours. */
  overStandard: z.enum(['true', 'false']).optional(),
  /**
   * base: only records continuing-education bases declared (继教基地学时审核, R-29); omitted: every
   * other record (学时审核) — a base's records are reviewed in their own list.
   */
  source: z.enum(['base']).optional(),
  after: cursor,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** An anomaly check's flag on a record (issue 11 item 3): code, Chinese label (ANOMALY_LABELS) and message. */
export const anomalyFlagItem = z.object({ code: z.string(), label: z.string(), message: z.string() });
export type AnomalyFlagItem = z.infer<typeof anomalyFlagItem>;

export const reviewQueueItem = submittedDeclarationSummary.extend({
  person: z.object({ personId: z.number(), name: z.string(), idNumberMasked: z.string() }),
  unitName: z.string(),
  workDepartmentName: z.string().nullable(),
  /** The reviewer's own declaration: another admin must decide it (conflict of interest). */
  ownMatter: z.boolean().optional(),
  /** The year holds both 本省 and 外省转入 hours beyond its requirement (transferOverlapWarning). */
  overlapWarning: z.string().nullable(),
  /** A batch row's anomaly flags raised at import (DAY_HOURS, DUPLICATE); empty when none. */
  anomalyFlags: z.array(anomalyFlagItem),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItem>;

export const reviewQueue = z.object({
  year: z.number(),
  status: z.enum(REVIEW_VIEWS),
  items: z.array(reviewQueueItem),
  nextAfter: z.number().nullable(),
  /**
   * Records waiting for this organisation, per 认证年度 (all years). Counted on the first page only
   * (no `after`): a later page carries [] here, 0 in otherYearsAwaiting and null in otherYearsHint.
   */
  awaitingByYear: z.array(z.object({ year: z.number(), count: z.number() })),
  /** Records waiting for this organisation in other years than `year` (first page only). */
  otherYearsAwaiting: z.number(),
  /** "其他年度还有 N 条待审核…" when otherYearsAwaiting > 0, else null (first page only). */
  otherYearsHint: z.string().nullable(),
});

export const reviewReject = z.object({
  version: z.number().int().min(0),
  reason: z.string().trim().min(2, '请填写审核不通过（驳回）的原因').max(500),
});

export const bulkReviewRequest = z
  .object({
    decision: z.enum(['approve', 'reject']),
    /** 不通过 / 驳回: the reason (required); 通过: an optional 审核意见. */
    reason: z.string().trim().max(500).optional(),
    items: z
      .array(z.object({ id: z.number().int().positive(), version: z.number().int().min(0) }))
      .min(1, '请选择要审核的申报')
      .max(100, '一次最多审核100条'),
  })
  .superRefine((b, ctx) => {
    if (b.decision === 'reject' && (b.reason ?? '').length < 2) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '请填写审核不通过（驳回）的原因' });
    }
  });

export const reviewResult = z.object({
  id: z.number(),
  status: declarationStatusSchema,
  statusLabel: z.string(),
  message: z.string(),
});
export const bulkReviewResponse = z.object({
  succeeded: z.number(),
  failed: z.number(),
  results: z.array(
    z.object({
      id: z.number(),
      ok: z.boolean(),
      status: declarationStatusSchema.nullable(),
      code: z.string().nullable(),
      message: z.string(),
    }),
  ),
});

// ---------------------------------------------------------------- settings

export const declarationWindow = z.object({
  year: z.number(),
  opensOn: z.string(),
  closesOn: z.string(),
  updatedAt: z.string(),
});
export const declarationWindowList = z.object({
  currentYear: z.number(),
  /** Without a window a year is open exactly while it is the current year. */
  defaultRule: z.string(),
  items: z.array(declarationWindow),
});
export const declarationWindowRequest = z.object({ opensOn: isoDate('开放日期'), closesOn: isoDate('截止日期') });
export const yearParam = z.object({ year });

export const declarationCapList = z.object({
  items: z.array(
    z.object({ form: formSchema, formLabel: z.string(), maxHours: z.number().nullable(), updatedAt: z.string().nullable() }),
  ),
});
export const declarationCapRequest = z.object({
  maxHours: z.number().positive('上限应大于0').max(9999).nullable(),
});
export const formParam = z.object({ form: formSchema });

export const yearOpeningRequest = z.object({
  idNumber: z.string().trim().min(1, '请输入专业技术人员的身份证号').max(32),
  year: z.number().int().min(2000).max(2100),
  reason: z.string().trim().min(2, '请填写开放原因').max(500),
  /** Last day (inclusive, China time) the person may declare that year. */
  expiresOn: isoDate('有效期'),
});
export const yearOpening = z.object({
  id: z.number(),
  year: z.number(),
  person: z.object({ name: z.string(), idNumberMasked: z.string() }),
  unitName: z.string(),
  bureauName: z.string(),
  reason: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  active: z.boolean(),
});
export const yearOpeningList = z.object({ items: z.array(yearOpening), nextAfter: z.number().nullable() });
export const yearOpeningQuery = z.object({ year: year.optional(), after: cursor, limit: z.coerce.number().int().min(1).max(100).default(20) });

// ---------------------------------------------------------------- sampling audit

export const sampleDrawRequest = z
  .object({
    /** The HRSS bureau whose region is sampled (default: the signed-in admin's bureau). */
    bureauId: z.number().int().positive().optional(),
    year: z.number().int().min(2000).max(2100),
    /** Share of the population, 0 < rate ≤ 1 … */
    rate: z.number().gt(0).max(1).optional(),
    /** … or a number of records. */
    count: z.number().int().min(1).max(MAX_SAMPLE_SIZE).optional(),
    /** Reproducible draw: the same seed over the same population gives the same sample. */
    seed: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.rate === undefined) === (b.count === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['rate'], message: '请填写抽查比例或抽查条数（二选一）' });
    }
  });

export const sampleSummary = z.object({
  id: z.number(),
  bureauId: z.number(),
  bureauName: z.string(),
  year: z.number(),
  seed: z.string(),
  rate: z.number().nullable(),
  requestedCount: z.number().nullable(),
  populationSize: z.number(),
  sampleSize: z.number(),
  drawnAt: z.string(),
  drawnByName: z.string(),
  confirmed: z.number(),
  revoked: z.number(),
  pending: z.number(),
});
export const sampleList = z.object({ items: z.array(sampleSummary), nextAfter: z.number().nullable() });
export const sampleListQuery = z.object({ year: year.optional(), after: cursor, limit: z.coerce.number().int().min(1).max(100).default(20) });

export const sampleItem = z.object({
  position: z.number(),
  outcome: z.enum(['pending', 'confirmed', 'revoked']),
  outcomeLabel: z.string(),
  reason: z.string().nullable(),
  checkedAt: z.string().nullable(),
  declaration: reviewQueueItem,
});
export const sampleDetail = sampleSummary.extend({ items: z.array(sampleItem) });
export const sampleVerify = z.object({
  matches: z.boolean(),
  populationSize: z.number(),
  recorded: z.array(z.number()),
  redrawn: z.array(z.number()),
  message: z.string(),
});
export const sampleItemParams = z.object({ id: z.coerce.number().int().positive(), declarationId: z.coerce.number().int().positive() });
export const sampleRevokeRequest = z.object({ reason: z.string().trim().min(2, '请填写撤销原因').max(500) });
