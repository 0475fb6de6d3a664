import type { FastifyInstance } from 'fastify';
import { auditApi as api } from '@ce/shared';
import { requireAccess } from '../../access/access';
import { objectLabels } from '../../audit/present';
import { verifyAuditChain } from '../../audit/chain';
import { AppError } from '../../errors';
import { requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { findOrg } from '../organisations/repo';
import { auditPage } from './repo';
import { auditActions, chainAnswer, toAuditItem } from './presenters';

export function auditRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.actions, async (req) => {
    const actor = await requireAdmin(req, deps);
    requireAccess(actor, { action: 'audit.read', org: (await findOrg(deps.db, actor.org.id))! });
    return auditActions();
  });

  route(app, api.chain, async (req) => {
    const actor = await requireAdmin(req, deps);
    const own = (await findOrg(deps.db, actor.org.id))!;
    requireAccess(actor, { action: 'audit.read', org: own });
    // The chain spans every organisation's rows: only the province HRSS may check it.
    if (own.kind !== 'hrss' || own.regionCode !== '410000') throw new AppError('FORBIDDEN', '仅省人力资源和社会保障厅的管理员可以校验审计日志哈希链');
    return chainAnswer(await verifyAuditChain(deps.db));
  });

  route(app, api.list, async (req) => {
    const actor = await requireAdmin(req, deps);
    const own = (await findOrg(deps.db, actor.org.id))!;
    requireAccess(actor, { action: 'audit.read', org: own });
    const q = req.query;
    const rows = await auditPage(deps.db, own.path, q, { before: q.before, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const labels = await objectLabels(deps.db, page.map((r) => r.entry));
    return {
      items: page.map((row, i) => toAuditItem(row, labels[i]!)),
      nextBefore: rows.length > q.limit ? page[page.length - 1]!.entry.id : null,
    };
  });
}
