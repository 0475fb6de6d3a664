import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PlanEvent, PlannedTraining, TrainingPlanStatus } from '@ce/shared';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 单位培训计划: one plan per organisation (unit or department) and year. `trainings` is the
 * content last filed; `approved_trainings` the version in force (null before the first approval), so
 * an amendment under review leaves the approved plan usable. The review chain (主管部门 → 同级人社, or
 * the HRSS alone) is frozen at each submission like a declaration's; `version` guards every update.
 */
export const trainingPlans = pgTable(
  'training_plans',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    orgKind: text('org_kind').$type<'unit' | 'department'>().notNull(),
    year: integer('year').notNull(),
    status: text('status').$type<TrainingPlanStatus>().notNull(),
    trainings: jsonb('trainings').$type<PlannedTraining[]>().notNull(),
    approvedTrainings: jsonb('approved_trainings').$type<PlannedTraining[] | null>(),
    reviewChain: integer('review_chain').array().notNull(),
    currentLevel: integer('current_level'),
    currentReviewerOrgId: integer('current_reviewer_org_id'),
    /** Submissions so far (first filing 1; each resubmission or amendment + 1). */
    revision: integer('revision').notNull().default(1),
    isAmendment: boolean('is_amendment').notNull().default(false),
    rejectReason: text('reject_reason'),
    filedByAccountId: integer('filed_by_account_id').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // One annual plan per organisation: a second filing is refused, the first is amended instead.
    uniqueIndex('training_plans_org_year').on(t.orgId, t.year),
    index('training_plans_queue').on(t.currentReviewerOrgId, t.id).where(sql`${t.status} = 'pending'`),
    index('training_plans_scope').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id),
  ],
);

/** Every step of a plan (its history): filing, withdrawal, each level's decision. */
export const trainingPlanEvents = pgTable(
  'training_plan_events',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull(),
    revision: integer('revision').notNull(),
    action: text('action').$type<PlanEvent>().notNull(),
    actorAccountId: integer('actor_account_id'),
    actorName: text('actor_name'),
    orgId: integer('org_id'),
    orgName: text('org_name'),
    reason: text('reason'),
    at: ts('at').notNull(),
  },
  (t) => [index('training_plan_events_plan').on(t.planId, t.id)],
);
