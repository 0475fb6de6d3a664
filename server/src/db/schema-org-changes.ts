import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { OrgChangeKind, OrgChangeStatus } from '@ce/shared';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One side's say on a change: the old parent and the new parent each decide a 更换上级部门. */
export type OrgChangeDecision = 'pending' | 'approved' | 'rejected';

/**
 * 机构变更 (R-11), the organisation's 变更记录:
 * - `parent` (更换上级部门): requested by the organisation's super admin; the old parent
 *   (`old_parent_decision`) and the new parent (`new_parent_decision`) both approve, in any order;
 *   the second approval moves the organisation's subtree.
 * - `info` (修改单位信息): a new name and/or credit code with a scan of the licence
 *   (`licence_file_id`), approved by the parent (`old_parent_decision`).
 * - `merge` (单位合并): written already approved when a province operator merges `org_id` into
 *   `merged_into_org_id`; it appears in both organisations' histories.
 * `before` / `after` hold the compared values (names, credit codes, parent ids and names).
 */
export const orgChanges = pgTable(
  'org_changes',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull(),
    kind: text('kind').$type<OrgChangeKind>().notNull(),
    status: text('status').$type<OrgChangeStatus>().notNull(),
    before: jsonb('before').$type<Record<string, string | number | null>>().notNull(),
    after: jsonb('after').$type<Record<string, string | number | null>>().notNull(),
    oldParentId: integer('old_parent_id'),
    newParentId: integer('new_parent_id'),
    oldParentDecision: text('old_parent_decision').$type<OrgChangeDecision>(),
    newParentDecision: text('new_parent_decision').$type<OrgChangeDecision>(),
    licenceFileId: integer('licence_file_id'),
    mergedIntoOrgId: integer('merged_into_org_id'),
    requestedByAccountId: integer('requested_by_account_id').notNull(),
    requestedByName: text('requested_by_name').notNull(),
    rejectReason: text('reject_reason'),
    rejectedByOrgId: integer('rejected_by_org_id'),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull(),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('org_changes_org').on(t.orgId, t.id),
    index('org_changes_merged_into').on(t.mergedIntoOrgId),
    index('org_changes_old_parent_queue').on(t.oldParentId, t.id).where(sql`status = 'pending'`),
    index('org_changes_new_parent_queue').on(t.newParentId, t.id).where(sql`status = 'pending'`),
    // One change in flight per organisation ("已有修改单位信息在审核流程中"): a double submission fails here.
    uniqueIndex('org_changes_one_pending').on(t.orgId).where(sql`status = 'pending'`),
  ],
);
