import type { FastifyInstance } from 'fastify';
import {
  adminFilingsApi as filings,
  certificatesApi as certificates,
  sealsApi as seals,
} from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { decisionRoutes } from '../../http/decision-routes';
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

  route(app, certificates.verify, async (req) => verifyCertificate(deps, metaOf(req, deps), req.body.token), {
    config: publicLimit('certificateVerify'),
  });

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

  decisionRoutes(app, deps, seals, (meta, admin, id, d) => reviewSealApplication(deps, meta, admin, id, d));

  // ---------------------------------------------------------------- admin filings (附件3)

  route(app, filings.ofOrganisation, async (req) =>
    orgAdminFilings(deps, await requireAdmin(req, deps), req.params.id, req.query),
  );

  route(app, filings.file, async (req) =>
    fileAdmin(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body),
  );

  route(app, filings.list, async (req) => adminFilings(deps, await requireAdmin(req, deps), req.query));
}
