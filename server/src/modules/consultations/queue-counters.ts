/** The consultations module's work queue on the admin home page (queues/registry.ts). */
import { sql } from 'drizzle-orm';
import { orgIdsOf, queueFigures, registerQueueCounter, timestampParam as ts, workDepartmentScope } from '../queues/registry';

/** Registers this module's work queues (called where the app is built, app.ts). */
export function registerConsultationQueues(): void {
  // Questions waiting for an answer at the organisation handling them, measured from the asker's
  // last word (the question, a follow-up) or the moment it was passed up to this level. A
  // 工作部门-scoped admin counts only their people's questions, as their queue shows them.
  registerQueueCounter({
    key: 'consultations',
    label: '待答复咨询',
    unit: '条',
    link: '/admin/consultations',
    order: 90,
    permission: 'consultation.answer',
    orgKinds: ['hrss', 'department', 'unit'],
    count: (q, actor, cutoff) =>
      queueFigures(
        q,
        sql`consultations c left join accounts a on a.id = c.asker_account_id`,
        sql`c.current_org_id = ${actor.org.id} and c.status = 'open' and ${workDepartmentScope(sql`a.work_department_id`, actor.workDepartmentIds)}`,
        sql`c.last_activity_at`,
        cutoff,
      ),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(q, sql`select distinct current_org_id as id from consultations where status = 'open' and last_activity_at < ${ts(cutoff)}`),
  });
}
