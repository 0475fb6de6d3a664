import { Space, Tag } from 'antd';
import type { DeclarationBatchSummary } from '@ce/shared';

const STATUS_COLORS: Record<DeclarationBatchSummary['status'], string> = { validating: 'processing', failed: 'error', imported: 'success' };

export function BatchStatusTag({ b }: { b: Pick<DeclarationBatchSummary, 'status' | 'statusLabel'> }) {
  return <Tag color={STATUS_COLORS[b.status]}>{b.statusLabel}</Tag>;
}

/** Where the rows of an imported batch stand: 待审核 / 已备案 / 审核不通过 / 已撤回. */
export function BatchCounts({ counts }: { counts: DeclarationBatchSummary['counts'] }) {
  return (
    <Space size={4} wrap>
      {counts.pending > 0 && <Tag color="processing">待审核 {counts.pending}</Tag>}
      {counts.approved > 0 && <Tag color="success">已备案 {counts.approved}</Tag>}
      {counts.rejected > 0 && <Tag color="error">不通过 {counts.rejected}</Tag>}
      {counts.withdrawn > 0 && <Tag>已撤回 {counts.withdrawn}</Tag>}
    </Space>
  );
}

/** The reviewers' marker of a batch record (单位批量申报 / 主管部门批量申报). */
export function BatchMarker({ marker }: { marker: string }) {
  return <Tag color="purple">{marker}</Tag>;
}
