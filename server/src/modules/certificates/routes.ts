import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  adminFilingsApi as filings,
  certificatesApi as certificates,
  errorBody,
  sealsApi as seals,
  verifyCertificateRequest,
  verifyCertificateResponse,
} from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
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

/** Certificates: published keys, the QR signature check, and the bureaus' e-seals (R-24, R-25). */
export function certificateRoutes(app: FastifyInstance, deps: Deps) {
  route(app, certificates.publicKeys, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return publicKeys(deps);
  });

  app.withTypeProvider<ZodTypeProvider>().post(
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

  route(app, seals.status, async (req) => sealStatus(deps, await requireAdmin(req, deps), req.params.id));

  route(app, seals.apply, async (req) =>
    applyForSeal(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body),
  );

  route(app, seals.applications, async (req) => sealApplications(deps, await requireAdmin(req, deps), req.query));

  route(app, seals.application, async (req) => sealApplicationDetail(deps, await requireAdmin(req, deps), req.params.id));

  route(app, seals.approve, async (req) =>
    reviewSealApplication(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
      approve: true,
      version: req.body.version,
    }),
  );

  route(app, seals.reject, async (req) =>
    reviewSealApplication(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, {
      approve: false,
      version: req.body.version,
      reason: req.body.reason,
    }),
  );

  // ---------------------------------------------------------------- admin filings (附件3)

  route(app, filings.ofOrganisation, async (req) =>
    orgAdminFilings(deps, await requireAdmin(req, deps), req.params.id, req.query),
  );

  route(app, filings.file, async (req) =>
    fileAdmin(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body),
  );

  route(app, filings.list, async (req) => adminFilings(deps, await requireAdmin(req, deps), req.query));
}
