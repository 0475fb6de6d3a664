/**
 * The declarations module's work queues on the admin home page (queues/registry.ts). A pending
 * declaration's `updated_at` is the moment it reached its current level: submission and each
 * level's approval set it, and nothing else touches a pending row.
 */
import { sql } from 'drizzle-orm';
import { orgIdsOf, queueFigures, registerQueueCounter, timestampParam as ts, workDepartmentScope } from '../queues/registry';

/** Registers this module's work queues (called where the app is built, app.ts). */
export function registerDeclarationQueues(): void {
  const REVIEWING_KINDS = ['hrss', 'department', 'unit'] as const;

  /** A continuing-education base's records (R-29) have their own queue (base-classes/queue-counters.ts). */
  const notBaseRecord = sql`(d.batch_id is null or not exists (select 1 from declaration_batches nb where nb.id = d.batch_id and nb.declarer_org_kind = 'base'))`;

  registerQueueCounter({
    key: 'declarations',
    label: '待审核学时',
    unit: '条',
    link: '/admin/declarations',
    order: 60,
    permission: 'declaration.review',
    orgKinds: REVIEWING_KINDS,
    count: (q, actor, cutoff) =>
      queueFigures(
        q,
        sql`declarations d`,
        sql`d.current_reviewer_org_id = ${actor.org.id} and d.status = 'pending' and ${workDepartmentScope(sql`d.work_department_id`, actor.workDepartmentIds)}
            and ${notBaseRecord}`,
        sql`d.updated_at`,
        cutoff,
      ),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(q, sql`select distinct current_reviewer_org_id as id from declarations where status = 'pending' and updated_at < ${ts(cutoff)}`),
  });

  // Batch declarations (R-27) with rows waiting at this level: one line per batch, its oldest row.
  registerQueueCounter({
    key: 'declaration-batches',
    label: '待审核批量申报',
    unit: '批',
    link: '/admin/declarations',
    order: 65,
    permission: 'declaration.review',
    orgKinds: REVIEWING_KINDS,
    count: (q, actor, cutoff) =>
      queueFigures(
        q,
        sql`(select d.batch_id, min(d.updated_at) as since from declarations d
              where d.current_reviewer_org_id = ${actor.org.id} and d.status = 'pending' and d.batch_id is not null and ${notBaseRecord}
                and ${workDepartmentScope(sql`d.work_department_id`, actor.workDepartmentIds)}
              group by d.batch_id) b`,
        sql`true`,
        sql`b.since`,
        cutoff,
      ),
    // Their rows are in the declarations queue, whose overdue organisations cover these.
    overdueOrgIds: () => Promise.resolve([]),
  });

  // 抽查审验 (第十一条（四）): sampled records the bureau has not yet confirmed or revoked.
  registerQueueCounter({
    key: 'sampling',
    label: '抽查待复核',
    unit: '条',
    link: '/admin/sampling',
    order: 70,
    permission: 'declaration.sampling',
    orgKinds: ['hrss'],
    count: (q, actor, cutoff) =>
      queueFigures(
        q,
        sql`declaration_sample_items i join declaration_samples s on s.id = i.sample_id`,
        sql`s.bureau_org_id = ${actor.org.id} and i.outcome = 'pending'`,
        sql`s.drawn_at`,
        cutoff,
      ),
    overdueOrgIds: (q, cutoff) =>
      orgIdsOf(
        q,
        sql`select distinct s.bureau_org_id as id from declaration_sample_items i join declaration_samples s on s.id = i.sample_id
             where i.outcome = 'pending' and s.drawn_at < ${ts(cutoff)}`,
      ),
  });
}
