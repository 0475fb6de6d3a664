/** 审计日志, the health check and the standard-hours calculator (CONTRACT: POST /api/hour-standards/evaluate). */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { auditList, auditQuery, healthResponse } from '../api';
import { FORM_CODES } from '../rules/hourStandards';

export const auditActions = z.object({ items: z.array(z.object({ action: z.string(), label: z.string() })) });
export const auditChainAnswer = z.object({
  ok: z.boolean(),
  checked: z.number(),
  unchained: z.number(),
  brokenId: z.number().nullable(),
  reason: z.string().nullable(),
});
export const hourStandardRequest = z.object({ form: z.string().max(40), params: z.unknown().optional() });
export const hourStandardAnswer = z.object({
  hours: z.number().nullable(),
  covers: z.enum(['professional', 'all']).nullable(),
  basis: z.string(),
});

export const auditApi = {
  actions: endpoint({
    method: 'GET',
    path: '/api/admin/audit/actions',
    tags: ['审计日志'],
    summary: '审计日志的操作类型及中文名称（用于筛选）',
    response: auditActions,
  }),
  chain: endpoint({
    method: 'GET',
    path: '/api/admin/audit/chain',
    tags: ['审计日志'],
    summary: '校验整个审计日志的 SM3 哈希链，指出第一条被改动的记录（省人社厅管理员）',
    response: auditChainAnswer,
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/admin/audit',
    tags: ['审计日志'],
    summary: '本机构及下级机构的审计日志（人社部门超级管理员）',
    query: auditQuery,
    response: auditList,
  }),
};

export const systemApi = {
  health: endpoint({ method: 'GET', path: '/api/health', tags: ['系统'], summary: '健康检查', response: healthResponse }),
  evaluateHours: endpoint({
    method: 'POST',
    path: '/api/hour-standards/evaluate',
    tags: ['学时折算'],
    summary: `按《证书管理办法》第七条计算一条记录的标准学时（form 取值：${FORM_CODES.join(', ')}）`,
    body: hourStandardRequest,
    response: hourStandardAnswer,
  }),
};
