/** The professionals module's work queues on the admin home page (queues/registry.ts): the unit's. */
import { sql } from 'drizzle-orm';
import { orgIdsOf, queueFigures, registerQueueCounter, timestampParam as ts, workDepartmentScope } from '../queues/registry';

/** Registers this module's work queues (called where the app is built, app.ts). */
export function registerProfessionalQueues(): void {
  // People's registrations (R-5), within the admin's 工作部门 scope: waiting since they registered.
  registerQueueCounter({
    key: 'professional-registrations',
    label: '待审核人员注册',
    unit: '人',
    link: '/admin/professional-registrations',
    order: 30,
    permission: 'person.review',
    orgKinds: ['unit'],
    count: (q, actor, cutoff) =>
      queueFigures(
        q,
        sql`accounts a`,
        sql`a.org_id = ${actor.org.id} and a.role = 'professional' and a.status = 'pending' and ${workDepartmentScope(sql`a.work_department_id`, actor.workDepartmentIds)}`,
        sql`a.created_at`,
        cutoff,
      ),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(q, sql`select distinct org_id as id from accounts where role = 'professional' and status = 'pending' and created_at < ${ts(cutoff)}`),
  });

  // 证件信息 / 职称 change requests (R-9).
  registerQueueCounter({
    key: 'professional-changes',
    label: '待审核信息变更',
    unit: '项',
    link: '/admin/professional-changes',
    order: 40,
    permission: 'person.review',
    orgKinds: ['unit'],
    count: (q, actor, cutoff) =>
      queueFigures(
        q,
        sql`professional_change_requests c join accounts a on a.id = c.account_id`,
        sql`c.org_id = ${actor.org.id} and c.status = 'pending' and ${workDepartmentScope(sql`a.work_department_id`, actor.workDepartmentIds)}`,
        sql`c.created_at`,
        cutoff,
      ),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(q, sql`select distinct org_id as id from professional_change_requests where status = 'pending' and created_at < ${ts(cutoff)}`),
  });

  // Transfers (R-10): the old unit lets the person go (from the request), then the new unit takes
  // them in (from the old unit's approval).
  const transferSince = sql`case when t.status = 'pending_in' then coalesce(t.out_reviewed_at, t.created_at) else t.created_at end`;
  registerQueueCounter({
    key: 'transfers',
    label: '待处理人员调转',
    unit: '人',
    link: '/admin/transfers',
    order: 50,
    permission: 'person.review',
    orgKinds: ['unit'],
    count: (q, actor, cutoff) =>
      queueFigures(
        q,
        sql`professional_transfers t`,
        sql`((t.from_org_id = ${actor.org.id} and t.status = 'pending_out' and ${workDepartmentScope(sql`t.from_work_department_id`, actor.workDepartmentIds)})
            or (t.to_org_id = ${actor.org.id} and t.status = 'pending_in' and ${workDepartmentScope(sql`t.to_work_department_id`, actor.workDepartmentIds)}))`,
        transferSince,
        cutoff,
      ),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(
        q,
        sql`select case when t.status = 'pending_in' then t.to_org_id else t.from_org_id end as id from professional_transfers t
             where t.status in ('pending_out', 'pending_in') and ${transferSince} < ${ts(cutoff)}`,
      ),
  });
}
