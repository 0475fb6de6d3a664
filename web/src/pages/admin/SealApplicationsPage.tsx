import { useState } from 'react';
import { Button, Card, Descriptions, Segmented, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery } from '@tanstack/react-query';
import {
  SEAL_APPLICATION_STATUS_LABELS,
  sealsApi,
  type SealApplication,
  type SealApplicationStatusCode,
} from '@ce/shared';
import { call } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { SealLetter } from './SealLetter';
import './certificates.css';
import { submittedColumn, useReviewDeadline } from '../../components/Overdue';
import { PagedTable } from '../../components/PagedTable';
import { ReviewDrawer, ReviewRowActions } from '../../components/ReviewDrawer';
import { useReviewDetail, type ReviewDecision } from './reviewDecision';
import { Stacked } from '../../components/Stacked';

const PAGE = 50;
const listKey = ['admin', 'seal-applications'] as const;

export const SEAL_STATUS_COLORS: Record<SealApplicationStatusCode, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
};

type StatusFilter = SealApplicationStatusCode | 'all';
function decide(app: SealApplication, d: ReviewDecision) {
  const params = { id: app.id };
  return d.approve
    ? call(sealsApi.approve, { params, body: { version: app.version } })
    : call(sealsApi.reject, { params, body: { version: app.version, reason: d.reason } });
}

/** 签章审批 (R-24): the province HRSS enables (or refuses) the bureaus' e-seals. */
export function SealApplicationsPage() {
  const [status, setStatus] = useState<StatusFilter>('pending');

  const list = useInfiniteQuery({
    queryKey: [...listKey, status],
    queryFn: ({ pageParam }) =>
      call(sealsApi.applications, {
        query: { status: status === 'all' ? undefined : status, after: pageParam, limit: PAGE },
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const review = useReviewDetail({
    detailKey: ['admin', 'seal-application'],
    detail: (id) => call(sealsApi.application, { params: { id } }),
    decidable: (app) => app.status === 'pending',
    decide,
    decided: (app, approved) =>
      approved
        ? `已批准“${app.bureauName}”启用电子签章，该单位现可发放电子证书`
        : `已不予启用“${app.bureauName}”的电子签章`,
    confirm: (app) => ({
      title: '批准启用电子签章',
      content: `确认批准“${app.bureauName}”启用“${app.sealText}”？批准后将为该单位生成证书签名密钥，其电子证书即可加盖电子签章发放。`,
      okText: '批准启用',
    }),
    refusal: (app) => ({
      title: '不予启用电子签章',
      intro: `“${app.bureauName}”的电子签章启用申请将被退回，该单位可按原因修改后重新申请。`,
      label: '不予启用原因',
      okText: '确认不予启用',
      placeholder: '例如：联系人信息不完整，请补充后重新申请',
    }),
  });

  const deadline = useReviewDeadline();
  // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5).
  const columns: ColumnsType<SealApplication> = [
    {
      title: '申请单位',
      dataIndex: 'bureauName',
      width: 210,
      ellipsis: true,
      render: (name: string, app) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => review.open(app.id)}>
          {name}
        </Button>
      ),
    },
    { title: '印章文字', dataIndex: 'sealText', width: 214, ellipsis: true },
    {
      title: '联系人',
      key: 'contact',
      width: 130,
      render: (_, app) => <Stacked main={app.contactName} sub={app.contactPhone} />,
    },
    submittedColumn({
      dataIndex: 'submittedAt',
      width: 110,
      deadline,
      since: (app, t) => (app.status === 'pending' ? t : null),
    }),
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: SealApplicationStatusCode, app) => (
        <Tag color={SEAL_STATUS_COLORS[s]}>{app.statusLabel}</Tag>
      ),
    },
    { title: '审批时间', dataIndex: 'reviewedAt', width: 106, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      // 详情, 批准 and 不予启用 side by side need 200 px with the cell padding.
      width: 200,
      fixed: 'right',
      render: (_, app) => (
        <ReviewRowActions
          onDetail={() => review.open(app.id)}
          onApprove={review.decidable(app) ? () => review.approve(app) : undefined}
          onReject={review.decidable(app) ? () => review.reject(app) : undefined}
          approveText="批准"
          rejectText="不予启用"
        />
      ),
    },
  ];

  return (
    <Card title="签章审批">
      <p className="muted" style={{ marginTop: 0 }}>
        各省辖市、省直管县（市）人力资源社会保障部门提交的《电子签章启用申请》。批准后即为该单位生成证书签名密钥、启用其电子签章，该单位方可发放电子证书。
      </p>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'pending', label: SEAL_APPLICATION_STATUS_LABELS.pending },
            { value: 'approved', label: SEAL_APPLICATION_STATUS_LABELS.approved },
            { value: 'rejected', label: SEAL_APPLICATION_STATUS_LABELS.rejected },
            { value: 'all', label: '全部' },
          ]}
        />
        <Button onClick={() => void list.refetch()}>刷新</Button>
      </Space>
      <PagedTable<SealApplication>
        list={{ ...list, rows }}
        unit="个申请"
        emptyText={status === 'pending' ? '暂无待审批的电子签章启用申请' : '暂无申请记录'}
        columns={columns}
        scroll={{ x: 1070 }}
      />

      <ReviewDrawer<SealApplication>
        {...review.drawer}
        title="电子签章启用申请"
        approveText="批准启用"
        rejectText="不予启用"
      >
        {(app) => <ApplicationDetail app={app} />}
      </ReviewDrawer>
      {review.reasonModal}
    </Card>
  );
}

/** The drawer's facts: the 附件2 letter as the bureau sent it, then the application's state. */
function ApplicationDetail({ app }: { app: SealApplication }) {
  return (
    <>
      <SealLetter
        bureauName={app.bureauName}
        sealText={app.sealText}
        body={app.reason}
        date={formatDateTime(app.submittedAt).slice(0, 10)}
      />
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'status',
            label: '状态',
            children: <Tag color={SEAL_STATUS_COLORS[app.status]}>{app.statusLabel}</Tag>,
          },
          { key: 'bureau', label: '申请单位', children: app.bureauName },
          { key: 'seal', label: '印章文字', children: app.sealText },
          { key: 'applicant', label: '申请人', children: app.applicantName },
          { key: 'contact', label: '联系人', children: app.contactName },
          { key: 'phone', label: '联系电话', children: app.contactPhone },
          { key: 'submitted', label: '提交时间', children: formatDateTime(app.submittedAt) },
          ...(app.status !== 'pending'
            ? [
                { key: 'reviewer', label: '审批人', children: app.reviewerName ?? '—' },
                { key: 'reviewed', label: '审批时间', children: formatDateTime(app.reviewedAt) },
              ]
            : []),
          ...(app.rejectReason ? [{ key: 'reason', label: '不予启用原因', children: app.rejectReason }] : []),
          ...(app.kid
            ? [{ key: 'kid', label: '签名密钥编号', children: <span className="mono">{app.kid}</span> }]
            : []),
        ]}
      />
    </>
  );
}
