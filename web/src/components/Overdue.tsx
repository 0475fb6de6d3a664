import { Tag, Tooltip } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { homeApi, isOverdue, waitingDays } from '@ce/shared';
import { useEndpoint } from '../api/queries';
import { formatDateTime } from '../lib/format';

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

/**
 * 提交时间 of a review queue: the time, with 逾期 beside it once the item has waited too long here.
 * `since(row, value)`: when the row reached this level, or null when it does not wait here (default:
 * the submission time itself).
 */
export function submittedColumn<R extends object>({
  dataIndex,
  width,
  deadline,
  since = (_row, value) => value,
}: {
  dataIndex: keyof R & string;
  width: number;
  deadline: number | null;
  since?: (row: R, value: string) => string | null | undefined;
}): ColumnType<R> {
  return {
    title: '提交时间',
    dataIndex,
    width,
    render: (value: string, row: R) => (
      <>
        {formatDateTime(value)}
        <OverdueTag since={since(row, value)} days={deadline} />
      </>
    ),
  };
}
