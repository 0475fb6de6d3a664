import { Tag, Tooltip } from 'antd';
import { homeApi, isOverdue, waitingDays } from '@ce/shared';
import { useEndpoint } from '../api/queries';

/** The province's review deadline (days an item may wait at one level), read once per console visit. */
export function useReviewDeadline(): number | null {
  const deadline = useEndpoint(homeApi.reviewDeadline, {}, { staleTime: 5 * 60_000 });
  return deadline.data?.days ?? null;
}

/**
 * 逾期 beside a queue item that has waited at this level longer than the review deadline
 * (the rule: shared/rules/reviewDeadline.ts). `since`: when the item reached this level.
 */
export function OverdueTag({ since, days }: { since: string | null | undefined; days: number | null }) {
  if (!since || days === null) return null;
  const now = new Date();
  if (!isOverdue(since, now, days)) return null;
  return (
    <Tooltip title={`已等待 ${waitingDays(since, now)} 天，超过审核时限（${days} 天）`}>
      <Tag color="red" style={{ marginInlineStart: 4 }}>
        逾期
      </Tag>
    </Tooltip>
  );
}
