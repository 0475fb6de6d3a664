/**
 * Admin home pages (首页, issue 12 item 2): what waits in each of the admin's queues, with the age
 * of the oldest item and how many are 逾期 under the province's review deadline.
 */
import { z } from 'zod';
import { MAX_REVIEW_DEADLINE_DAYS, MIN_REVIEW_DEADLINE_DAYS } from './rules/reviewDeadline';

export const queueSummary = z.object({
  /** Stable code of the queue ('declarations', 'professional-registrations', …). */
  key: z.string(),
  label: z.string(),
  /** 条 / 人 / 个 / 项. */
  unit: z.string(),
  count: z.number(),
  /** Waiting longer than the review deadline. */
  overdue: z.number(),
  /** When the item waiting longest reached this level (ISO), null: the queue is empty. */
  oldestSince: z.string().nullable(),
  /** The console page of the queue. */
  link: z.string(),
});
export type QueueSummary = z.infer<typeof queueSummary>;

export const adminHome = z.object({
  /** The province's review deadline: days an item may wait at one level. */
  reviewDeadlineDays: z.number(),
  queues: z.array(queueSummary),
});
export type AdminHome = z.infer<typeof adminHome>;

export const reviewDeadlineSetting = z.object({
  days: z.number(),
  /** Null while the default applies. */
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});

export const reviewDeadlineRequest = z.object({
  days: z
    .number({ error: '请填写审核时限（天）' })
    .int('审核时限须为整数天')
    .min(MIN_REVIEW_DEADLINE_DAYS, `审核时限不能少于${MIN_REVIEW_DEADLINE_DAYS}天`)
    .max(MAX_REVIEW_DEADLINE_DAYS, `审核时限不能超过${MAX_REVIEW_DEADLINE_DAYS}天`),
});
