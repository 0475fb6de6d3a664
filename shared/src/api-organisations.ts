/** Schemas of organisation changes: 更换上级部门, 修改单位信息, 变更记录, 单位合并. */
import { z } from 'zod';
import { ORG_CHANGE_KINDS, ORG_CHANGE_STATUSES, ORG_KINDS } from './domain';

const decision = z.enum(['pending', 'approved', 'rejected']);

export const orgChangeItem = z.object({
  id: z.number(),
  kind: z.enum(ORG_CHANGE_KINDS),
  kindLabel: z.string(),
  status: z.enum(ORG_CHANGE_STATUSES),
  statusLabel: z.string(),
  org: z.object({ id: z.number(), name: z.string(), kind: z.enum(ORG_KINDS) }),
  /** Readable lines "单位名称：旧 → 新". */
  summary: z.array(z.string()),
  before: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  after: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  oldParent: z.object({ id: z.number(), name: z.string(), decision: decision.nullable() }).nullable(),
  newParent: z.object({ id: z.number(), name: z.string(), decision: decision.nullable() }).nullable(),
  mergedInto: z.object({ id: z.number(), name: z.string() }).nullable(),
  hasLicence: z.boolean(),
  requestedByName: z.string(),
  rejectReason: z.string().nullable(),
  rejectedByName: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number(),
  /** For the reviewer: which side of the change the signed-in admin decides ('old' parent or 'new'). */
  mySide: z.enum(['old', 'new']).nullable(),
});
export type OrgChangeItem = z.infer<typeof orgChangeItem>;
export const orgChangeList = z.object({ items: z.array(orgChangeItem), nextAfter: z.number().nullable() });

export const parentChangeRequest = z.object({
  newParentId: z.number().int().positive({ message: '请选择新的上级单位' }),
});

/** multipart text fields of 修改单位信息; the licence scan comes as the file `licence`. */
export const infoChangeFields = z.object({
  name: z.string().trim().max(100, '单位名称不能超过100个字符').optional(),
  creditCode: z.string().trim().max(18, '统一社会信用代码为18位').optional(),
});

export const orgChangeSubmitted = z.object({ id: z.number(), message: z.string() });
/** The answer to one side's decision on a change: the change's status after it, and what happened. */
export const orgChangeDecided = z.object({ status: z.string(), message: z.string() });

/** 变更记录 of one organisation: newest first, `before` the previous page's nextAfter. */
export const orgChangeHistoryQuery = z.object({
  before: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const orgChangeQueueQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const orgMergeRequest = z.object({
  fromOrgId: z.number().int().positive({ message: '请选择被合并的单位' }),
  intoOrgId: z.number().int().positive({ message: '请选择合并后保留的单位' }),
  /** The name of the organisation that will be archived, typed again as a confirmation. */
  confirmName: z.string().trim().min(1, '请输入被合并单位的名称以确认'),
});
export const orgMergePreviewQuery = z.object({
  fromOrgId: z.coerce.number().int().positive(),
  intoOrgId: z.coerce.number().int().positive(),
});
export const orgMergePreview = z.object({
  from: z.object({ id: z.number(), name: z.string(), kind: z.enum(ORG_KINDS), creditCode: z.string().nullable() }),
  into: z.object({ id: z.number(), name: z.string(), kind: z.enum(ORG_KINDS), creditCode: z.string().nullable() }),
  professionals: z.number(),
  admins: z.number(),
  childOrganisations: z.number(),
  workDepartments: z.number(),
  declarations: z.number(),
  /** Why the merge cannot happen now (pending work of either organisation); empty: it can. */
  blockers: z.array(z.string()),
});
export type OrgMergePreview = z.infer<typeof orgMergePreview>;
export const orgMergeDone = z.object({
  message: z.string(),
  moved: z.object({ professionals: z.number(), admins: z.number(), childOrganisations: z.number(), declarations: z.number() }),
});
