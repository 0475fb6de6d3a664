/**
 * 审核时限 (issue 12): the province says how many days an item may wait at one level of review
 * (an organisation's registration, a person's registration or change, a transfer, a declaration at
 * one level of its chain, a seal application, a sampled record to recheck…). Past that it is 逾期:
 * marked in every queue and on the admin home page, and its admins get a daily digest.
 * Days are calendar days counted from the moment the item reached the level.
 */
export const DEFAULT_REVIEW_DEADLINE_DAYS = 15;
export const MIN_REVIEW_DEADLINE_DAYS = 1;
export const MAX_REVIEW_DEADLINE_DAYS = 365;

const DAY_MS = 24 * 3600_000;

/** Items that reached their level before this instant are overdue. */
export function overdueCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Whether an item waiting since `since` is 逾期 at `now`. */
export function isOverdue(since: Date | string, now: Date, days: number): boolean {
  return new Date(since).getTime() < overdueCutoff(now, days).getTime();
}

/** Whole days an item has waited (0 on its first day). */
export function waitingDays(since: Date | string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / DAY_MS));
}
