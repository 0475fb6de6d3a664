/**
 * The training plans' review queue on the admin home page (queues/registry.ts): plans waiting for
 * this 主管部门 or 同级人社. A pending plan's `updated_at` is when it reached its current level
 * (filing, resubmission and each level's approval set it).
 */
import { sql } from 'drizzle-orm';
import { orgIdsOf, queueFigures, registerQueueCounter, timestampParam as ts } from '../queues/registry';

/** Registers this module's work queues (called where the app is built, app.ts). */
export function registerTrainingPlanQueues(): void {
  registerQueueCounter({
    key: 'training-plans',
    label: '待审核培训计划',
    unit: '份',
    link: '/admin/training-plan-review',
    order: 68,
    permission: 'declaration.review',
    orgKinds: ['department', 'hrss'],
    count: (q, actor, cutoff) =>
      queueFigures(q, sql`training_plans p`, sql`p.current_reviewer_org_id = ${actor.org.id} and p.status = 'pending'`, sql`p.updated_at`, cutoff),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(q, sql`select distinct current_reviewer_org_id as id from training_plans where status = 'pending' and updated_at < ${ts(cutoff)}`),
  });
}
