import type { FastifyInstance } from 'fastify';
import { statisticsApi as api } from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { exportTable, exportUnmet, refreshNow, statisticsChildren, statisticsOverview, statisticsTrend, statisticsUnmet } from './service';
import { registerStatisticsSchedules } from './refresh';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const attachment = (name: string) => `attachment; filename="statistics.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function statisticsRoutes(app: FastifyInstance, deps: Deps) {
  registerStatisticsSchedules(deps);

  route(app, api.overview, async (req) => statisticsOverview(deps, await requireAdmin(req, deps), req.query));
  route(app, api.children, async (req) => statisticsChildren(deps, await requireAdmin(req, deps), req.query));
  route(app, api.trend, async (req) => statisticsTrend(deps, await requireAdmin(req, deps), req.query));
  route(app, api.unmet, async (req) => statisticsUnmet(deps, await requireAdmin(req, deps), req.query));

  route(app, api.unmetXlsx, async (req, reply) => {
    const stream = await exportUnmet(deps, metaOf(req, deps), await requireAdmin(req, deps), req.query);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', attachment('未达标名单.xlsx'))
      .header('cache-control', 'private, no-store')
      .send(stream);
  });

  route(app, api.tableXlsx, async (req, reply) => {
    const { filename, stream } = await exportTable(deps, metaOf(req, deps), await requireAdmin(req, deps), req.query);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', attachment(filename))
      .header('cache-control', 'private, no-store')
      .send(stream);
  });

  route(app, api.refresh, async (req) => refreshNow(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body.year));
}
