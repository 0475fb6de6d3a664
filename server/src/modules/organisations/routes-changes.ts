import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBody,
  idParam,
  infoChangeFields,
  okBody,
  orgChangeList,
  orgChangeQueueQuery,
  orgChangeSubmitted,
  orgMergeDone,
  orgMergePreview,
  orgMergePreviewQuery,
  orgMergeRequest,
  parentChangeRequest,
  rejectDecision,
  reviewDecision,
} from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { multipartRoutes, sendFile, uploadedFile } from '../files/multipart';
import {
  LICENCE_MAX_BYTES,
  orgChangeHistory,
  orgChangeLicence,
  orgChangesAwaitingMe,
  requestInfoChange,
  requestParentChange,
  reviewOrgChange,
  withdrawOrgChange,
} from './changes';
import { mergeOrganisations, mergePreview } from './merge';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody };
const decided = z.object({ status: z.string(), message: z.string() });
const historyQuery = z.object({
  before: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** 机构变更: 更换上级部门, 修改单位信息, 变更记录, their review, and 单位合并. */
export function orgChangeRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['机构变更'];

  r.get(
    '/api/admin/organisations/:id/changes',
    {
      schema: {
        tags,
        summary: '机构的变更记录（更换上级部门、修改单位信息、单位合并），新的在前',
        params: idParam,
        querystring: historyQuery,
        response: { 200: orgChangeList, ...errors },
      },
    },
    async (req) => orgChangeHistory(deps, await requireAdmin(req, deps), req.params.id, req.query),
  );

  r.post(
    '/api/admin/organisations/:id/changes/parent',
    {
      schema: {
        tags,
        summary: '申请更换上级部门（本机构超级管理员；原上级与新上级双方审核通过后生效）',
        params: idParam,
        body: parentChangeRequest,
        response: { 201: orgChangeSubmitted, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await requestParentChange(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body)),
  );

  multipartRoutes(app, { maxFileBytes: LICENCE_MAX_BYTES, maxFiles: 1 }, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/admin/organisations/:id/changes/info',
      {
        schema: {
          tags,
          summary: '申请修改单位信息（单位名称、统一社会信用代码；须上传证件扫描件；上级单位审核通过后生效）',
          description:
            '请求体为 multipart/form-data：name（新单位名称）、creditCode（新统一社会信用代码）至少一项与当前不同；licence 为证件扫描件（JPG、PNG 或 PDF，按文件内容识别，不超过10MB）。同一时间只能有一项变更在审核中。',
          consumes: ['multipart/form-data'],
          params: idParam,
          body: infoChangeFields.extend({ licence: uploadedFile('请上传证件扫描件').optional() }),
          response: { 201: orgChangeSubmitted, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await requestInfoChange(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body)),
    );
  });

  r.get(
    '/api/admin/org-changes',
    {
      schema: {
        tags,
        summary: '待本机构审核的单位变更（作为上级单位或新的上级单位），早的在前',
        querystring: orgChangeQueueQuery,
        response: { 200: orgChangeList, ...errors },
      },
    },
    async (req) => orgChangesAwaitingMe(deps, await requireAdmin(req, deps), req.query),
  );

  r.post(
    '/api/admin/org-changes/:id/approve',
    { schema: { tags, summary: '审核通过单位变更（本方）', params: idParam, body: reviewDecision, response: { 200: decided, ...errors } } },
    async (req) =>
      reviewOrgChange(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, { approve: true, version: req.body.version }),
  );

  r.post(
    '/api/admin/org-changes/:id/reject',
    { schema: { tags, summary: '驳回单位变更（须填写原因）', params: idParam, body: rejectDecision, response: { 200: decided, ...errors } } },
    async (req) =>
      reviewOrgChange(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: false,
        version: req.body.version,
        reason: req.body.reason,
      }),
  );

  r.post(
    '/api/admin/org-changes/:id/withdraw',
    { schema: { tags, summary: '撤销审核中的单位变更申请（本机构超级管理员）', params: idParam, response: { 200: okBody, ...errors } } },
    async (req) => {
      await withdrawOrgChange(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id);
      return { ok: true as const, message: '变更申请已撤销' };
    },
  );

  r.get(
    '/api/admin/org-changes/:id/licence',
    {
      schema: {
        tags,
        summary: '查看修改单位信息申请的证件扫描件（本机构管理员与审核单位）',
        params: idParam,
        produces: ['image/jpeg', 'image/png', 'application/pdf'],
        response: { 200: z.any().meta({ type: 'string', format: 'binary', description: 'JPG、PNG 或 PDF' }), ...errors },
      },
    },
    async (req, reply) => sendFile(reply, await orgChangeLicence(deps, await requireAdmin(req, deps), req.params.id), '证件扫描件'),
  );

  r.get(
    '/api/admin/org-merges/preview',
    {
      schema: {
        tags,
        summary: '单位合并预览：将迁移的人员、管理员、下级机构、学时记录数，以及暂不能合并的原因',
        querystring: orgMergePreviewQuery,
        response: { 200: orgMergePreview, ...errors },
      },
    },
    async (req) => mergePreview(deps, await requireAdmin(req, deps), req.query.fromOrgId, req.query.intoOrgId),
  );

  r.post(
    '/api/admin/org-merges',
    {
      schema: {
        tags,
        summary: '单位合并（省人社厅）：人员、记录、管理员并入保留单位，被合并单位归档',
        body: orgMergeRequest,
        response: { 200: orgMergeDone, ...errors },
      },
    },
    async (req) => mergeOrganisations(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body),
  );
}
