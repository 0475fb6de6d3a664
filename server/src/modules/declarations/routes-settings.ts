import type { FastifyInstance } from 'fastify';
import { declarationSettingsApi as settings, samplingApi as sampling } from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { checkSampleItem, drawSample, listSamples, sampleDetail, verifySample } from './sampling';
import { cancelOpening, capList, createOpening, deleteWindow, listOpenings, setCap, setWindow, windowList } from './settings';

/** Declaration settings and the sampling audit. */
export function declarationSettingsRoutes(app: FastifyInstance, deps: Deps) {
  route(app, settings.windows, async (req) => {
    await requireAdmin(req, deps);
    return windowList(deps);
  });
  route(app, settings.setWindow, async (req) =>
    setWindow(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.year, req.body),
  );
  route(app, settings.deleteWindow, async (req) =>
    deleteWindow(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.year),
  );
  route(app, settings.caps, async (req) => {
    await requireAdmin(req, deps);
    return capList(deps);
  });
  route(app, settings.setCap, async (req) =>
    setCap(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.form, req.body.maxHours),
  );
  route(app, settings.openings, async (req) => listOpenings(deps, await requireAdmin(req, deps), req.query));
  route(app, settings.open, async (req) => createOpening(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));
  route(app, settings.cancelOpening, async (req) =>
    cancelOpening(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id),
  );

  route(app, sampling.list, async (req) => listSamples(deps, await requireAdmin(req, deps), req.query));
  route(app, sampling.draw, async (req) => drawSample(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));
  route(app, sampling.detail, async (req) => sampleDetail(deps, await requireAdmin(req, deps), req.params.id));
  route(app, sampling.verify, async (req) => verifySample(deps, await requireAdmin(req, deps), req.params.id));
  route(app, sampling.confirm, async (req) =>
    checkSampleItem(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.params.declarationId, { revoke: false }),
  );
  route(app, sampling.revoke, async (req) =>
    checkSampleItem(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.params.declarationId, {
      revoke: true,
      reason: req.body.reason,
    }),
  );
}
