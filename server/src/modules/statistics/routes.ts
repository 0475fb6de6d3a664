import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBody,
  statChildren,
  statChildrenQuery,
  statOverview,
  statOverviewQuery,
  statRefreshRequest,
  statRefreshResult,
  statTableExportQuery,
  statTrend,
  statTrendQuery,
  statUnmetExportQuery,
  statUnmetList,
  statUnmetQuery,
} from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { exportTable, exportUnmet, refreshNow, statisticsChildren, statisticsOverview, statisticsTrend, statisticsUnmet } from './service';
import { registerStatisticsSchedules } from './refresh';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const binary = (description: string) => z.any().meta({ type: 'string', format: 'binary', description });
const tags = ['查询统计'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const attachment = (name: string) => `attachment; filename="statistics.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function statisticsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerStatisticsSchedules(deps);

  r.get(
    '/api/admin/statistics/overview',
    {
      schema: {
        tags,
        summary: '本机构（或下级机构）某年度的统计：注册、达标、学时，按地区、职称、学习形式、工作部门分类',
        querystring: statOverviewQuery,
        response: { 200: statOverview, ...errors },
      },
    },
    async (req) => statisticsOverview(deps, await requireAdmin(req, deps), req.query),
  );

  r.get(
    '/api/admin/statistics/children',
    {
      schema: {
        tags,
        summary: '逐级下钻：下级机构各自的统计',
        querystring: statChildrenQuery,
        response: { 200: statChildren, ...errors },
      },
    },
    async (req) => statisticsChildren(deps, await requireAdmin(req, deps), req.query),
  );

  r.get(
    '/api/admin/statistics/trend',
    {
      schema: { tags, summary: '历年趋势', querystring: statTrendQuery, response: { 200: statTrend, ...errors } },
    },
    async (req) => statisticsTrend(deps, await requireAdmin(req, deps), req.query),
  );

  r.get(
    '/api/admin/statistics/unmet',
    {
      schema: {
        tags,
        summary: '未达标名单（尚缺公需、专业学时），可筛选',
        querystring: statUnmetQuery,
        response: { 200: statUnmetList, ...errors },
      },
    },
    async (req) => statisticsUnmet(deps, await requireAdmin(req, deps), req.query),
  );

  r.get(
    '/api/admin/statistics/unmet.xlsx',
    {
      schema: {
        tags,
        summary: '导出未达标名单（Excel，流式生成，身份证号脱敏）',
        querystring: statUnmetExportQuery,
        produces: [XLSX],
        response: { 200: binary('xlsx 文件'), ...errors },
      },
    },
    async (req, reply) => {
      const stream = await exportUnmet(deps, metaOf(req, deps), await requireAdmin(req, deps), req.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('未达标名单.xlsx'))
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  r.get(
    '/api/admin/statistics/table.xlsx',
    {
      schema: {
        tags,
        summary: '导出统计表（即图表数据）为 Excel',
        querystring: statTableExportQuery,
        produces: [XLSX],
        response: { 200: binary('xlsx 文件'), ...errors },
      },
    },
    async (req, reply) => {
      const { filename, stream } = await exportTable(deps, metaOf(req, deps), await requireAdmin(req, deps), req.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(filename))
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  r.post(
    '/api/admin/statistics/refresh',
    {
      schema: {
        tags,
        summary: '立即重新汇总某年度的统计数据（省人社厅）',
        body: statRefreshRequest,
        response: { 200: statRefreshResult, ...errors },
      },
    },
    async (req) => refreshNow(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body.year),
  );
}
