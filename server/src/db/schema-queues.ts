import { date, integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 审核时限 (issue 12): the province's one setting of how many days an item may wait at one level
 * of review. One row (id 1) once the province has set it; no row: the default of shared/rules.
 */
export const reviewDeadlines = pgTable('review_deadlines', {
  id: integer('id').primaryKey(),
  days: integer('days').notNull(),
  updatedByAccountId: integer('updated_by_account_id').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * The daily 逾期 digest sent to an admin account (day in China time): written in the transaction
 * that hands the digest to the notifier, so a retried run never sends a second one that day.
 */
export const overdueDigests = pgTable(
  'overdue_digests',
  {
    accountId: integer('account_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    overdue: integer('overdue').notNull(),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day] })],
);
