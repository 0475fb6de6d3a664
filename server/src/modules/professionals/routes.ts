import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminChangeRequestItem,
  adminChangeRequestList,
  archiveRequest,
  archiveResponse,
  changeRequestList,
  changeRequestsQuery,
  changeSubmitted,
  errorBody,
  idParam,
  identityChangeFields,
  okBody,
  pendingProfessionalsQuery,
  photoSideParam,
  professionalBulkReviewRequest,
  professionalBulkReviewResult,
  professionalDetail,
  professionalExportQuery,
  professionalList,
  professionalListQuery,
  professionalProfile,
  professionalRegistrationList,
  professionalRegistrationRequest,
  profileUpdateRequest,
  registrationSubmitted,
  rejectDecision,
  reviewDecision,
  titleChangeRequest,
  transferApproval,
  transferItem,
  transferList,
  transferOutRequest,
  transferRequest,
  transfersQuery,
} from '@ce/shared';
import { metaOf, requireActor, requireAdmin, type Deps } from '../../http/context';
import { CAPTCHA_COOKIE, verifyCaptcha } from '../captcha/captcha';
import { multipartRoutes, sendFile, uploadedFile } from '../files/multipart';
import {
  bulkReviewProfessionalRegistrations,
  pendingProfessionalRegistrations,
  registerProfessional,
  reviewProfessionalRegistration,
} from './registration';
import {
  changePhotoForReviewer,
  changeRequestDetail,
  listUnitChangeRequests,
  myChangePhoto,
  myChangeRequests,
  myProfile,
  PHOTO_MAX_BYTES,
  reviewChangeRequest,
  submitIdentityChange,
  submitTitleChange,
  updateMyProfile,
  withdrawChangeRequest,
} from './profile';
import {
  initiateTransferOut,
  listUnitTransfers,
  myTransfers,
  requestTransfer,
  reviewTransfer,
  transferDetail,
  withdrawTransfer,
} from './transfers';
import {
  archiveProfessional,
  exportProfessionals,
  listProfessionalsInScope,
  professionalDetailFor,
  restoreProfessional,
} from './people';
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
const statusBody = z.object({ status: z.string(), message: z.string().optional() });
const binary = (description: string) => z.any().meta({ type: 'string', format: 'binary', description });
const photoNames = { front: '身份证正面', back: '身份证反面' } as const;

export function professionalRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---------------------------------------------------------------- registration (public)

  r.post(
    '/api/registrations/professionals',
    {
      schema: {
        tags: ['注册'],
        summary: '专业技术人员注册（提交后由所在单位管理员审核；已是本系统用户须输入原密码）',
        body: professionalRegistrationRequest,
        response: { 201: registrationSubmitted, ...errors },
      },
    },
    async (req, reply) => {
      const meta = metaOf(req, deps);
      if (deps.config.captcha) {
        await verifyCaptcha(deps.db, req.cookies[CAPTCHA_COOKIE], req.body.captcha, meta.now);
        reply.clearCookie(CAPTCHA_COOKIE, { path: '/' });
      }
      return reply.status(201).send(await registerProfessional(deps, meta, req.body));
    },
  );

  // ---------------------------------------------------------------- the professional

  const me = ['个人资料'];

  r.get(
    '/api/me/profile',
    { schema: { tags: me, summary: '我的资料（含证书管理号）', response: { 200: professionalProfile, ...errors } } },
    async (req) => myProfile(deps, await requireActor(req, deps)),
  );

  r.patch(
    '/api/me/profile',
    {
      schema: {
        tags: me,
        summary: '基本信息修改（手机、邮箱、民族、籍贯、毕业院校、所学专业；直接生效）',
        body: profileUpdateRequest,
        response: { 200: professionalProfile, ...errors },
      },
    },
    async (req) => updateMyProfile(deps, metaOf(req, deps), await requireActor(req, deps), req.body),
  );

  r.get(
    '/api/me/change-requests',
    { schema: { tags: me, summary: '变更记录（专业技术职务与证件信息修改申请及结果）', response: { 200: changeRequestList, ...errors } } },
    async (req) => myChangeRequests(deps, await requireActor(req, deps)),
  );

  r.post(
    '/api/me/change-requests/title',
    {
      schema: {
        tags: me,
        summary: '申请修改专业技术职务（单位审核通过后生效）',
        body: titleChangeRequest,
        response: { 201: changeSubmitted, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await submitTitleChange(deps, metaOf(req, deps), await requireActor(req, deps), req.body)),
  );

  multipartRoutes(app, { maxFileBytes: PHOTO_MAX_BYTES, maxFiles: 2 }, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/me/change-requests/identity',
      {
        schema: {
          tags: me,
          summary: '证件信息修改（姓名或身份证号，须上传身份证正反面照片，由单位审核；30天内限一次）',
          description:
            '请求体为 multipart/form-data：name（新姓名）、idNumber（新身份证号）至少填一项且二者须有一项与原来一致；front、back 为身份证正、反面照片，仅接受 JPG、PNG（按文件内容识别），每张不超过5MB。',
          consumes: ['multipart/form-data'],
          body: identityChangeFields.extend({
            front: uploadedFile('请上传身份证正面照片'),
            back: uploadedFile('请上传身份证反面照片'),
          }),
          response: { 201: changeSubmitted, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await submitIdentityChange(deps, metaOf(req, deps), await requireActor(req, deps), req.body)),
    );
  });

  r.post(
    '/api/me/change-requests/:id/withdraw',
    { schema: { tags: me, summary: '撤回待审核的变更申请', params: idParam, response: { 200: okBody, ...errors } } },
    async (req) => {
      await withdrawChangeRequest(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id);
      return { ok: true as const, message: '申请已撤回' };
    },
  );

  r.get(
    '/api/me/change-requests/:id/photos/:side',
    {
      schema: {
        tags: me,
        summary: '查看本人证件信息修改申请的身份证照片',
        params: photoSideParam,
        produces: ['image/jpeg', 'image/png'],
        response: { 200: binary('JPG 或 PNG 图片'), ...errors },
      },
    },
    async (req, reply) => {
      const file = await myChangePhoto(deps, await requireActor(req, deps), req.params.id, req.params.side);
      return sendFile(reply, file, photoNames[req.params.side]);
    },
  );

  r.get(
    '/api/me/transfers',
    { schema: { tags: me, summary: '我的单位调转申请', response: { 200: transferList, ...errors } } },
    async (req) => myTransfers(deps, await requireActor(req, deps)),
  );

  r.post(
    '/api/me/transfers',
    {
      schema: {
        tags: me,
        summary: '申请单位调转（原单位同意转出后由新单位同意调入；有待审核事项时不能申请）',
        body: transferRequest,
        response: { 201: changeSubmitted, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await requestTransfer(deps, metaOf(req, deps), await requireActor(req, deps), req.body)),
  );

  r.post(
    '/api/me/transfers/:id/withdraw',
    { schema: { tags: me, summary: '撤回办理中的单位调转申请', params: idParam, response: { 200: okBody, ...errors } } },
    async (req) => {
      await withdrawTransfer(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id);
      return { ok: true as const, message: '调转申请已撤回' };
    },
  );

  // ---------------------------------------------------------------- registrations (the unit)

  const review = ['人员审核'];

  r.get(
    '/api/admin/registrations/professionals',
    {
      schema: {
        tags: review,
        summary: '待我审核的专业技术人员注册（工作部门范围内；按提交先后，游标分页）',
        querystring: pendingProfessionalsQuery,
        response: { 200: professionalRegistrationList, ...errors },
      },
    },
    async (req) => pendingProfessionalRegistrations(deps, await requireAdmin(req, deps), req.query),
  );

  r.post(
    '/api/admin/registrations/professionals/:id/approve',
    {
      schema: { tags: review, summary: '审核通过专业技术人员注册', params: idParam, body: reviewDecision, response: { 200: statusBody, ...errors } },
    },
    async (req) =>
      reviewProfessionalRegistration(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: true,
        version: req.body.version,
      }),
  );

  r.post(
    '/api/admin/registrations/professionals/:id/reject',
    {
      schema: {
        tags: review,
        summary: '驳回专业技术人员注册（须填写原因；驳回后本人可重新注册）',
        params: idParam,
        body: rejectDecision,
        response: { 200: statusBody, ...errors },
      },
    },
    async (req) =>
      reviewProfessionalRegistration(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: false,
        version: req.body.version,
        reason: req.body.reason,
      }),
  );

  r.post(
    '/api/admin/registrations/professionals/bulk-review',
    {
      schema: {
        tags: review,
        summary: '批量审核专业技术人员注册（逐条报告结果；含越权记录时整体拒绝）',
        body: professionalBulkReviewRequest,
        response: { 200: professionalBulkReviewResult, ...errors },
      },
    },
    async (req) => bulkReviewProfessionalRegistrations(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body),
  );

  // ---------------------------------------------------------------- change requests (the unit)

  r.get(
    '/api/admin/professional-changes',
    {
      schema: {
        tags: review,
        summary: '本单位的信息变更申请（专业技术职务、证件信息；默认待审核）',
        querystring: changeRequestsQuery,
        response: { 200: adminChangeRequestList, ...errors },
      },
    },
    async (req) => listUnitChangeRequests(deps, await requireAdmin(req, deps), req.query),
  );

  r.get(
    '/api/admin/professional-changes/:id',
    {
      schema: {
        tags: review,
        summary: '信息变更申请详情（审核单位可见完整身份证号）',
        params: idParam,
        response: { 200: adminChangeRequestItem, ...errors },
      },
    },
    async (req) => changeRequestDetail(deps, await requireAdmin(req, deps), req.params.id),
  );

  r.get(
    '/api/admin/professional-changes/:id/photos/:side',
    {
      schema: {
        tags: review,
        summary: '证件信息修改申请的身份证照片（仅审核单位）',
        params: photoSideParam,
        produces: ['image/jpeg', 'image/png'],
        response: { 200: binary('JPG 或 PNG 图片'), ...errors },
      },
    },
    async (req, reply) => {
      const file = await changePhotoForReviewer(deps, await requireAdmin(req, deps), req.params.id, req.params.side);
      return sendFile(reply, file, photoNames[req.params.side]);
    },
  );

  r.post(
    '/api/admin/professional-changes/:id/approve',
    {
      schema: { tags: review, summary: '通过信息变更申请（随即生效；证书管理号不变）', params: idParam, body: reviewDecision, response: { 200: statusBody, ...errors } },
    },
    async (req) =>
      reviewChangeRequest(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, { approve: true, version: req.body.version }),
  );

  r.post(
    '/api/admin/professional-changes/:id/reject',
    {
      schema: { tags: review, summary: '驳回信息变更申请（须填写原因）', params: idParam, body: rejectDecision, response: { 200: statusBody, ...errors } },
    },
    async (req) =>
      reviewChangeRequest(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: false,
        version: req.body.version,
        reason: req.body.reason,
      }),
  );

  // ---------------------------------------------------------------- transfers (the units)

  const transfers = ['人员调转'];

  r.get(
    '/api/admin/transfers',
    {
      schema: {
        tags: transfers,
        summary: '人员调出 / 调入列表（默认为等待本单位处理的）',
        querystring: transfersQuery,
        response: { 200: transferList, ...errors },
      },
    },
    async (req) => listUnitTransfers(deps, await requireAdmin(req, deps), req.query),
  );

  r.get(
    '/api/admin/transfers/:id',
    { schema: { tags: transfers, summary: '单位调转详情', params: idParam, response: { 200: transferItem, ...errors } } },
    async (req) => transferDetail(deps, await requireAdmin(req, deps), req.params.id),
  );

  r.post(
    '/api/admin/transfers/:id/approve',
    {
      schema: {
        tags: transfers,
        summary: '同意调转：原单位同意转出，或新单位同意调入（调入时确定工作部门）',
        params: idParam,
        body: transferApproval,
        response: { 200: statusBody, ...errors },
      },
    },
    async (req) =>
      reviewTransfer(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, { approve: true, ...req.body }),
  );

  r.post(
    '/api/admin/transfers/:id/reject',
    {
      schema: { tags: transfers, summary: '不同意调转（须填写原因）', params: idParam, body: rejectDecision, response: { 200: statusBody, ...errors } },
    },
    async (req) =>
      reviewTransfer(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, { approve: false, ...req.body }),
  );

  // ---------------------------------------------------------------- people (admins)

  const people = ['人员管理'];

  r.get(
    '/api/admin/professionals',
    {
      schema: {
        tags: people,
        summary: '专技人员信息查询（管理范围内；身份证号、手机号脱敏；游标分页）',
        querystring: professionalListQuery,
        response: { 200: professionalList, ...errors },
      },
    },
    async (req) => listProfessionalsInScope(deps, await requireAdmin(req, deps), req.query),
  );

  r.post(
    '/api/admin/professionals/search',
    {
      schema: {
        tags: people,
        summary: '专技人员信息查询（POST，查询条件放在请求体中，身份证号不进入网址与日志；与 GET 相同）',
        body: professionalListQuery,
        response: { 200: professionalList, ...errors },
      },
    },
    async (req) => listProfessionalsInScope(deps, await requireAdmin(req, deps), req.body),
  );

  const exportXlsx = async (req: FastifyRequest, reply: FastifyReply, query: z.output<typeof professionalExportQuery>) => {
    const stream = await exportProfessionals(deps, metaOf(req, deps), await requireAdmin(req, deps), query);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="professionals.xlsx"; filename*=UTF-8''${encodeURIComponent('专业技术人员.xlsx')}`)
      .header('cache-control', 'private, no-store')
      .send(stream);
  };

  r.get(
    '/api/admin/professionals/export.xlsx',
    {
      schema: {
        tags: people,
        summary: '按当前查询条件导出 Excel：本单位人员的身份证号、手机号完整，其他单位人员脱敏；每人附所选年度（year，默认当年）的公需、专业学时和认定结果',
        querystring: professionalExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: binary('xlsx 文件'), ...errors },
      },
    },
    async (req, reply) => exportXlsx(req, reply, req.query),
  );

  r.post(
    '/api/admin/professionals/export.xlsx',
    {
      schema: {
        tags: people,
        summary: '按查询条件导出 Excel（POST，条件放在请求体中，身份证号不进入网址与日志）',
        body: professionalExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: binary('xlsx 文件'), ...errors },
      },
    },
    async (req, reply) => exportXlsx(req, reply, req.body),
  );

  r.get(
    '/api/admin/professionals/:id',
    {
      schema: {
        tags: people,
        summary: '专技人员详情（完整身份证号仅本单位管理员可见）',
        params: idParam,
        response: { 200: professionalDetail, ...errors },
      },
    },
    async (req) => professionalDetailFor(deps, await requireAdmin(req, deps), req.params.id),
  );

  r.post(
    '/api/admin/professionals/:id/transfer-out',
    {
      schema: {
        tags: transfers,
        summary: '人员调出：原单位选择调入的新单位，新单位同意后完成',
        params: idParam,
        body: transferOutRequest,
        response: { 201: changeSubmitted, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await initiateTransferOut(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body)),
  );

  r.post(
    '/api/admin/professionals/:id/archive',
    {
      schema: {
        tags: people,
        summary: '注销归档（退休、去世；人社部门操作）：不能登录，数据与学时记录全部保留，可恢复',
        params: idParam,
        body: archiveRequest,
        response: { 200: archiveResponse, ...errors },
      },
    },
    async (req) => archiveProfessional(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body),
  );

  r.post(
    '/api/admin/professionals/:id/restore',
    {
      schema: { tags: people, summary: '恢复已注销归档的账号（人社部门）', params: idParam, body: reviewDecision, response: { 200: archiveResponse, ...errors } },
    },
    async (req) => restoreProfessional(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body),
  );
}
