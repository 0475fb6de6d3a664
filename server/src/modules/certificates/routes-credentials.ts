import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { certificatePdfParam, didDocumentSchema, errorBody, mergedPdfQuery } from '@ce/shared';
import { metaOf, requireActor, type Deps } from '../../http/context';
import { CREDENTIAL_MEDIA_TYPE } from './credential';
import { credentialDownload, publishedDidDocument } from './credential-service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const ME = ['年度完成情况与电子证书（专业技术人员）'];
const vcJwt = z.string().meta({ description: 'VC-JWT（紧凑 JWS），媒体类型 application/vc+jwt' });

/** Verifiable credentials (issue 14, CONTRACT "Credentials"): the DID document and the downloads. */
export function credentialRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/.well-known/did.json',
    {
      schema: {
        tags: ['电子证书'],
        summary: '平台的 did:web DID 文档：各发证机关的证书签名公钥（JWK，含已轮换的旧密钥），用于验证可验证凭证',
        response: { 200: didDocumentSchema },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
      return publishedDidDocument(deps);
    },
  );

  const send = (reply: FastifyReply, jwt: string, name: { name: string; ascii: string }) =>
    reply
      .header('content-type', CREDENTIAL_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.name)}`)
      .header('cache-control', 'private, no-store')
      .send(jwt);

  r.get(
    '/api/me/certificates/:year/credential',
    {
      schema: {
        tags: ME,
        summary:
          '下载某年度证书的可验证凭证（W3C Verifiable Credential 2.0 / Open Badges 3.0，发证机关签名的 JWT）；该年度未通过 → 409',
        params: certificatePdfParam,
        produces: [CREDENTIAL_MEDIA_TYPE],
        response: { 200: vcJwt, ...errors },
      },
    },
    async (req, reply) => {
      const meta = metaOf(req, deps);
      const { jwt, file, facts, kid } = await credentialDownload(deps, meta, await requireActor(req, deps), {
        from: req.params.year,
        to: req.params.year,
        merged: false,
      });
      req.log.info({ certNo: facts.certNo, years: [req.params.year], kid }, 'credential issued');
      return send(reply, jwt, file);
    },
  );

  r.get(
    '/api/me/certificates/credential',
    {
      schema: {
        tags: ME,
        summary: '合并下载起止年度的可验证凭证（每个年度都通过时）；任一年度未通过 → 409（指明年度）',
        querystring: mergedPdfQuery,
        produces: [CREDENTIAL_MEDIA_TYPE],
        response: { 200: vcJwt, ...errors },
      },
    },
    async (req, reply) => {
      const meta = metaOf(req, deps);
      const { jwt, file, facts, kid } = await credentialDownload(deps, meta, await requireActor(req, deps), { ...req.query, merged: true });
      req.log.info({ certNo: facts.certNo, years: facts.years.map((y) => y.year), kid }, 'credential issued');
      return send(reply, jwt, file);
    },
  );
}
