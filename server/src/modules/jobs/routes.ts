import type { FastifyInstance } from 'fastify';
import { jobsApi as api } from '@ce/shared';
import { requireActor, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { jobResultFile, jobStatus } from './service';

/** CONTRACT "Bulk channels": jobs are polled by their owner (and admins above). */
export function jobRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.status, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return jobStatus(deps, await requireActor(req, deps), req.params.jobId);
  });
  route(app, api.file, async (req, reply) => {
    const file = await jobResultFile(deps, await requireActor(req, deps), req.params.jobId);
    return reply
      .headers({
        'content-type': file.contentType,
        'content-length': String(file.size),
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      })
      .send(file.stream);
  });
}
