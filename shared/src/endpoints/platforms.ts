/**
 * Online learning platforms of continuing-education bases (SPEC R-30, issue 11 items 2–3).
 *
 * - `platformApi`: CONTRACT "Online learning platforms", the interface third parties build against.
 *   Authenticated by the HMAC-SHA256 signature headers, not by a session.
 * - `learningPlatformsApi`: the console: a base registers its platform, the HRSS bureau above it
 *   approves it and issues credentials (shown once), rotates or revokes them; the bureau releases or
 *   refuses held records; the province sets the anomaly thresholds; a person reads their held records.
 */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { idParam } from '../api';
import { ANOMALY_LIMITS } from '../rules/platformAnomalies';

// ---------------------------------------------------------------- the platform API (CONTRACT)

const PLATFORM_TAGS = ['学习平台接口（第三方）'];
export const PLATFORM_MAX_RECORDS = 1000;
export const PLATFORM_SIGNATURE_WINDOW_SECONDS = 300;

const isoTime = z.string().trim().min(1).max(40).refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), {
  message: '时间须为 ISO 8601 格式（如 2026-05-10T08:00:00+08:00）',
});

export const completionRecordInput = z.object({
  recordId: z.string().trim().min(1, 'recordId 不能为空').max(64, 'recordId 不能超过64个字符'),
  idNumber: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(50),
  courseId: z.string().trim().min(1).max(64),
  courseTitle: z.string().trim().min(1).max(200),
  subject: z.enum(['public', 'professional']),
  series: z.string().trim().max(50),
  hours: z.number().positive('学时须大于0').max(1000),
  startedAt: isoTime,
  finishedAt: isoTime,
});
export type CompletionRecordInput = z.infer<typeof completionRecordInput>;

export const PLATFORM_RECORD_STATUSES = ['accepted', 'held', 'refused'] as const;
export type PlatformRecordStatusCode = (typeof PLATFORM_RECORD_STATUSES)[number];
export const PLATFORM_RECORD_STATUS_LABELS: Record<PlatformRecordStatusCode, string> = {
  accepted: '已登记',
  held: '暂存待审核',
  refused: '未登记',
};

export const completionResult = z.object({
  recordId: z.string(),
  status: z.enum(PLATFORM_RECORD_STATUSES),
  reason: z.string().nullable(),
});

export const platformApi = {
  postCompletions: endpoint({
    method: 'POST',
    path: '/api/platform/v1/completions',
    tags: PLATFORM_TAGS,
    summary:
      '学习平台报送学时完成记录（1–1000条，按 recordId 幂等；逐条返回 accepted/held/refused）。需签名请求头 X-Platform-Id、X-Timestamp、X-Nonce、X-Signature',
    body: z.object({ records: z.array(completionRecordInput).min(1, '至少报送1条记录').max(PLATFORM_MAX_RECORDS, `每次最多报送${PLATFORM_MAX_RECORDS}条记录`) }),
    response: z.object({ results: z.array(completionResult) }),
  }),
  getCompletion: endpoint({
    method: 'GET',
    path: '/api/platform/v1/completions/:recordId',
    tags: PLATFORM_TAGS,
    summary: '学习平台查询已报送记录的当前状态（暂存记录经人社部门放行或不予登记后状态随之变化）',
    params: z.object({ recordId: z.string().min(1).max(64) }),
    response: completionResult,
  }),
};

// ---------------------------------------------------------------- the console

const TAGS = ['学习平台'];

export const PLATFORM_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const PLATFORM_STATUS_LABELS: Record<(typeof PLATFORM_STATUSES)[number], string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};
export const CREDENTIAL_STATES = ['none', 'active', 'revoked'] as const;
export const CREDENTIAL_STATE_LABELS: Record<(typeof CREDENTIAL_STATES)[number], string> = {
  none: '未签发',
  active: '有效',
  revoked: '已吊销',
};

export const learningPlatform = z.object({
  id: z.number(),
  name: z.string(),
  url: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  baseName: z.string(),
  bureauName: z.string(),
  status: z.enum(PLATFORM_STATUSES),
  statusLabel: z.string(),
  rejectReason: z.string().nullable(),
  /** CONTRACT's platform id (X-Platform-Id); the secret is never shown again. */
  clientId: z.string().nullable(),
  credentialState: z.enum(CREDENTIAL_STATES),
  credentialStateLabel: z.string(),
  credentialIssuedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  /** The actor may approve or reject it (the HRSS bureau above the base, while pending). */
  canDecide: z.boolean(),
  /** The actor may rotate or revoke its credentials. */
  canManageCredentials: z.boolean(),
});
export type LearningPlatform = z.infer<typeof learningPlatform>;

/** Shown once, right after approval or rotation. */
export const issuedCredentials = z.object({ platformId: z.string(), secret: z.string() });
export const platformWithCredentials = z.object({ platform: learningPlatform, credentials: issuedCredentials.nullable() });

export const platformFields = z.object({
  name: z.string().trim().min(2, '平台名称至少2个字').max(100, '平台名称不能超过100个字'),
  url: z
    .string()
    .trim()
    .max(300, '网址不能超过300个字符')
    .regex(/^https?:\/\/[^\s]+$/i, '请填写以 http:// 或 https:// 开头的网址'),
  contactName: z.string().trim().min(1, '请填写联系人').max(50, '联系人不能超过50个字'),
  contactPhone: z.string().trim().regex(/^[0-9-]{7,20}$/, '联系电话格式不正确'),
});

export const heldFlag = z.object({ code: z.string(), label: z.string(), message: z.string() });
export const platformRecordItem = z.object({
  id: z.number(),
  platformId: z.number(),
  platformName: z.string(),
  recordId: z.string(),
  status: z.enum(PLATFORM_RECORD_STATUSES),
  statusLabel: z.string(),
  reason: z.string().nullable(),
  flags: z.array(heldFlag),
  name: z.string(),
  idNumberMasked: z.string(),
  unitName: z.string().nullable(),
  courseId: z.string(),
  courseTitle: z.string(),
  subject: z.enum(['public', 'professional']),
  subjectLabel: z.string(),
  series: z.string(),
  hours: z.number(),
  startedAt: z.string(),
  finishedAt: z.string(),
  receivedAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number(),
});
export type PlatformRecordItem = z.infer<typeof platformRecordItem>;

export const anomalySettingsDto = z.object({
  maxHoursPerDay: z.number(),
  minMinutesPerHour: z.number(),
  courseLengthMinSamples: z.number(),
  updatedAt: z.string().nullable(),
});

const page = { after: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };

export const learningPlatformsApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/admin/learning-platforms',
    tags: TAGS,
    summary: '学习平台列表：基地看本基地的平台，人社部门看辖区内基地的平台（可按状态筛选）',
    query: z.object({ status: z.enum(PLATFORM_STATUSES).optional(), ...page }),
    response: z.object({ items: z.array(learningPlatform), nextAfter: z.number().nullable() }),
  }),
  register: endpoint({
    method: 'POST',
    path: '/api/admin/learning-platforms',
    tags: TAGS,
    summary: '继续教育基地登记本基地的学习平台（名称、网址、联系人），报上级人社部门审核',
    body: platformFields,
    response: learningPlatform,
    status: 201,
  }),
  decide: endpoint({
    method: 'POST',
    path: '/api/admin/learning-platforms/:id/decision',
    tags: TAGS,
    summary: '人社部门审核学习平台：通过即签发接口凭证（平台标识与密钥，密钥只显示这一次），或不通过并说明原因',
    params: idParam,
    body: z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional(), version: z.number().int().min(0) }),
    response: platformWithCredentials,
  }),
  rotate: endpoint({
    method: 'POST',
    path: '/api/admin/learning-platforms/:id/rotate',
    tags: TAGS,
    summary: '更换学习平台接口凭证：旧凭证立即失效，新密钥只显示这一次（吊销后重新签发也用此接口）',
    params: idParam,
    body: z.object({ version: z.number().int().min(0) }),
    response: platformWithCredentials,
  }),
  revoke: endpoint({
    method: 'POST',
    path: '/api/admin/learning-platforms/:id/revoke',
    tags: TAGS,
    summary: '吊销学习平台接口凭证：立即失效',
    params: idParam,
    body: z.object({ version: z.number().int().min(0) }),
    response: learningPlatform,
  }),
  heldRecords: endpoint({
    method: 'GET',
    path: '/api/admin/platform-records',
    tags: TAGS,
    summary: '平台学时暂存审核：辖区内学习平台报送的记录（默认暂存待审核的），含暂存原因和异常标记',
    query: z.object({ status: z.enum(PLATFORM_RECORD_STATUSES).default('held'), platformId: z.coerce.number().int().positive().optional(), ...page }),
    response: z.object({ items: z.array(platformRecordItem), nextAfter: z.number().nullable() }),
  }),
  decideRecord: endpoint({
    method: 'POST',
    path: '/api/admin/platform-records/:id/decision',
    tags: TAGS,
    summary: '人社部门放行（登记并计入学时）或不予登记暂存的平台记录',
    params: idParam,
    body: z.object({ decision: z.enum(['release', 'refuse']), reason: z.string().trim().max(500).optional(), version: z.number().int().min(0) }),
    response: platformRecordItem,
  }),
  mine: endpoint({
    method: 'GET',
    path: '/api/me/platform-records',
    tags: TAGS,
    summary: '本人被学习平台报送但暂存待审核或未登记的记录，及其原因',
    query: z.object(page),
    response: z.object({ items: z.array(platformRecordItem), nextAfter: z.number().nullable() }),
  }),
  anomalySettings: endpoint({
    method: 'GET',
    path: '/api/admin/anomaly-settings',
    tags: TAGS,
    summary: '学时异常检查的阈值（省人社厅设置）',
    response: anomalySettingsDto,
  }),
  setAnomalySettings: endpoint({
    method: 'PUT',
    path: '/api/admin/anomaly-settings',
    tags: TAGS,
    summary: '设置学时异常检查的阈值：每日学时上限、每学时最少学习分钟数、确定课程时长所需的记录数',
    body: z.object({
      maxHoursPerDay: z.number().min(ANOMALY_LIMITS.maxHoursPerDay.min).max(ANOMALY_LIMITS.maxHoursPerDay.max),
      minMinutesPerHour: z.number().int().min(ANOMALY_LIMITS.minMinutesPerHour.min).max(ANOMALY_LIMITS.minMinutesPerHour.max),
      courseLengthMinSamples: z.number().int().min(ANOMALY_LIMITS.courseLengthMinSamples.min).max(ANOMALY_LIMITS.courseLengthMinSamples.max),
    }),
    response: anomalySettingsDto,
  }),
};
