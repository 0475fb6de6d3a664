import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  adminFiling,
  adminFilingList,
  adminFilingRequest,
  adminFilingsQuery,
  errorBody,
  idParam,
  publicJwks,
  rejectDecision,
  reviewDecision,
  sealApplication,
  sealApplicationList,
  sealApplicationRequest,
  sealApplicationsQuery,
  sealStatus as sealStatusSchema,
  verifyCertificateRequest,
  verifyCertificateResponse,
} from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import {
  adminFilings,
  applyForSeal,
  fileAdmin,
  orgAdminFilings,
  publicKeys,
  reviewSealApplication,
  sealApplicationDetail,
  sealApplications,
  sealStatus,
} from './service';
import { verifyCertificate } from './queries';
import { certificateRecordRoutes } from './routes-records';
import { credentialRoutes } from './routes-credentials';
import { certificatePrintRoutes } from './routes-prints';
import { historicalHoursRoutes } from './routes-historical';
// Its work queues on the admin home page (queues/registry.ts).
import { publicLimit } from '../ratelimit/public-limits';

const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
};

/** Certificates: published keys, the QR signature check, and the bureaus' e-seals (R-24, R-25). */
export function certificateRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/public/keys',
    {
      schema: {
        tags: ['电子证书'],
        summary:
          '证书签名公钥（JWKS，含已轮换的旧密钥；kid 为“发证机关机构 id-序号”），用于离线验证证书二维码',
        response: { 200: publicJwks },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return publicKeys(deps);
    },
  );

  r.post(
    '/api/public/certificates/verify',
    {
      config: publicLimit('certificateVerify'),
      schema: {
        tags: ['电子证书'],
        summary:
          '验证电子证书二维码（二维码内容或其中的签名令牌）：签名是否由发证机关签发、内容是否被改动，以及该证书在平台中是否仍然有效（已撤销的年度显示撤销日期）',
        body: verifyCertificateRequest,
        response: { 200: verifyCertificateResponse, 400: errorBody, 429: errorBody },
      },
    },
    async (req) => verifyCertificate(deps, metaOf(req, deps), req.body.token),
  );

  certificateRecordRoutes(app, deps);
  credentialRoutes(app, deps);
  certificatePrintRoutes(app, deps);
  historicalHoursRoutes(app, deps);

  // ---------------------------------------------------------------- e-seal (admin console)

  r.get(
    '/api/admin/organisations/:id/seal',
    {
      schema: {
        tags: ['电子签章'],
        summary: '机构的电子签章状态（是否发证机关、是否已启用、最近一次启用申请）',
        params: idParam,
        response: { 200: sealStatusSchema, ...errors },
      },
    },
    async (req) => sealStatus(deps, await requireAdmin(req, deps), req.params.id),
  );

  r.post(
    '/api/admin/organisations/:id/seal-applications',
    {
      schema: {
        tags: ['电子签章'],
        summary: '提交《河南省专业技术人员继续教育证书》电子签章启用申请（报省人社厅审批）',
        params: idParam,
        body: sealApplicationRequest,
        response: { 201: sealApplication, ...errors },
      },
    },
    async (req, reply) => {
      const actor = await requireAdmin(req, deps);
      const created = await applyForSeal(deps, metaOf(req, deps), actor, req.params.id, req.body);
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/admin/seal-applications',
    {
      schema: {
        tags: ['电子签章'],
        summary: '电子签章启用申请列表（省人社厅：全省；其他：本机构），按提交时间倒序，游标分页',
        querystring: sealApplicationsQuery,
        response: { 200: sealApplicationList, ...errors },
      },
    },
    async (req) => sealApplications(deps, await requireAdmin(req, deps), req.query),
  );

  r.get(
    '/api/admin/seal-applications/:id',
    {
      schema: {
        tags: ['电子签章'],
        summary: '电子签章启用申请详情',
        params: idParam,
        response: { 200: sealApplication, ...errors },
      },
    },
    async (req) => sealApplicationDetail(deps, await requireAdmin(req, deps), req.params.id),
  );

  r.post(
    '/api/admin/seal-applications/:id/approve',
    {
      schema: {
        tags: ['电子签章'],
        summary: '省人社厅批准启用电子签章（同时生成该发证机关的证书签名密钥）',
        params: idParam,
        body: reviewDecision,
        response: { 200: sealApplication, ...errors },
      },
    },
    async (req) =>
      reviewSealApplication(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: true,
        version: req.body.version,
      }),
  );

  r.post(
    '/api/admin/seal-applications/:id/reject',
    {
      schema: {
        tags: ['电子签章'],
        summary: '省人社厅不予启用电子签章（须填写原因）',
        params: idParam,
        body: rejectDecision,
        response: { 200: sealApplication, ...errors },
      },
    },
    async (req) =>
      reviewSealApplication(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
        approve: false,
        version: req.body.version,
        reason: req.body.reason,
      }),
  );

  // ---------------------------------------------------------------- admin filings (附件3)

  r.get(
    '/api/admin/organisations/:id/admin-filings',
    {
      schema: {
        tags: ['电子签章'],
        summary: '机构报送的证书管理员信息备案（按报送时间倒序，游标分页）',
        params: idParam,
        querystring: adminFilingsQuery,
        response: { 200: adminFilingList, ...errors },
      },
    },
    async (req) => orgAdminFilings(deps, await requireAdmin(req, deps), req.params.id, req.query),
  );

  r.post(
    '/api/admin/organisations/:id/admin-filings',
    {
      schema: {
        tags: ['电子签章'],
        summary: '报送河南省专业技术人员继续教育证书管理员信息备案表',
        params: idParam,
        body: adminFilingRequest,
        response: { 201: adminFiling, ...errors },
      },
    },
    async (req, reply) => {
      const actor = await requireAdmin(req, deps);
      const created = await fileAdmin(deps, metaOf(req, deps), actor, req.params.id, req.body);
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/admin/admin-filings',
    {
      schema: {
        tags: ['电子签章'],
        summary: '证书管理员信息备案列表（省人社厅：全省；其他：本机构）',
        querystring: adminFilingsQuery,
        response: { 200: adminFilingList, ...errors },
      },
    },
    async (req) => adminFilings(deps, await requireAdmin(req, deps), req.query),
  );
}
