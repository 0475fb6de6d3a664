import type { FastifyInstance } from 'fastify';
import { homeApi as api } from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { adminHome, getReviewDeadline, sendOverdueDigests, setReviewDeadline } from './service';

/** Admin home pages (首页), the review deadline, and the daily 逾期 digest (issue 12 item 2). */
export function queueRoutes(app: FastifyInstance, deps: Deps) {
  // 09:05 Beijing time, before the working day: one digest per admin with 逾期 items.
  deps.jobs.schedule('overdue-digest', '5 1 * * *', () => sendOverdueDigests(deps));

  route(app, api.queues, async (req) => adminHome(deps, await requireAdmin(req, deps)));
  route(app, api.reviewDeadline, async (req) => getReviewDeadline(deps, await requireAdmin(req, deps)));
  route(app, api.setReviewDeadline, async (req) => setReviewDeadline(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body.days));
}
