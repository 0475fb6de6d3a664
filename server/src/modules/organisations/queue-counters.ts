/** The organisations module's work queues on the admin home page (queues/registry.ts). */
import { sql } from 'drizzle-orm';
import { orgIdsOf, queueFigures, registerQueueCounter, timestampParam as ts } from '../queues/registry';

/** Registers this module's work queues (called where the app is built, app.ts). */
export function registerOrganisationQueues(): void {
  const REVIEWING_KINDS = ['hrss', 'department', 'unit'] as const;

  // Registrations of organisations under this one: waiting since they registered.
  registerQueueCounter({
    key: 'registrations',
    label: '待审核注册',
    unit: '个',
    link: '/admin/registrations',
    order: 10,
    permission: 'registration.review',
    orgKinds: REVIEWING_KINDS,
    count: (q, actor, cutoff) =>
      queueFigures(q, sql`organisations o`, sql`o.parent_id = ${actor.org.id} and o.status = 'pending'`, sql`o.created_at`, cutoff),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(q, sql`select distinct parent_id as id from organisations where status = 'pending' and created_at < ${ts(cutoff)}`),
  });

  // 更换上级部门 / 修改单位信息: the old and the new parent decide, each from the request on.
  registerQueueCounter({
    key: 'org-changes',
    label: '待审核单位变更',
    unit: '项',
    link: '/admin/org-changes',
    order: 20,
    permission: 'registration.review',
    orgKinds: REVIEWING_KINDS,
    count: (q, actor, cutoff) =>
      queueFigures(
        q,
        sql`org_changes c`,
        sql`c.status = 'pending' and ((c.old_parent_id = ${actor.org.id} and c.old_parent_decision = 'pending')
              or (c.new_parent_id = ${actor.org.id} and c.new_parent_decision = 'pending'))`,
        sql`c.created_at`,
        cutoff,
      ),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(
        q,
        sql`select old_parent_id as id from org_changes where status = 'pending' and old_parent_decision = 'pending' and created_at < ${ts(cutoff)}
            union select new_parent_id from org_changes where status = 'pending' and new_parent_decision = 'pending' and created_at < ${ts(cutoff)}`,
      ),
  });
}
