import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditList, auditQuery, errorBody } from '@ce/shared';
import { requireAccess } from '../../access/access';
import { AUDIT_ACTION_LABELS } from '../../audit/audit';
import { auditSummary, objectLabels } from '../../audit/present';
import { verifyAuditChain } from '../../audit/chain';
import { AppError } from '../../errors';
import { requireAdmin, type Deps } from '../../http/context';
import { findOrg } from '../organisations/repo';
import { auditPage } from './repo';

export function auditRoutes(app: FastifyInstance, deps: Deps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/audit/actions',
    {
      schema: {
        tags: ['审计日志'],
        summary: '审计日志的操作类型及中文名称（用于筛选）',
        response: { 200: z.object({ items: z.array(z.object({ action: z.string(), label: z.string() })) }), 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      const actor = await requireAdmin(req, deps);
      requireAccess(actor, { action: 'audit.read', org: (await findOrg(deps.db, actor.org.id))! });
      return { items: Object.entries(AUDIT_ACTION_LABELS).map(([action, label]) => ({ action, label })) };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/audit/chain',
    {
      schema: {
        tags: ['审计日志'],
        summary: '校验整个审计日志的 SM3 哈希链，指出第一条被改动的记录（省人社厅管理员）',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            unchained: z.number(),
            brokenId: z.number().nullable(),
            reason: z.string().nullable(),
          }),
          401: errorBody,
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (req) => {
      const actor = await requireAdmin(req, deps);
      const own = (await findOrg(deps.db, actor.org.id))!;
      requireAccess(actor, { action: 'audit.read', org: own });
      // The chain spans every organisation's rows: only the province HRSS may check it.
      if (own.kind !== 'hrss' || own.regionCode !== '410000')
        throw new AppError('FORBIDDEN', '仅省人力资源和社会保障厅的管理员可以校验审计日志哈希链');
      const r = await verifyAuditChain(deps.db);
      return r.ok
        ? { ok: true, checked: r.checked, unchained: r.unchained, brokenId: null, reason: null }
        : { ok: false, checked: r.checked, unchained: 0, brokenId: r.brokenId, reason: r.reason };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['审计日志'],
        summary: '本机构及下级机构的审计日志（人社部门超级管理员）',
        querystring: auditQuery,
        response: { 200: auditList, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      const actor = await requireAdmin(req, deps);
      const own = (await findOrg(deps.db, actor.org.id))!;
      requireAccess(actor, { action: 'audit.read', org: own });
      const q = req.query;
      const rows = await auditPage(deps.db, own.path, q, { before: q.before, limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      const labels = await objectLabels(deps.db, page.map((r) => r.entry));
      return {
        items: page.map(({ entry, orgName }, i) => ({
          objectLabel: labels[i]!,
          summary: auditSummary(entry.action, entry.detail),
          id: entry.id,
          at: entry.at.toISOString(),
          actorName: entry.actorName,
          actorRole: entry.actorRole,
          actorOrgName: orgName,
          action: entry.action,
          actionLabel: AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
          objectType: entry.objectType,
          objectId: entry.objectId,
          result: entry.result,
          detail: entry.detail,
          ip: entry.ip,
        })),
        nextBefore: rows.length > q.limit ? page[page.length - 1]!.entry.id : null,
      };
    },
  );
}
