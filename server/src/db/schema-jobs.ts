import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * Long work (imports, large exports) as the owner sees it: one row per job, polled through
 * `GET /api/jobs/{id}`. Delivery to a worker goes through pg-boss (schema `pgboss`); this row is the
 * truth about the job's state, progress and result. See server/src/jobs/queue.ts.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    ownerAccountId: integer('owner_account_id').notNull(),
    /** The owner's organisation and its path: admins of organisations above it see the job too. */
    ownerOrgId: integer('owner_org_id').notNull(),
    ownerOrgPath: text('owner_org_path').notNull(),
    state: text('state').$type<JobState>().notNull().default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    /** Chinese status line shown to the owner. */
    message: text('message').notNull(),
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** A file the job produced (export, error report); served to the same viewers as the job. */
    resultFileId: integer('result_file_id'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    /** The pg-boss job currently running this row: a stale delivery cannot finish someone else's run. */
    runnerId: text('runner_id'),
    heartbeatAt: ts('heartbeat_at'),
    /** When the row was last handed to pg-boss; null = not yet (the recovery sweep catches lost ones). */
    dispatchedAt: ts('dispatched_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('jobs_owner').on(t.ownerAccountId, t.createdAt),
    index('jobs_unfinished').on(t.state, t.heartbeatAt).where(sql`state in ('queued', 'running')`),
  ],
);
