/**
 * One registry of work queues (issue 12 item 2): each module that holds a queue (registrations,
 * people, changes, transfers, declarations, sampling, seal applications, org changes, and whatever
 * comes next) registers its counter here with the permission that opens the queue. The admin home
 * page, the 逾期 marks and the daily digest read every queue through this registry only:
 *
 *   registerQueueCounter({
 *     key: 'consultations', label: '待答复咨询', unit: '条', link: '/admin/consultations', order: 90,
 *     permission: 'consultation.answer', orgKinds: ['hrss', 'department', 'unit'],
 *     count: (q, actor, cutoff) => queueFigures(q, sql`consultations c`,
 *       sql`c.org_id = ${actor.org.id} and c.status = 'open'`, sql`c.arrived_at`, cutoff),
 *     overdueOrgIds: (q, cutoff) => orgIdsOf(q, sql`select distinct org_id as id from consultations
 *       where status = 'open' and arrived_at < ${cutoff.toISOString()}::timestamptz`),
 *   });
 *
 * `count` is scoped by the caller's organisation and 工作部门 scope (the service has already
 * passed requireAccess 'queue.read' with the queue's permission); "since" is the moment the item
 * reached the organisation's level, which the review deadline is measured from.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { OrgKind, Permission } from '@ce/shared';
import type { Queryable } from '../../db';
import type { Actor } from '../../access/actor';
import type { QueueFigures } from './repo';

// The counters' SQL helpers live in the queues' repo; the modules registering counters take them from here.
export { orgIdsOf, queueFigures, timestampParam, type QueueFigures } from './repo';

export interface QueueCounter {
  key: string;
  label: string;
  /** 条 / 人 / 个 / 项 / 批. */
  unit: string;
  /** The console page of the queue. */
  link: string;
  /** Position on the home page (smaller first). */
  order: number;
  permission: Permission;
  orgKinds: readonly OrgKind[];
  /** Narrower than the kind, e.g. only the province bureau. */
  appliesTo?: (org: Actor['org']) => boolean;
  count(q: Queryable, actor: Actor, overdueBefore: Date): Promise<QueueFigures>;
  /** Organisations with an item waiting since before `overdueBefore` (whose admins the digest considers). */
  overdueOrgIds(q: Queryable, overdueBefore: Date): Promise<number[]>;
}

const counters = new Map<string, QueueCounter>();

/** Adds (or replaces) a queue's counter; registering the same key twice keeps one. */
export function registerQueueCounter(counter: QueueCounter): void {
  counters.set(counter.key, counter);
}

export function queueCounters(): QueueCounter[] {
  return [...counters.values()].sort((a, b) => a.order - b.order);
}

/** `column in (…)` for a 工作部门 scope, or true for the whole organisation. */
export function workDepartmentScope(column: SQL, scope: readonly number[] | null): SQL {
  if (scope === null) return sql`true`;
  if (scope.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(scope.map((id) => sql`${id}`), sql`, `)})`;
}
