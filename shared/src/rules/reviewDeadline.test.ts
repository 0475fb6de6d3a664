import { describe, expect, it } from 'vitest';
import { isOverdue, overdueCutoff, waitingDays } from './reviewDeadline';

describe('review deadlines', () => {
  const now = new Date('2026-06-20T08:00:00Z');
  it.each([
    ['2026-06-05T08:00:01Z', 15, false], // 14 days 23:59:59 waited
    ['2026-06-05T08:00:00Z', 15, false], // exactly 15 days: still within the limit
    ['2026-06-05T07:59:59Z', 15, true],
    ['2026-06-19T07:00:00Z', 1, true],
    ['2026-06-19T09:00:00Z', 1, false],
  ])('waiting since %s with %i days → overdue %s', (since, days, overdue) => {
    expect(isOverdue(since, now, days)).toBe(overdue);
  });
  it('the cutoff and the days waited', () => {
    expect(overdueCutoff(now, 10).toISOString()).toBe('2026-06-10T08:00:00.000Z');
    expect(waitingDays('2026-06-10T09:00:00Z', now)).toBe(9);
    expect(waitingDays('2026-06-21T09:00:00Z', now)).toBe(0);
  });
});
