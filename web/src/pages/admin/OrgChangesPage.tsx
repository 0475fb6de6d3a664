import { useState } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ORG_KIND_LABELS, organisationChangesApi as orgChanges, type EndpointResponse } from '@ce/shared';
import { call } from '../../api/client';
import { ChangeDecisions, ChangeSummary } from './OrgChangeHistory';
import { OrgDetailDrawer } from './OrgDetailDrawer';
import { orgChangeQueueKey, type OrgChangeItem } from './orgChanges';
import { submittedColumn, useReviewDeadline } from '../../components/Overdue';
import { PagedTable } from '../../components/PagedTable';
import { useReviewDecision } from './reviewDecision';
import { ReviewRowActions } from '../../components/ReviewDrawer';

/**
 * 单位变更审核: 更换上级部门 (as the old or the new parent) and 修改单位信息 (as the parent) waiting for
 * this organisation; the licence scan opens beside the request.
 */
export function OrgChangesPage() {
  const [detailId, setDetailId] = useState<number | null>(null);
  const queue = useInfiniteQuery({
    queryKey: orgChangeQueueKey,
    queryFn: ({ pageParam }) =>
      call(orgChanges.awaiting, { query: { after: pageParam, limit: 20 } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const review = useReviewDecision<OrgChangeItem, EndpointResponse<typeof orgChanges.approve>>({
    decide: (change, d) =>
      d.approve
        ? call(orgChanges.approve, { params: { id: change.id }, body: { version: change.version } })
        : call(orgChanges.reject, { params: { id: change.id }, body: { version: change.version, reason: d.reason } }),
    decided: (_, __, res) => res.message,
    confirm: (change) => ({
      title: `同意${change.kindLabel}`,
      content: (
        <>
          <p>
            确认同意“{change.org.name}”的{change.kindLabel}申请？
          </p>
          {change.summary.map((l) => (
            <p key={l}>{l}</p>
          ))}
          {change.kind === 'parent' && (
            <p>原上级与新上级双方都同意后，该单位及其下级单位、人员、学时记录一并转到新的上级单位下。</p>
          )}
        </>
      ),
      okText: '同意',
    }),
    refusal: (change) => ({
      title: `不同意${change.kindLabel}`,
      intro: `“${change.org.name}”的申请将被驳回，申请单位可修改后重新提交。`,
      label: '不同意的原因',
      okText: '确认不同意',
    }),
  });

  const deadline = useReviewDeadline();
  const columns: ColumnsType<OrgChangeItem> = [
    {
      title: '申请单位',
      key: 'org',
      width: 220,
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Button
            type="link"
            style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
            onClick={() => setDetailId(c.org.id)}
          >
            {c.org.name}
          </Button>
          <Typography.Text type="secondary">{ORG_KIND_LABELS[c.org.kind]}</Typography.Text>
        </Space>
      ),
    },
    { title: '变更类型', dataIndex: 'kindLabel', width: 110 },
    {
      title: '变更内容',
      key: 'summary',
      render: (_, c) => <ChangeSummary change={c} />,
    },
    { title: '审核情况', key: 'decisions', width: 230, render: (_, c) => <ChangeDecisions change={c} /> },
    submittedColumn({ dataIndex: 'createdAt', width: 170, deadline }),
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, c) => (
        <ReviewRowActions
          onApprove={() => review.approve(c)}
          onReject={() => review.reject(c)}
          approveText="同意"
          rejectText="不同意"
        />
      ),
    },
  ];
  return (
    <Card title="单位变更审核">
      <Typography.Paragraph type="secondary">
        下级单位的“修改单位信息”由上级单位审核；“更换上级部门”须原上级单位和新的上级单位双方同意后生效。
      </Typography.Paragraph>
      <PagedTable<OrgChangeItem>
        list={{ ...queue, rows }}
        unit="条变更申请"
        emptyText="暂无待审核的单位变更"
        columns={columns}
      />
      {review.reasonModal}
      <OrgDetailDrawer orgId={detailId} onClose={() => setDetailId(null)} />
    </Card>
  );
}
