/**
 * Professionals (专业技术人员): registration, review, profile and change requests,
 * transfers, admin people management and archive.
 */
import { z } from 'zod';
import { ACCOUNT_STATUSES } from './domain';
import { emailSchema, phoneSchema } from './api';
import { ETHNICITIES, MAJORS, TITLE_SERIES } from './catalogues';
import { TITLE_LEVELS } from './rules/yearRequirement';

export const GENDERS = ['male', 'female'] as const;
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: '男', female: '女' };

export const CHANGE_REQUEST_KINDS = ['title', 'identity'] as const;
export type ChangeRequestKind = (typeof CHANGE_REQUEST_KINDS)[number];
export const CHANGE_REQUEST_KIND_LABELS: Record<ChangeRequestKind, string> = {
  title: '专业技术职务修改',
  identity: '证件信息修改',
};

export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];
export const CHANGE_REQUEST_STATUS_LABELS: Record<ChangeRequestStatus, string> = {
  pending: '待审核',
  approved: '审核通过',
  rejected: '审核不通过',
  withdrawn: '已撤回',
};

export const TRANSFER_STATUSES = ['pending_out', 'pending_in', 'completed', 'rejected', 'withdrawn'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = {
  pending_out: '待原单位同意转出',
  pending_in: '待新单位同意调入',
  completed: '调转完成',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** Field names of change requests' before/after values, for display. */
export const CHANGE_FIELD_LABELS: Record<string, string> = {
  titleSeries: '职称系列',
  titleLevel: '职称级别',
  name: '姓名',
  idNumber: '身份证号',
};

const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字符`).nullable().optional();
const id = z.number().int().positive();
const named = z.object({ id: z.number(), name: z.string() });

export const genderSchema = z.enum(GENDERS, { error: '请选择性别' });
export const titleLevelSchema = z.enum(TITLE_LEVELS, { error: '请选择职称级别' });
export const titleSeriesSchema = z.enum(TITLE_SERIES, { error: '请选择职称系列' });
export const majorSchema = z.enum(MAJORS as [string, ...string[]], { error: '请选择所学专业' });
export const ethnicitySchema = z.enum(ETHNICITIES, { error: '请选择民族' });

// ---------------------------------------------------------------- registration (public)
export const professionalRegistrationRequest = z.object({
  idNumber: z.string().trim().min(1, '请输入身份证号').max(32),
  password: z.string().min(1, '请输入密码').max(128),
  phone: phoneSchema,
  email: emailSchema,
  unitId: id.describe('所在单位（先选区域，再按名称模糊查找）'),
  /** Required when the unit has 工作部门. */
  workDepartmentId: id.nullable().default(null),
  name: z.string().trim().min(1, '请输入姓名').max(50),
  gender: genderSchema,
  birthDate: z.iso.date('出生日期格式应为YYYY-MM-DD'),
  ethnicity: ethnicitySchema.nullable().default(null),
  nativePlace: optionalText(50),
  graduatedSchool: optionalText(100),
  major: majorSchema,
  titleSeries: titleSeriesSchema,
  titleLevel: titleLevelSchema,
  captcha: z.string().max(16).default(''),
});

// ---------------------------------------------------------------- review of registrations
export const professionalRegistrationItem = z.object({
  accountId: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  gender: z.enum(GENDERS),
  birthDate: z.string(),
  phoneMasked: z.string().nullable(),
  workDepartment: named.nullable(),
  major: z.string(),
  titleSeries: z.string(),
  titleLevel: z.enum(TITLE_LEVELS),
  certNo: z.string(),
  submittedAt: z.string(),
  version: z.number(),
});
export const professionalRegistrationList = z.object({
  items: z.array(professionalRegistrationItem),
  nextAfter: z.number().nullable(),
});
export const pendingProfessionalsQuery = z.object({
  workDepartmentId: z.coerce.number().int().positive().optional(),
  /** Keyset cursor: the last accountId of the previous page (oldest first). */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const professionalBulkReviewRequest = z
  .object({
    items: z.array(z.object({ id, version: z.number().int().min(0) })).min(1, '请选择要审核的记录').max(200, '一次最多审核200条'),
    approve: z.boolean(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.approve || (b.reason?.length ?? 0) >= 2, { message: '请填写不通过的原因', path: ['reason'] });
export const professionalBulkReviewResult = z.object({
  results: z.array(
    z.object({ id: z.number(), ok: z.boolean(), status: z.string().optional(), code: z.string().optional(), message: z.string().optional() }),
  ),
  succeeded: z.number(),
  failed: z.number(),
});

// ---------------------------------------------------------------- profile (the professional)
export const professionalProfile = z.object({
  accountId: z.number(),
  name: z.string(),
  /** The person's own ID number, in full. */
  idNumber: z.string(),
  gender: z.enum(GENDERS),
  birthDate: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  ethnicity: z.string().nullable(),
  nativePlace: z.string().nullable(),
  graduatedSchool: z.string().nullable(),
  major: z.string(),
  titleSeries: z.string(),
  titleLevel: z.enum(TITLE_LEVELS),
  certNo: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  unit: z.object({ id: z.number(), name: z.string(), regionCode: z.string(), regionName: z.string() }),
  workDepartment: named.nullable(),
  pendingChanges: z.array(z.enum(CHANGE_REQUEST_KINDS)),
  liveTransferId: z.number().nullable(),
  /**
   * When the next 证件信息修改 may be asked (30 days after the last approved one); null when it may be
   * asked now — or when one is pending (then `pendingChanges` holds 'identity').
   */
  identityChangeAllowedFrom: z.string().nullable(),
});
export type ProfessionalProfile = z.infer<typeof professionalProfile>;

/** 基本信息修改: saved at once. Name, ID number, unit and 专业技术职务 are not here. */
export const profileUpdateRequest = z
  .object({
    phone: phoneSchema,
    email: emailSchema,
    ethnicity: ethnicitySchema.nullable(),
    nativePlace: optionalText(50),
    graduatedSchool: optionalText(100),
    major: majorSchema,
  })
  .partial();

export const titleChangeRequest = z.object({ titleSeries: titleSeriesSchema, titleLevel: titleLevelSchema });

/** Text fields of 证件信息修改 (multipart, with the files `front` and `back`). */
export const identityChangeFields = z.object({
  name: z.string().trim().max(50).optional(),
  idNumber: z.string().trim().max(32).optional(),
});

export const changeRequestItem = z.object({
  id: z.number(),
  kind: z.enum(CHANGE_REQUEST_KINDS),
  kindLabel: z.string(),
  status: z.enum(CHANGE_REQUEST_STATUSES),
  statusLabel: z.string(),
  before: z.record(z.string(), z.string()),
  after: z.record(z.string(), z.string()),
  hasPhotos: z.boolean(),
  rejectReason: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  version: z.number(),
});
export const changeRequestList = z.object({ items: z.array(changeRequestItem) });
export const changeSubmitted = z.object({ id: z.number(), message: z.string() });

// ---------------------------------------------------------------- change review (the unit)
export const adminChangeRequestItem = changeRequestItem.extend({
  person: z.object({ accountId: z.number(), name: z.string(), idNumberMasked: z.string(), workDepartment: named.nullable() }),
  unit: named,
});
export const adminChangeRequestList = z.object({ items: z.array(adminChangeRequestItem), nextAfter: z.number().nullable() });
export const changeRequestsQuery = z.object({
  status: z.enum(CHANGE_REQUEST_STATUSES).default('pending'),
  kind: z.enum(CHANGE_REQUEST_KINDS).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const photoSideParam = z.object({ id: z.coerce.number().int().positive(), side: z.enum(['front', 'back']) });

// ---------------------------------------------------------------- transfers
export const transferRequest = z.object({
  toUnitId: id,
  /** Required when the new unit has 工作部门 (else the new unit picks it when approving). */
  toWorkDepartmentId: id.nullable().default(null),
  note: optionalText(200),
});
export const transferOutRequest = z.object({ toUnitId: id, note: optionalText(200) });
export const transferApproval = z.object({
  version: z.number().int().min(0),
  /** The new unit's 工作部门 for the person, when approving the transfer in. */
  workDepartmentId: id.nullable().optional(),
});
export const transferItem = z.object({
  id: z.number(),
  status: z.enum(TRANSFER_STATUSES),
  statusLabel: z.string(),
  initiatedBy: z.enum(['person', 'unit']),
  person: z.object({ accountId: z.number(), name: z.string(), idNumberMasked: z.string(), certNo: z.string() }),
  from: named,
  fromWorkDepartment: named.nullable(),
  to: named,
  toWorkDepartment: named.nullable(),
  note: z.string().nullable(),
  rejectReason: z.string().nullable(),
  rejectedBy: z.string().nullable(),
  createdAt: z.string(),
  outReviewedAt: z.string().nullable(),
  inReviewedAt: z.string().nullable(),
  version: z.number(),
});
export const transferList = z.object({ items: z.array(transferItem), nextAfter: z.number().nullable() });
export const transfersQuery = z.object({
  /** out: people leaving my unit; in: people coming to my unit; absent: both. */
  direction: z.enum(['out', 'in']).optional(),
  /** Default: the ones waiting for my unit's decision (out: pending_out, in: pending_in). */
  status: z.enum(TRANSFER_STATUSES).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

// ---------------------------------------------------------------- admin: people
export const professionalListQuery = z.object({
  /** Name (contains) or a full ID number. */
  q: z.string().trim().max(50).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  workDepartmentId: z.coerce.number().int().positive().optional(),
  titleSeries: titleSeriesSchema.optional(),
  titleLevel: titleLevelSchema.optional(),
  status: z.enum(['pending', 'active', 'archived']).optional(),
  /** Keyset cursor: the last accountId of the previous page (newest first). */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const professionalExportQuery = professionalListQuery.omit({ after: true, limit: true }).extend({
  /** The year whose counted hours and 认定结果 each row carries (default: the current year). */
  year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确').optional(),
});

export const professionalListItem = z.object({
  accountId: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  gender: z.enum(GENDERS),
  unit: named,
  workDepartment: named.nullable(),
  titleSeries: z.string(),
  titleLevel: z.enum(TITLE_LEVELS),
  certNo: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  statusLabel: z.string(),
  registeredAt: z.string(),
  version: z.number(),
});
export const professionalList = z.object({ items: z.array(professionalListItem), nextAfter: z.number().nullable() });

export const professionalDetail = professionalListItem.extend({
  /** In full only for admins of the person's own unit; masked for the levels above. */
  idNumber: z.string(),
  phone: z.string().nullable(),
  fullIdentity: z.boolean(),
  email: z.string().nullable(),
  birthDate: z.string(),
  ethnicity: z.string().nullable(),
  nativePlace: z.string().nullable(),
  graduatedSchool: z.string().nullable(),
  major: z.string(),
  archivedAt: z.string().nullable(),
  archiveReason: z.string().nullable(),
  changeRequests: z.array(changeRequestItem),
  transfers: z.array(transferItem),
});

export const archiveRequest = z.object({
  version: z.number().int().min(0),
  reason: z.string().trim().min(2, '请填写注销原因（如退休、去世）').max(200),
});
export const archiveResponse = z.object({
  status: z.enum(ACCOUNT_STATUSES),
  message: z.string(),
  /** Hours, declarations and certificates stay on record; nothing is deleted. */
  hoursRetained: z.literal(true),
});
