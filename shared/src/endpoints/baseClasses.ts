/**
 * 继续教育基地申报 (SPEC R-29): a base's training classes (班次) and the trainees it declares for them.
 * The records follow each person's review chain and reach reviewers in 继教基地学时审核
 * (`GET /api/admin/declarations?source=base`).
 */
import { z } from 'zod';
import { TITLE_SERIES } from '../catalogues';
import { endpoint } from '../endpoint';
import { idParam } from '../api';

const TAGS = ['继续教育基地申报'];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** A class counts as learning form 1 (继续教育基地培训班) or 2 (培训、研修活动) of SPEC §5. */
export const BASE_CLASS_FORMS = ['base_training', 'training'] as const;

export const baseClassInput = z.object({
  title: z.string().trim().min(1, '请填写班次名称').max(200, '班次名称不能超过200个字'),
  subject: z.enum(['public', 'professional'], { error: '请选择计入科目' }),
  form: z.enum(BASE_CLASS_FORMS, { error: '学习形式应为“继续教育基地培训班”或“培训、研修活动”' }),
  /** 职称系列 the class is meant for; null: 不限（公需科目）. */
  series: z.enum(TITLE_SERIES, { error: '请选择适用的职称系列' }).nullable(),
  startDate: day,
  endDate: day,
  hours: z
    .number({ error: '学时应为数字' })
    .positive('学时应大于0')
    .max(1000, '学时不能超过1000')
    .refine((n) => Math.round(n * 10) === n * 10, '学时最多一位小数'),
  online: z.boolean(),
  /** 培训地点, or the online platform's name or address. */
  place: z.string().trim().max(200, '培训地点不能超过200个字'),
});
export type BaseClassInput = z.infer<typeof baseClassInput>;

const baseClassSummary = baseClassInput.extend({
  id: z.number(),
  version: z.number(),
  year: z.number(),
  subjectLabel: z.string(),
  formLabel: z.string(),
  evidenceCount: z.number(),
  counts: z.object({ total: z.number(), pending: z.number(), approved: z.number(), rejected: z.number(), withdrawn: z.number() }),
  createdAt: z.string(),
});
export type BaseClassSummary = z.infer<typeof baseClassSummary>;

const baseClassDetail = baseClassSummary.extend({
  baseName: z.string(),
  /** Editable (class facts and evidence) until the first trainee is declared. */
  editable: z.boolean(),
  evidence: z.array(z.object({ id: z.number(), name: z.string(), contentType: z.string(), size: z.number() })),
  /** Each declaration (picked trainees or an uploaded file) as a job, with its error report when refused. */
  imports: z.array(
    z.object({
      batchId: z.number(),
      jobId: z.string(),
      fileName: z.string(),
      status: z.enum(['validating', 'failed', 'imported']),
      statusLabel: z.string(),
      rowCount: z.number(),
      errorCount: z.number(),
      errorReportUrl: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  /** What the base entered and the state of its own records; nothing else of the person. */
  trainees: z.array(
    z.object({
      id: z.number(),
      personName: z.string(),
      idNumberMasked: z.string(),
      claimedHours: z.number(),
      status: z.string(),
      statusLabel: z.string(),
      /** “待单位审核” / “待主管部门审核” / “待人社部门审核” (no organisation named). */
      stage: z.string().nullable(),
      rejectReason: z.string().nullable(),
      /** Pending at the first level: the base may still withdraw it. */
      canWithdraw: z.boolean(),
      batchId: z.number(),
    }),
  ),
});
export type BaseClassDetail = z.infer<typeof baseClassDetail>;

export const baseTraineeInput = z.object({
  idNumber: z.string().trim().min(1, '请填写身份证号').max(32),
  name: z.string().trim().min(1, '请填写姓名').max(50),
});

const decisionResults = z.object({
  succeeded: z.number(),
  failed: z.number(),
  results: z.array(z.object({ id: z.number(), ok: z.boolean(), status: z.string().nullable(), code: z.string().nullable(), message: z.string() })),
});

export const baseClassesApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/admin/base-classes',
    tags: TAGS,
    summary: '培训班次管理：本基地的班次（新的在前）',
    query: z.object({ after: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
    response: z.object({ items: z.array(baseClassSummary), nextAfter: z.number().nullable() }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/admin/base-classes',
    tags: TAGS,
    summary: '新建培训班次（名称、计入科目、学习形式、适用职称系列、起止日期、学时、地点或线上）',
    body: baseClassInput,
    response: baseClassDetail,
    status: 201,
  }),
  detail: endpoint({
    method: 'GET',
    path: '/api/admin/base-classes/:id',
    tags: TAGS,
    summary: '班次详情：证明材料、申报记录（学员及其记录状态）、导入任务',
    params: idParam,
    response: baseClassDetail,
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/admin/base-classes/:id',
    tags: TAGS,
    summary: '修改班次（申报学员之前）',
    params: idParam,
    body: baseClassInput.extend({ version: z.number().int().min(0) }),
    response: baseClassDetail,
  }),
  addEvidence: endpoint({
    method: 'POST',
    path: '/api/admin/base-classes/:id/evidence',
    tags: TAGS,
    summary: '上传班次证明材料（培训通知、结业名单；JPG/PNG/PDF，按文件内容识别），整个班次上传一次',
    params: idParam,
    multipart: true,
    response: baseClassDetail,
  }),
  removeEvidence: endpoint({
    method: 'DELETE',
    path: '/api/admin/base-classes/:id/evidence/:fileId',
    tags: TAGS,
    summary: '删除班次证明材料（申报学员之前）',
    params: z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() }),
    response: baseClassDetail,
  }),
  evidence: endpoint({
    method: 'GET',
    path: '/api/admin/base-classes/:id/evidence/:fileId',
    tags: TAGS,
    summary: '查看班次证明材料',
    params: z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() }),
    produces: ['image/jpeg', 'image/png', 'application/pdf'],
  }),
  template: endpoint({
    method: 'GET',
    path: '/api/admin/base-classes/:id/template.xlsx',
    tags: TAGS,
    summary: '下载该班次的批量申报模板（与批量申报相同的模板，班次信息已填好示例行）',
    params: idParam,
    produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  declare: endpoint({
    method: 'POST',
    path: '/api/admin/base-classes/:id/trainees',
    tags: TAGS,
    summary: '按身份证号和姓名申报学员（姓名须与身份证号一致；学员可在全省任一单位），后台逐条校验，全部通过才提交审核',
    params: idParam,
    body: z.object({ trainees: z.array(baseTraineeInput).min(1, '请至少添加一名学员').max(2000, '一次最多2000名学员，人数更多时请上传Excel') }),
    response: z.object({ jobId: z.string(), batchId: z.number() }),
    status: 202,
  }),
  upload: endpoint({
    method: 'POST',
    path: '/api/admin/base-classes/:id/import',
    tags: TAGS,
    summary: '上传填写好的批量申报文件（file，.xlsx）申报学员：与批量申报相同的校验，全部通过才导入，否则可下载错误报告',
    params: idParam,
    multipart: true,
    response: z.object({ jobId: z.string(), batchId: z.number() }),
    status: 202,
  }),
  withdraw: endpoint({
    method: 'POST',
    path: '/api/admin/base-classes/:id/withdraw',
    tags: TAGS,
    summary: '撤回学员的申报记录（学员单位尚未审核时）；不指定记录时撤回全部可撤回的记录',
    params: idParam,
    body: z.object({ declarationIds: z.array(z.number().int().positive()).min(1).max(20000).optional() }),
    response: z.object({ withdrawn: z.number(), message: z.string() }),
  }),
  decide: endpoint({
    method: 'POST',
    path: '/api/admin/base-classes/:id/decision',
    tags: TAGS,
    summary: '继教基地学时审核：对该班次中等待本机构审核的全部记录审核通过或不通过（逐条审核用学时审核接口）',
    params: idParam,
    body: z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() }),
    response: decisionResults,
  }),
};
