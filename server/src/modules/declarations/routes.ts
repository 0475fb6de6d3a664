import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ATTACHMENT_LIMITS,
  attachmentList,
  bulkReviewRequest,
  bulkReviewResponse,
  declarationDetail,
  declarationInput,
  declarationOptions as declarationOptionsSchema,
  declarationUpdate,
  errorBody,
  idParam,
  myDeclarationList,
  myDeclarationsQuery,
  okBody,
  reviewQueue as reviewQueueSchema,
  reviewQueueQuery,
  reviewReject,
  reviewResult,
  versionBody,
  reviewApprove,
} from '@ce/shared';
import { metaOf, requireActor, requireAdmin, type Deps } from '../../http/context';
import { EVIDENCE_UPLOAD, checkCanUpload, deleteAttachment, openAttachment, uploadAttachments } from './attachments';
import { readFiles, streamedMultipartRoutes } from '../files/multipart';
import {
  adminDeclarationDetail,
  bulkDecide,
  createDeclaration,
  decideDeclaration,
  declarationOptions,
  deleteDeclaration,
  listMyDeclarations,
  ownDeclarationDetail,
  reviewQueue,
  revokeDeclaration,
  submitDeclaration,
  updateDeclaration,
} from './service';
import { declarationSettingsRoutes } from './routes-settings';
// Its work queues on the admin home page (queues/registry.ts).

const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  413: errorBody,
  415: errorBody,
  429: errorBody,
};
const attachmentParams = z.object({
  id: z.coerce.number().int().positive(),
  attachmentId: z.coerce.number().int().positive(),
});
const fileResponse = z.any().meta({ type: 'string', format: 'binary', description: '文件内容；Content-Type 为按内容识别的类型，Content-Disposition 带原文件名' });
/** Evidence files are served as what their bytes are. */
const fileTypes = [...ATTACHMENT_LIMITS.types];


const ME = ['学时申报（专业技术人员）'];
const REVIEW = ['学时审核'];

export function declarationRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---------------------------------------------------------------- the professional

  r.get(
    '/api/me/declaration-options',
    {
      schema: {
        tags: ME,
        summary: '申报表单选项：可申报年度、计入科目、学习形式（所需证明材料与学时上限）、附件限制',
        response: { 200: declarationOptionsSchema, ...errors },
      },
    },
    async (req) => declarationOptions(deps, await requireActor(req, deps)),
  );

  r.get(
    '/api/me/declarations',
    {
      schema: {
        tags: ME,
        summary: '申报进度查询：本人的学时申报（按状态、年度筛选，游标分页）',
        querystring: myDeclarationsQuery,
        response: { 200: myDeclarationList, ...errors },
      },
    },
    async (req) => listMyDeclarations(deps, await requireActor(req, deps), req.query),
  );

  r.post(
    '/api/me/declarations',
    {
      schema: {
        tags: ME,
        summary: '新建学时申报（保存暂不提交；上传证明材料后再提交）',
        body: declarationInput,
        response: { 201: declarationDetail, ...errors },
      },
    },
    async (req, reply) => {
      const detail = await createDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.body);
      return reply.status(201).send(detail);
    },
  );

  r.get(
    '/api/me/declarations/:id',
    {
      schema: {
        tags: ME,
        summary: '申报进度查询—详细：申报内容、标准学时、证明材料、审核流程与全部操作记录',
        params: idParam,
        response: { 200: declarationDetail, ...errors },
      },
    },
    async (req) => ownDeclarationDetail(deps, await requireActor(req, deps), req.params.id),
  );

  r.put(
    '/api/me/declarations/:id',
    {
      schema: {
        tags: ME,
        summary: '修改待提交或审核不通过的申报',
        params: idParam,
        body: declarationUpdate,
        response: { 200: declarationDetail, ...errors },
      },
    },
    async (req) => updateDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.body),
  );

  r.delete(
    '/api/me/declarations/:id',
    {
      schema: {
        tags: ME,
        summary: '删除待提交的申报',
        params: idParam,
        querystring: z.object({ version: z.coerce.number().int().min(0) }),
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => {
      await deleteDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.query.version);
      return { ok: true as const, message: '申报已删除' };
    },
  );

  r.post(
    '/api/me/declarations/:id/submit',
    {
      schema: {
        tags: ME,
        summary: '提交申报（审核不通过的申报修改后重新提交）；进入 用人单位 → 主管部门 → 人社部门 逐级审核',
        params: idParam,
        body: versionBody,
        response: { 200: declarationDetail, ...errors },
      },
    },
    async (req) => submitDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.body.version),
  );

  r.post(
    '/api/me/declarations/:id/revoke',
    {
      schema: {
        tags: ME,
        summary: '撤销待审核的申报（单位尚未审核时），撤销后变为待提交',
        params: idParam,
        body: versionBody,
        response: { 200: declarationDetail, ...errors },
      },
    },
    async (req) => revokeDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.body.version),
  );

  // Multipart only for the upload route (files/multipart.ts).
  streamedMultipartRoutes(app, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/me/declarations/:id/attachments',
      {
        schema: {
          tags: ME,
          summary: '上传证明材料（multipart/form-data，可多个文件）',
          description: `请求体为 multipart/form-data，文件字段名任意，可一次上传多个。仅接受${ATTACHMENT_LIMITS.typesLabel}（按文件内容识别）；单个文件不超过${ATTACHMENT_LIMITS.maxFileBytes / 1048576}MB，每条申报合计不超过${ATTACHMENT_LIMITS.maxTotalBytes / 1048576}MB、最多${ATTACHMENT_LIMITS.maxFiles}个。`,
          consumes: ['multipart/form-data'],
          params: idParam,
          // For the OpenAPI document only: the multipart body is read and checked by the handler.
          body: z.object({ files: z.array(z.string().meta({ format: 'binary' })).describe('证明材料文件（可多个）') }),
          response: { 201: attachmentList, ...errors },
        },
      },
      async (req, reply) => {
        const actor = await requireActor(req, deps);
        // Refuse before reading a large body.
        await checkCanUpload(deps, actor, req.params.id);
        const files = await readFiles(req, EVIDENCE_UPLOAD);
        const items = await uploadAttachments(deps, metaOf(req, deps), actor, req.params.id, files);
        return reply.status(201).send({ items });
      },
    );
  });

  r.get(
    '/api/me/declarations/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ME,
        summary: '查看本人申报的证明材料',
        params: attachmentParams,
        produces: fileTypes,
        response: { 200: fileResponse, ...errors },
      },
    },
    async (req, reply) => {
      const file = await openAttachment(deps, await requireActor(req, deps), req.params.id, req.params.attachmentId, false);
      return reply.headers(file.headers).send(file.stream);
    },
  );

  r.delete(
    '/api/me/declarations/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ME,
        summary: '删除证明材料（待提交或审核不通过的申报）',
        params: attachmentParams,
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => {
      await deleteAttachment(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.params.attachmentId);
      return { ok: true as const, message: '证明材料已删除' };
    },
  );

  // ---------------------------------------------------------------- reviewers

  r.get(
    '/api/admin/declarations',
    {
      schema: {
        tags: REVIEW,
        summary: '学时审核：待本机构审核的申报（默认当前认证年度），或本辖区某状态的申报；附各年度待审核条数',
        querystring: reviewQueueQuery,
        response: { 200: reviewQueueSchema, ...errors },
      },
    },
    async (req) => reviewQueue(deps, await requireAdmin(req, deps), req.query),
  );

  r.post(
    '/api/admin/declarations/search',
    {
      schema: {
        tags: REVIEW,
        summary: '学时审核列表（POST，筛选条件放在请求体中，身份证号不进入网址与日志；与 GET 相同）',
        body: reviewQueueQuery,
        response: { 200: reviewQueueSchema, ...errors },
      },
    },
    async (req) => reviewQueue(deps, await requireAdmin(req, deps), req.body),
  );

  r.post(
    '/api/admin/declarations/bulk-review',
    {
      schema: {
        tags: REVIEW,
        summary: '批量审核通过或不通过（逐条返回结果）',
        body: bulkReviewRequest,
        response: { 200: bulkReviewResponse, ...errors },
      },
    },
    async (req) => bulkDecide(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body),
  );

  r.get(
    '/api/admin/declarations/:id',
    {
      schema: {
        tags: REVIEW,
        summary: '申报详情：申报学时与标准学时、证明材料、审核流程与全部操作记录',
        params: idParam,
        response: { 200: declarationDetail, ...errors },
      },
    },
    async (req) => adminDeclarationDetail(deps, await requireAdmin(req, deps), req.params.id),
  );

  r.get(
    '/api/admin/declarations/:id/attachments/:attachmentId',
    {
      schema: {
        tags: REVIEW,
        summary: '查看申报的证明材料（图片与 PDF 可直接在页面中显示）',
        params: attachmentParams,
        produces: fileTypes,
        response: { 200: fileResponse, ...errors },
      },
    },
    async (req, reply) => {
      const file = await openAttachment(deps, await requireAdmin(req, deps), req.params.id, req.params.attachmentId, true);
      return reply.headers(file.headers).send(file.stream);
    },
  );

  r.post(
    '/api/admin/declarations/:id/approve',
    {
      schema: {
        tags: REVIEW,
        summary: '审核通过（最后一级审核通过即备案，学时计入）',
        params: idParam,
        body: reviewApprove,
        response: { 200: reviewResult, ...errors },
      },
    },
    async (req) =>
      decideDeclaration(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: true,
        version: req.body.version,
        comment: req.body.comment,
      }),
  );

  r.post(
    '/api/admin/declarations/:id/reject',
    {
      schema: {
        tags: REVIEW,
        summary: '审核不通过 / 驳回（须填写原因，退回本人修改后可重新提交）',
        params: idParam,
        body: reviewReject,
        response: { 200: reviewResult, ...errors },
      },
    },
    async (req) =>
      decideDeclaration(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: false,
        version: req.body.version,
        reason: req.body.reason,
      }),
  );

  declarationSettingsRoutes(app, deps);
}
