import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminSummary as adminSummarySchema,
  errorBody,
  idParam,
  okBody,
  orgDetail,
  orgList,
  orgListQuery,
  orgRegistrationRequest,
  orgSummary,
  pendingRegistrationsQuery,
  progressResponse,
  publicOrgList,
  publicOrgQuery,
  registrationSubmitted,
  rejectDecision,
  reviewDecision,
  withdrawRequest,
} from '@ce/shared';
import { AppError } from '../../errors';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { CAPTCHA_COOKIE, verifyCaptcha } from '../captcha/captcha';
import {
  adminSummary,
  listOrganisations,
  organisationDetail,
  pendingRegistrations,
  registerOrganisation,
  registrationProgress,
  reviewOrganisation,
  searchParents,
  withdrawRegistration,
} from './service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

export function registrationRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/public/organisations',
    {
      schema: {
        tags: ['注册'],
        summary: '按行政区划与名称模糊查找已审核的机构（注册时选择上级单位或所在单位）',
        querystring: publicOrgQuery,
        response: { 200: publicOrgList, 400: errorBody },
      },
    },
    async (req) => {
      const { kind, regionCode, q, limit } = req.query;
      const kinds = kind === undefined ? undefined : Array.isArray(kind) ? kind : [kind];
      return { items: await searchParents(deps, { kinds, regionCode, name: q, limit }) };
    },
  );

  r.post(
    '/api/registrations/organisations',
    {
      schema: {
        tags: ['注册'],
        summary: '主管部门、用人单位、继续教育基地注册（提交后由上级机构管理员审核）',
        body: orgRegistrationRequest,
        response: { 201: registrationSubmitted, ...errors },
      },
    },
    async (req, reply) => {
      const meta = metaOf(req, deps);
      if (deps.config.captcha) {
        await verifyCaptcha(deps.db, req.cookies[CAPTCHA_COOKIE], req.body.captcha, meta.now);
        reply.clearCookie(CAPTCHA_COOKIE, { path: '/' });
      }
      const result = await registerOrganisation(deps, meta, req.body);
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/api/registrations/progress',
    {
      schema: {
        tags: ['注册'],
        summary: '注册审核进度查询（姓名 + 身份证号，或统一社会信用代码）',
        querystring: z.object({
          idNumber: z.string().trim().max(32).optional(),
          name: z.string().trim().max(50).optional(),
          creditCode: z.string().trim().max(18).optional(),
        }),
        response: { 200: progressResponse, ...errors },
      },
    },
    async (req) => {
      const { idNumber, name, creditCode } = req.query;
      const meta = metaOf(req, deps);
      if (creditCode) return { items: await registrationProgress(deps, meta, { creditCode }) };
      if (idNumber && name) return { items: await registrationProgress(deps, meta, { idNumber, name }) };
      throw new AppError('VALIDATION', '请输入姓名和身份证号，或统一社会信用代码');
    },
  );

  r.post(
    '/api/registrations/:id/withdraw',
    {
      schema: {
        tags: ['注册'],
        summary: '撤回待审核的注册申请（需注册时设置的密码）',
        params: idParam,
        body: withdrawRequest,
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => {
      await withdrawRegistration(deps, metaOf(req, deps), req.params.id, req.body);
      return { ok: true as const, message: '注册申请已撤回，可重新注册' };
    },
  );

  // ---------------------------------------------------------------- admin console

  r.get(
    '/api/admin/summary',
    { schema: { tags: ['管理'], summary: '管理首页待办与统计', response: { 200: adminSummarySchema, ...errors } } },
    async (req) => adminSummary(deps, await requireAdmin(req, deps)),
  );

  r.get(
    '/api/admin/registrations/organisations',
    {
      schema: {
        tags: ['注册审核'],
        summary: '待我审核的机构注册',
        querystring: pendingRegistrationsQuery,
        response: { 200: z.object({ items: z.array(orgSummary), nextAfter: z.number().nullable() }), ...errors },
      },
    },
    async (req) => pendingRegistrations(deps, await requireAdmin(req, deps), req.query),
  );

  r.post(
    '/api/admin/registrations/organisations/:id/approve',
    {
      schema: {
        tags: ['注册审核'],
        summary: '审核通过机构注册',
        params: idParam,
        body: reviewDecision,
        response: { 200: z.object({ status: z.string() }), ...errors },
      },
    },
    async (req) =>
      reviewOrganisation(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: true,
        version: req.body.version,
      }),
  );

  r.post(
    '/api/admin/registrations/organisations/:id/reject',
    {
      schema: {
        tags: ['注册审核'],
        summary: '驳回机构注册（须填写原因）',
        params: idParam,
        body: rejectDecision,
        response: { 200: z.object({ status: z.string() }), ...errors },
      },
    },
    async (req) =>
      reviewOrganisation(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: false,
        version: req.body.version,
        reason: req.body.reason,
      }),
  );

  r.get(
    '/api/admin/organisations',
    {
      schema: {
        tags: ['机构'],
        summary: '本机构下级机构列表（按 id 倒序，游标分页）',
        querystring: orgListQuery,
        response: { 200: orgList, ...errors },
      },
    },
    async (req) => listOrganisations(deps, await requireAdmin(req, deps), req.query),
  );

  r.get(
    '/api/admin/organisations/:id',
    {
      schema: { tags: ['机构'], summary: '机构详情', params: idParam, response: { 200: orgDetail, ...errors } },
    },
    async (req) => organisationDetail(deps, await requireAdmin(req, deps), req.params.id),
  );
}
