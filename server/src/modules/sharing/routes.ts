import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  certificateViewList,
  certificateViewsQuery,
  createShareRequest,
  createdShare,
  errorBody,
  idParam,
  revokeShareRequest,
  shareItem,
  shareList,
  shareTokenParam,
  sharedView,
} from '@ce/shared';
import { metaOf, requireActor, type Deps } from '../../http/context';
import { createShare, listShares, myCertificateViews, revokeShare, viewShare } from './service';
import { flushViews } from './views';
import { publicLimit } from '../ratelimit/public-limits';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const ME = ['证书共享与查验记录（专业技术人员）'];

/** Share links for reviewing bodies and 谁查看了我的证书 (issue 14). */
export function sharingRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The view rows the public reads collected are written before the app (and its database) close.
  app.addHook('onClose', () => flushViews(deps.db));

  r.post(
    '/api/me/shares',
    {
      schema: {
        tags: ME,
        summary: '创建共享链接（职称评审、岗位聘用等）：选择年度、接收单位、有效期1—90天、是否显示完整身份证号；链接只在本次返回',
        body: createShareRequest,
        response: { 201: createdShare, ...errors },
      },
    },
    async (req, reply) => {
      const created = await createShare(deps, metaOf(req, deps), await requireActor(req, deps), req.body);
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  r.get(
    '/api/me/shares',
    { schema: { tags: ME, summary: '我的共享链接（新建在前），含状态与查看次数', response: { 200: shareList, ...errors } } },
    async (req) => listShares(deps, metaOf(req, deps), await requireActor(req, deps)),
  );

  r.post(
    '/api/me/shares/:id/revoke',
    {
      schema: {
        tags: ME,
        summary: '撤销共享链接（立即失效）',
        params: idParam,
        body: revokeShareRequest,
        response: { 200: shareItem, ...errors },
      },
    },
    async (req) => revokeShare(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.body.version),
  );

  r.get(
    '/api/me/certificate-views',
    {
      schema: {
        tags: ME,
        summary: '谁查看了我的证书：每次公开验证或查询（二维码、证书查询、可验证凭证、共享链接）的时间、方式、脱敏IP、浏览器类型，及各年度次数；保留180天',
        querystring: certificateViewsQuery,
        response: { 200: certificateViewList, ...errors },
      },
    },
    async (req) => myCertificateViews(deps, await requireActor(req, deps), req.query),
  );

  r.get(
    '/api/public/shares/:token',
    {
      config: publicLimit('shareView'),
      schema: {
        tags: ['证书查询'],
        summary: '打开共享链接（无需登录，只读）：所选年度的学时、学习形式、记录来源与审核日期、证书状态；过期或撤销的链接说明原因',
        params: shareTokenParam,
        response: { 200: sharedView, 400: errorBody, 404: errorBody, 429: errorBody },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      return viewShare(deps, metaOf(req, deps), req.params.token);
    },
  );
}
