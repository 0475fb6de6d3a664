/** 单位培训计划 (SPEC R-28): filing, review, amendment and attendance declarations. */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { idParam } from '../api';

const TAGS = ['单位培训计划'];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const plannedTrainingInput = z.object({
  /** Omitted for a new training; the server assigns one. Kept for trainings carried into an amendment. */
  key: z.string().trim().min(1).max(40).optional(),
  title: z.string().trim().min(1, '请填写培训名称').max(200, '培训名称不能超过200个字'),
  organiser: z.string().trim().min(1, '请填写主办单位').max(100, '主办单位不能超过100个字'),
  startDate: day,
  endDate: day,
  place: z.string().trim().min(1, '请填写培训地点').max(200, '培训地点不能超过200个字'),
  hours: z.number().positive('计划学时应大于0').max(1000, '计划学时不能超过1000'),
  subject: z.enum(['public', 'professional']),
  expectedAttendees: z.number().int().min(1, '预计参训人数应为正整数').max(100000),
});
export type PlannedTrainingInput = z.infer<typeof plannedTrainingInput>;

const plannedTraining = plannedTrainingInput.extend({ key: z.string() });

export const trainingPlanBody = z.object({
  year: z.number().int().min(2000).max(2100),
  trainings: z.array(plannedTrainingInput).min(1, '培训计划至少要有一项培训').max(200),
});

const planStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);

const planSummary = z.object({
  id: z.number(),
  version: z.number(),
  year: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgKindLabel: z.string(),
  status: planStatus,
  statusLabel: z.string(),
  inForce: z.boolean(),
  revision: z.number(),
  isAmendment: z.boolean(),
  trainingCount: z.number(),
  awaiting: z.string().nullable(),
  awaitingMe: z.boolean(),
  rejectReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type TrainingPlanSummary = z.infer<typeof planSummary>;

const planDetail = planSummary.extend({
  chain: z.array(z.object({ orgId: z.number(), name: z.string() })),
  /** The content now filed (under review, or the last decided version). */
  trainings: z.array(plannedTraining),
  /** The approved version in force; null before the first approval. */
  approvedTrainings: z.array(plannedTraining).nullable(),
  /** Keys of trainings that already have attendance declared. */
  attendedKeys: z.array(z.string()),
  mine: z.boolean(),
  canWithdraw: z.boolean(),
  canEdit: z.boolean(),
  canDeclare: z.boolean(),
  history: z.array(
    z.object({ revision: z.number(), action: z.string(), label: z.string(), actorName: z.string().nullable(), orgName: z.string().nullable(), reason: z.string().nullable(), at: z.string() }),
  ),
  attendance: z.array(
    z.object({ batchId: z.number(), trainingKey: z.string(), trainingTitle: z.string(), statusLabel: z.string(), rowCount: z.number(), jobId: z.string(), createdAt: z.string() }),
  ),
});
export type TrainingPlanDetail = z.infer<typeof planDetail>;

export const trainingPlansApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/admin/training-plans',
    tags: TAGS,
    summary: '培训计划列表：view=mine 本单位（本部门）的计划；view=review 辖区内报送的计划（awaitingMe 只看待本机构审核的）',
    query: z.object({
      view: z.enum(['mine', 'review']).default('mine'),
      year: z.coerce.number().int().min(2000).max(2100).optional(),
      awaitingMe: z.enum(['true', 'false']).optional(),
      after: z.coerce.number().int().positive().optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.object({ items: z.array(planSummary), nextAfter: z.number().nullable() }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/admin/training-plans',
    tags: TAGS,
    summary: '填报并提交本单位（本部门）的年度培训计划',
    body: trainingPlanBody,
    response: planDetail,
    status: 201,
  }),
  detail: endpoint({
    method: 'GET',
    path: '/api/admin/training-plans/:id',
    tags: TAGS,
    summary: '培训计划详情：各项培训、生效版本、审核历史、已申报的参训学时',
    params: idParam,
    response: planDetail,
  }),
  resubmit: endpoint({
    method: 'PUT',
    path: '/api/admin/training-plans/:id',
    tags: TAGS,
    summary: '修改后重新提交（审核不通过或撤回后），或提交已通过计划的变更（变更重新逐级审核，原计划在变更通过前仍有效）',
    params: idParam,
    body: z.object({ version: z.number().int().positive(), trainings: trainingPlanBody.shape.trainings }),
    response: planDetail,
  }),
  withdraw: endpoint({
    method: 'POST',
    path: '/api/admin/training-plans/:id/withdraw',
    tags: TAGS,
    summary: '撤回审核中的培训计划（变更撤回后原计划仍有效）',
    params: idParam,
    body: z.object({ version: z.number().int().positive() }),
    response: planDetail,
  }),
  decide: endpoint({
    method: 'POST',
    path: '/api/admin/training-plans/:id/decision',
    tags: TAGS,
    summary: '审核培训计划（主管部门、同级人社部门逐级审核）',
    params: idParam,
    body: z.object({ version: z.number().int().positive(), decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() }),
    response: planDetail,
  }),
  attendance: endpoint({
    method: 'POST',
    path: '/api/admin/training-plans/:id/attendance',
    tags: TAGS,
    summary: '按已通过的培训计划申报参训学时：选择参训人员或上传批量申报文件，附签到表和现场照片（或视频）；记录逐级审核',
    params: idParam,
    multipart: true,
    response: z.object({ jobId: z.string(), batchId: z.number() }),
    status: 202,
  }),
};
