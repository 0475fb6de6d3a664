/**
 * Request and response schemas of the API, shared by the server (validation, serialisation,
 * OpenAPI) and the web (types and form validation).
 */
import { z } from 'zod';
import {
  ACCOUNT_ROLES,
  ACCOUNT_STATUSES,
  INDUSTRIES,
  ORG_KINDS,
  ORG_LEVELS,
  ORG_NATURES,
  ORG_STATUSES,
  PERMISSION_CODES,
} from './domain';

const permissionEnum = z.enum(PERMISSION_CODES as [string, ...string[]]);

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const okBody = z.object({ ok: z.literal(true), message: z.string().optional() });

export const idParam = z.object({ id: z.coerce.number().int().positive() });

const trimmed = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过${max}个字符`);
export const phoneSchema = z.string().trim().regex(/^1\d{10}$/, '请输入11位手机号码');
export const emailSchema = z.string().trim().email('电子邮箱格式不正确').max(100);
export const regionCodeSchema = z.string().regex(/^\d{6}$/, '请选择行政区划');

// ---------------------------------------------------------------- health
export const healthResponse = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) });

// ---------------------------------------------------------------- auth
export const roleSchema = z.enum(ACCOUNT_ROLES);

export const loginRequest = z.object({
  role: roleSchema,
  account: z.string().trim().min(1, '请输入账号（身份证号）').max(32),
  password: z.string().min(1, '请输入密码').max(128),
  captcha: z.string().max(16).default(''),
});

export const meResponse = z.object({
  accountId: z.number(),
  role: roleSchema,
  name: z.string(),
  idNumberMasked: z.string(),
  org: z.object({ id: z.number(), name: z.string(), kind: z.enum(ORG_KINDS), regionCode: z.string() }),
  isSuperAdmin: z.boolean(),
  /** The admin's role (permission set) name; null for super admins and professionals. */
  adminRoleName: z.string().nullable(),
  permissions: z.array(z.string()),
  /** 工作部门 the admin is limited to; null = the whole organisation. */
  workDepartmentScope: z.array(z.object({ id: z.number(), name: z.string() })).nullable(),
  mustChangePassword: z.boolean(),
  /** Other roles this person holds (for switching). */
  otherRoles: z.array(roleSchema),
  idleMinutes: z.number(),
});
export type Me = z.infer<typeof meResponse>;

export const changePasswordRequest = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(128),
  newPassword: z.string().min(1).max(128),
});

export const forgotPasswordRequest = z.object({
  idNumber: z.string().trim().min(1).max(32),
  /** The registered mobile number or e-mail address. */
  contact: z.string().trim().min(1, '请输入注册时填写的手机号或电子邮箱').max(100),
  captcha: z.string().max(16).default(''),
});
export const resetWithCodeRequest = z.object({
  idNumber: z.string().trim().min(1).max(32),
  code: z.string().trim().regex(/^\d{6}$/, '验证码为6位数字'),
  newPassword: z.string().min(1).max(128),
});

// ---------------------------------------------------------------- organisations
export const orgKindSchema = z.enum(ORG_KINDS);
export const orgStatusSchema = z.enum(ORG_STATUSES);

export const orgFields = z.object({
  name: trimmed(100),
  creditCode: z.string().trim().min(1, '单位无统一社会信用代码无法进行注册').max(18),
  regionCode: regionCodeSchema,
  nature: z.enum(ORG_NATURES, { error: '请选择单位性质' }),
  level: z.enum(ORG_LEVELS, { error: '请选择单位级别' }),
  industry: z.enum(INDUSTRIES, { error: '请选择行业类别' }),
  address: trimmed(200),
  contactName: trimmed(30),
  contactPhone: z.string().trim().regex(/^[\d\-+ ]{7,20}$/, '联系电话格式不正确'),
});

export const adminPersonFields = z.object({
  idNumber: z.string().trim().min(1, '请输入身份证号').max(32),
  name: trimmed(50),
  phone: phoneSchema,
  email: emailSchema,
});

export const orgRegistrationRequest = z.object({
  kind: z.enum(['department', 'unit', 'base']),
  parentId: z.number().int().positive({ message: '请选择上级单位' }),
  org: orgFields,
  admin: adminPersonFields.extend({ password: z.string().min(1, '请输入密码').max(128) }),
  captcha: z.string().max(16).default(''),
});
export type OrgRegistrationRequest = z.input<typeof orgRegistrationRequest>;

export const registrationSubmitted = z.object({
  id: z.number(),
  message: z.string(),
  approverName: z.string(),
});

export const publicOrgQuery = z.object({
  /** The kinds of parent to offer. */
  kind: z.union([orgKindSchema, z.array(orgKindSchema)]).optional(),
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const publicOrg = z.object({
  id: z.number(),
  name: z.string(),
  kind: orgKindSchema,
  regionCode: z.string(),
  regionName: z.string(),
});
export const publicOrgList = z.object({ items: z.array(publicOrg) });

export const progressQuery = z.union([
  z.object({ idNumber: z.string().trim().min(1).max(32), name: z.string().trim().min(1).max(50) }),
  z.object({ creditCode: z.string().trim().min(1).max(18) }),
]);
export const progressItem = z.object({
  registrationId: z.number(),
  type: z.enum(['organisation', 'professional']),
  role: roleSchema,
  orgName: z.string(),
  orgKind: orgKindSchema,
  status: z.enum(ACCOUNT_STATUSES),
  statusLabel: z.string(),
  approverName: z.string(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
});
export const progressResponse = z.object({ items: z.array(progressItem) });
export type ProgressItem = z.infer<typeof progressItem>;

export const withdrawRequest = z.object({
  idNumber: z.string().trim().min(1).max(32),
  password: z.string().min(1, '请输入注册时设置的密码').max(128),
});

// ---------------------------------------------------------------- admin: registrations
export const reviewDecision = z.object({ version: z.number().int().min(0) });
export const rejectDecision = z.object({
  version: z.number().int().min(0),
  reason: z.string().trim().min(2, '请填写不通过的原因').max(500),
});

export const orgSummary = z.object({
  id: z.number(),
  kind: orgKindSchema,
  name: z.string(),
  creditCode: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  status: orgStatusSchema,
  noDepartment: z.boolean(),
  createdAt: z.string(),
  version: z.number(),
});
export type OrgSummary = z.infer<typeof orgSummary>;

export const orgDetail = orgSummary.extend({
  nature: z.string().nullable(),
  level: z.string().nullable(),
  industry: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  rejectReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  childCount: z.number(),
  registrant: z
    .object({ name: z.string(), idNumberMasked: z.string(), phoneMasked: z.string().nullable() })
    .nullable(),
});
export type OrgDetail = z.infer<typeof orgDetail>;

export const orgListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  kind: orgKindSchema.optional(),
  status: orgStatusSchema.optional(),
  regionCode: regionCodeSchema.optional(),
  /** Keyset cursor: the last id of the previous page. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const orgList = z.object({ items: z.array(orgSummary), nextAfter: z.number().nullable() });

export const pendingRegistrationsQuery = z.object({
  kind: orgKindSchema.optional(),
  /** Keyset cursor: the `nextAfter` of the previous page (oldest first). */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const adminSummary = z.object({
  pendingOrganisationRegistrations: z.number(),
  childOrganisations: z.number(),
  subtreeOrganisations: z.number(),
  /** Professionals' registrations, change requests and transfers waiting for this admin's unit. */
  pendingProfessionalRegistrations: z.number(),
  pendingProfessionalChanges: z.number(),
  pendingTransfers: z.number(),
  /** Hour declarations waiting for this admin's organisation (all 认证年度, within the 工作部门 scope). */
  pendingDeclarations: z.number(),
  /** 更换上级部门 / 修改单位信息 waiting for this admin's organisation to decide. */
  pendingOrgChanges: z.number(),
});

// ---------------------------------------------------------------- admin: admins and roles
export const adminAccount = z.object({
  accountId: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  isSuperAdmin: z.boolean(),
  adminRoleId: z.number().nullable(),
  adminRoleName: z.string().nullable(),
  workDepartments: z.array(z.object({ id: z.number(), name: z.string() })),
  lastLoginAt: z.string().nullable(),
  /** The person has a confirmed authenticator (动态口令) for the second factor. */
  mfaEnrolled: z.boolean(),
});
export type AdminAccount = z.infer<typeof adminAccount>;
export const adminAccountList = z.object({ items: z.array(adminAccount) });

export const createAdminRequest = adminPersonFields.extend({
  adminRoleId: z.number().int().positive().nullable().default(null),
  workDepartmentIds: z.array(z.number().int().positive()).default([]),
});
export const updateAdminRequest = z.object({
  adminRoleId: z.number().int().positive().nullable(),
  workDepartmentIds: z.array(z.number().int().positive()),
});
export const handoverRequest = z.object({
  toAccountId: z.number().int().positive(),
  password: z.string().min(1, '请输入您的密码以确认').max(128),
  /** A role the previous super admin keeps; none (the default): their admin account is removed. */
  previousRoleId: z.number().int().positive().nullable().default(null),
});
export const adminCreated = z.object({
  accountId: z.number(),
  message: z.string(),
});

export const adminRoleSchema = z.object({
  id: z.number(),
  name: z.string(),
  permissions: z.array(permissionEnum),
  adminCount: z.number(),
});
export type AdminRoleDto = z.infer<typeof adminRoleSchema>;
export const adminRoleList = z.object({ items: z.array(adminRoleSchema) });
export const adminRoleRequest = z.object({
  name: trimmed(30),
  permissions: z.array(permissionEnum).min(1, '请至少选择一项权限'),
});

export const workDepartmentSchema = z.object({ id: z.number(), name: z.string() });
export const workDepartmentList = z.object({ items: z.array(workDepartmentSchema) });
export const workDepartmentRequest = z.object({ name: trimmed(50) });

// ---------------------------------------------------------------- audit
export const auditQuery = z.object({
  action: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(50).optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorOrgName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  /** The object by name, ID numbers masked (学时申报《…》（张伟，2026年度）, 张伟（4101…2116，专业技术人员）). */
  objectLabel: z.string(),
  /** The detail as one Chinese sentence. */
  summary: z.string(),
  result: z.enum(['success', 'failure']),
  detail: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditList = z.object({ items: z.array(auditEntry), nextBefore: z.number().nullable() });
