import type { FastifyInstance } from 'fastify';
import { sharingApi as api } from '@ce/shared';
import { metaOf, requireActor, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { createShare, listShares, myCertificateViews, revokeShare, viewShare } from './service';
import { flushViews } from './views';
import { publicLimit } from '../ratelimit/public-limits';

/** Share links for reviewing bodies and 谁查看了我的证书 (issue 14). */
export function sharingRoutes(app: FastifyInstance, deps: Deps) {
  // The view rows the public reads collected are written before the app (and its database) close.
  app.addHook('onClose', () => flushViews(deps.db));

  route(app, api.create, async (req, reply) => {
    const created = await createShare(deps, metaOf(req, deps), await requireActor(req, deps), req.body);
    reply.header('cache-control', 'no-store');
    return created;
  });

  route(app, api.list, async (req) => listShares(deps, metaOf(req, deps), await requireActor(req, deps)));

  route(app, api.revoke, async (req) =>
    revokeShare(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.body.version),
  );

  route(app, api.certificateViews, async (req) => myCertificateViews(deps, await requireActor(req, deps), req.query));

  route(
    app,
    api.view,
    async (req, reply) => {
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      return viewShare(deps, metaOf(req, deps), req.params.token);
    },
    { config: publicLimit('shareView') },
  );
}
