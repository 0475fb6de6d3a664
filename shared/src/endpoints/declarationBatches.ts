/** Batch declarations by Excel (CONTRACT "Bulk channels", SPEC R-27). */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { idParam } from '../api';
import { anomalyFlagItem } from '../api-declarations';

const TAGS = ['批量申报'];

const batchSummary = z.object({
  id: z.number(),
  marker: z.string(),
  fileName: z.string(),
  declarerName: z.string(),
  status: z.enum(['validating', 'failed', 'imported']),
  statusLabel: z.string(),
  rowCount: z.number(),
  errorCount: z.number(),
  jobId: z.string(),
  errorReportUrl: z.string().nullable(),
  createdAt: z.string(),
  counts: z.object({ pending: z.number(), approved: z.number(), rejected: z.number(), withdrawn: z.number() }),
});
export type DeclarationBatchSummary = z.infer<typeof batchSummary>;

const batchDetail = batchSummary.extend({
  /** The signed-in admin's organisation declared the batch (it may withdraw; reviewers above decide). */
  declarer: z.boolean(),
  evidence: z.array(z.object({ id: z.number(), name: z.string(), contentType: z.string(), size: z.number() })),
  history: z.array(z.object({ action: z.string(), label: z.string(), at: z.string(), actorName: z.string().nullable() })),
  rows: z.array(
    z.object({
      id: z.number(),
      version: z.number(),
      personName: z.string(),
      idNumberMasked: z.string(),
      year: z.number(),
      formLabel: z.string(),
      title: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      claimedHours: z.number(),
      standardHours: z.number().nullable(),
      status: z.string(),
      statusLabel: z.string(),
      awaiting: z.string().nullable(),
      awaitingMe: z.boolean(),
      rejectReason: z.string().nullable(),
      /** The row's anomaly flags raised at import (issue 11 item 3); empty when none. */
      anomalyFlags: z.array(anomalyFlagItem),
    }),
  ),
});
export type DeclarationBatchDetail = z.infer<typeof batchDetail>;

const decisionResults = z.object({
  succeeded: z.number(),
  failed: z.number(),
  results: z.array(z.object({ id: z.number(), ok: z.boolean(), status: z.string().nullable(), code: z.string().nullable(), message: z.string() })),
});

export const declarationBatchesApi = {
  template: endpoint({
    method: 'GET',
    path: '/api/admin/declaration-batches/template.xlsx',
    tags: TAGS,
    summary: '下载批量申报模板（.xlsx：填写说明、带下拉选项的数据表）',
    produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  upload: endpoint({
    method: 'POST',
    path: '/api/admin/declaration-batches',
    tags: TAGS,
    summary: '上传填写好的批量申报文件（file）及整批证明材料（evidence，可多个），后台逐行校验，全部通过才导入',
    multipart: true,
    response: z.object({ jobId: z.string() }),
    status: 202,
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/admin/declaration-batches',
    tags: TAGS,
    summary: '本单位（本部门）的批量申报批次',
    query: z.object({ after: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
    response: z.object({ items: z.array(batchSummary), nextAfter: z.number().nullable() }),
  }),
  detail: endpoint({
    method: 'GET',
    path: '/api/admin/declaration-batches/:id',
    tags: TAGS,
    summary: '批量申报批次详情：各行记录及状态、证明材料、历史',
    params: idParam,
    response: batchDetail,
  }),
  evidence: endpoint({
    method: 'GET',
    path: '/api/admin/declaration-batches/:id/evidence/:fileId',
    tags: TAGS,
    summary: '查看批量申报的证明材料',
    params: z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() }),
    produces: ['image/jpeg', 'image/png', 'application/pdf', 'video/mp4'],
  }),
  withdraw: endpoint({
    method: 'POST',
    path: '/api/admin/declaration-batches/:id/withdraw',
    tags: TAGS,
    summary: '撤回整批或部分记录（上一级尚未审核时）',
    params: idParam,
    body: z.object({ declarationIds: z.array(z.number().int().positive()).min(1).max(20000).optional() }),
    response: z.object({ withdrawn: z.number(), message: z.string() }),
  }),
  decide: endpoint({
    method: 'POST',
    path: '/api/admin/declaration-batches/:id/decision',
    tags: TAGS,
    summary: '整批审核：对该批次中等待本机构审核的全部记录审核通过或不通过',
    params: idParam,
    body: z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() }),
    response: decisionResults,
  }),
};
