import type { FastifyInstance } from 'fastify';
import { certificatePrintsApi as api, peopleApi } from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { adminPrintCertificate, defineCertificateZipJob, enqueueCertificateZip } from './admin-printing';
import { personRecord } from './person-record';
import { pdfDisposition } from './rules';
import { defineCertificateRecomputeJob } from './recompute';

/**
 * Units print their people's certificates: one PDF, or a ZIP of many built by a job (issue 8 item 3);
 * a person's 年度完成情况 and declarations for the 人员管理 drawer (item 4).
 */
export function certificatePrintRoutes(app: FastifyInstance, deps: Deps) {
  defineCertificateZipJob(deps);
  defineCertificateRecomputeJob(deps);

  route(app, api.pdf, async (req, reply) => {
    const printed = await adminPrintCertificate(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.certNo, req.query);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', pdfDisposition(printed.file))
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(printed.pdf));
  });

  route(app, api.zip, async (req) => enqueueCertificateZip(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));

  route(app, peopleApi.record, async (req) => personRecord(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id));
}
