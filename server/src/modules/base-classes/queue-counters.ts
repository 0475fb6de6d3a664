/**
 * 继教基地学时审核 on the admin home page (queues/registry.ts): records continuing-education bases
 * declared (R-29) waiting at this level. They are counted here and not in 待审核学时 / 待审核批量申报
 * (declarations/queue-counters.ts leaves base batches out), as the review lists are separate too.
 */
import { sql } from 'drizzle-orm';
import { queueFigures, registerQueueCounter, workDepartmentScope } from '../queues/registry';

/** Registers this module's work queues (called where the app is built, app.ts). */
export function registerBaseClassQueues(): void {
  registerQueueCounter({
    key: 'base-declarations',
    label: '继教基地学时审核',
    unit: '条',
    link: '/admin/base-declarations',
    order: 62,
    permission: 'declaration.review',
    orgKinds: ['hrss', 'department', 'unit'],
    count: (q, actor, cutoff) =>
      queueFigures(
        q,
        sql`declarations d join declaration_batches b on b.id = d.batch_id`,
        sql`d.current_reviewer_org_id = ${actor.org.id} and d.status = 'pending' and b.declarer_org_kind = 'base'
            and ${workDepartmentScope(sql`d.work_department_id`, actor.workDepartmentIds)}`,
        sql`d.updated_at`,
        cutoff,
      ),
    // The declarations queue's overdue organisations cover every pending record, these included.
    overdueOrgIds: () => Promise.resolve([]),
  });
}
