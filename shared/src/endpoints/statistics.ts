/** 查询统计 (SPEC R-31): figures of the admin's subtree, drill-down, trend, 未达标名单 and Excel exports. */
import { endpoint } from '../endpoint';
import {
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
} from '../api-statistics';

const TAGS = ['查询统计'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const statisticsApi = {
  overview: endpoint({
    method: 'GET',
    path: '/api/admin/statistics/overview',
    tags: TAGS,
    summary: '本机构（或下级机构）某年度的统计：注册、达标、学时，按地区、职称、学习形式、工作部门分类',
    query: statOverviewQuery,
    response: statOverview,
  }),
  children: endpoint({
    method: 'GET',
    path: '/api/admin/statistics/children',
    tags: TAGS,
    summary: '逐级下钻：下级机构各自的统计',
    query: statChildrenQuery,
    response: statChildren,
  }),
  trend: endpoint({
    method: 'GET',
    path: '/api/admin/statistics/trend',
    tags: TAGS,
    summary: '历年趋势',
    query: statTrendQuery,
    response: statTrend,
  }),
  unmet: endpoint({
    method: 'GET',
    path: '/api/admin/statistics/unmet',
    tags: TAGS,
    summary: '未达标名单（尚缺公需、专业学时），可筛选',
    query: statUnmetQuery,
    response: statUnmetList,
  }),
  unmetXlsx: endpoint({
    method: 'GET',
    path: '/api/admin/statistics/unmet.xlsx',
    tags: TAGS,
    summary: '导出未达标名单（Excel，流式生成，身份证号脱敏）',
    query: statUnmetExportQuery,
    produces: [XLSX],
  }),
  tableXlsx: endpoint({
    method: 'GET',
    path: '/api/admin/statistics/table.xlsx',
    tags: TAGS,
    summary: '导出统计表（即图表数据）为 Excel',
    query: statTableExportQuery,
    produces: [XLSX],
  }),
  refresh: endpoint({
    method: 'POST',
    path: '/api/admin/statistics/refresh',
    tags: TAGS,
    summary: '立即重新汇总某年度的统计数据（省人社厅）',
    body: statRefreshRequest,
    response: statRefreshResult,
  }),
};
