/**
 * Schemas of issue 14: the did:web document of the verifiable credentials, share links for
 * reviewing bodies, the log of who checked a certificate, and hours transferred from another province.
 */
import { z } from 'zod';

// ---------------------------------------------------------------- did:web (CONTRACT "Credentials")

export const didDocumentSchema = z.object({
  '@context': z.array(z.string()),
  id: z.string(),
  alsoKnownAs: z.array(z.string()),
  verificationMethod: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      controller: z.string(),
      publicKeyJwk: z.record(z.string(), z.string()),
    }),
  ),
  assertionMethod: z.array(z.string()),
});

// ---------------------------------------------------------------- share links (职称评审 / 岗位聘用)

export const SHARE_STATES = ['active', 'expired', 'revoked'] as const;
export type ShareStateDto = (typeof SHARE_STATES)[number];

export const createShareRequest = z.object({
  recipient: z.string().trim().min(2, '请填写接收单位名称（至少2个字）').max(100, '接收单位名称不能超过100个字'),
  years: z
    .array(z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'))
    .min(1, '请至少选择一个年度')
    .max(30, '一次最多共享30个年度'),
  validDays: z.number({ error: '请填写有效天数' }).int('有效天数须为整数').min(1, '有效期至少1天').max(90, '有效期最长90天'),
  showFullId: z.boolean(),
});
export type CreateShareRequest = z.infer<typeof createShareRequest>;

export const shareItem = z.object({
  id: z.number(),
  recipient: z.string(),
  years: z.array(z.number()),
  showFullId: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  state: z.enum(SHARE_STATES),
  stateLabel: z.string(),
  views: z.number(),
  lastViewedAt: z.string().nullable(),
  version: z.number(),
});
export type ShareItem = z.infer<typeof shareItem>;
/** The answer to creating a share: the link is shown this once (only its hash is kept). */
export const createdShare = shareItem.extend({ url: z.string() });
export type CreatedShare = z.infer<typeof createdShare>;
export const shareList = z.object({ items: z.array(shareItem) });
export const revokeShareRequest = z.object({ version: z.number().int().min(0) });
export const shareTokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, '链接不正确') });

/** What a reviewing body sees: the chosen years, read-only, and nothing else of the person. */
export const sharedRecord = z.object({
  title: z.string(),
  organiser: z.string(),
  formLabel: z.string(),
  subject: z.enum(['public', 'professional']),
  startDate: z.string(),
  endDate: z.string(),
  hours: z.number(),
  source: z.string(),
  trail: z.array(z.object({ label: z.string(), orgName: z.string().nullable(), at: z.string() })),
});
export const sharedYear = z.object({
  year: z.number(),
  requirement: z.object({ publicHours: z.number(), professionalHours: z.number() }),
  publicHours: z.number(),
  professionalHours: z.number(),
  resultLabel: z.string(),
  byForm: z.array(z.object({ formLabel: z.string(), hours: z.number() })),
  records: z.array(sharedRecord),
  certificate: z.object({
    status: z.enum(['valid', 'revoked', 'none']),
    statusLabel: z.string(),
    issuerName: z.string().nullable(),
    issuedOn: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
  }),
});
export type SharedYear = z.infer<typeof sharedYear>;
export const sharedView = z.object({
  state: z.enum(SHARE_STATES),
  message: z.string(),
  recipient: z.string(),
  expiresAt: z.string(),
  viewedAt: z.string(),
  holder: z.object({ name: z.string(), idNumber: z.string(), idNumberMasked: z.boolean(), certNo: z.string() }).nullable(),
  years: z.array(sharedYear),
});
export type SharedView = z.infer<typeof sharedView>;

// ---------------------------------------------------------------- 谁查看了我的证书

export const VIEW_CHANNELS = ['qr', 'query', 'credential', 'share'] as const;
export type ViewChannel = (typeof VIEW_CHANNELS)[number];
export const VIEW_CHANNEL_LABELS: Record<ViewChannel, string> = {
  qr: '扫描证书二维码验证',
  query: '证书查询（按证书管理号或身份证号）',
  credential: '验证可验证凭证',
  share: '打开共享链接',
};
export const certificateViewsQuery = z.object({
  after: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  shareId: z.coerce.number().int().positive().optional(),
});
export const certificateViewItem = z.object({
  id: z.number(),
  at: z.string(),
  channel: z.enum(VIEW_CHANNELS),
  channelLabel: z.string(),
  years: z.array(z.number()),
  outcome: z.string(),
  outcomeLabel: z.string(),
  ipMasked: z.string(),
  uaFamily: z.string(),
  recipient: z.string().nullable(),
});
export type CertificateViewItem = z.infer<typeof certificateViewItem>;
export const certificateViewList = z.object({
  items: z.array(certificateViewItem),
  nextAfter: z.number().nullable(),
  perYear: z.array(z.object({ year: z.number(), count: z.number() })),
  total: z.number(),
  retentionDays: z.number(),
});
export type CertificateViewList = z.infer<typeof certificateViewList>;
