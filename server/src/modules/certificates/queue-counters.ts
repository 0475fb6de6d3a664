/** The certificates module's work queue on the admin home page (queues/registry.ts). */
import { sql } from 'drizzle-orm';
import { orgIdsOf, queueFigures, registerQueueCounter, timestampParam as ts } from '../queues/registry';

/** Registers this module's work queues (called where the app is built, app.ts). */
export function registerCertificateQueues(): void {
  // E-seal applications of the bureaus, reviewed by the province (seed 002 三(二)).
  registerQueueCounter({
    key: 'seal-applications',
    label: '待审核电子签章申请',
    unit: '个',
    link: '/admin/seal-applications',
    order: 80,
    permission: 'seal.manage',
    orgKinds: ['hrss'],
    appliesTo: (org) => org.parentId === null,
    count: (q, _actor, cutoff) => queueFigures(q, sql`seal_applications a`, sql`a.status = 'pending'`, sql`a.submitted_at`, cutoff),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(
        q,
        sql`select o.id from organisations o where o.parent_id is null and o.kind = 'hrss'
             and exists (select 1 from seal_applications a where a.status = 'pending' and a.submitted_at < ${ts(cutoff)})`,
      ),
  });
}
