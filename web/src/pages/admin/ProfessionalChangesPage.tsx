import { useState } from 'react';
import { Button, Card, Descriptions, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery } from '@tanstack/react-query';
import {
  CHANGE_REQUEST_KIND_LABELS,
  CHANGE_REQUEST_KINDS,
  CHANGE_REQUEST_STATUS_LABELS,
  CHANGE_REQUEST_STATUSES,
  type ChangeRequestKind,
  professionalChangesApi,
  type ChangeRequestStatus,
} from '@ce/shared';
import { call, href } from '../../api/client';
import type { AdminChangeRequestItem } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { CHANGE_STATUS_COLORS, changedPairs } from '../../lib/professionals';
import { submittedColumn, useReviewDeadline } from '../../components/Overdue';
import { PagedTable } from '../../components/PagedTable';
import { EvidenceImages, ReviewDrawer, ReviewRowActions } from '../../components/ReviewDrawer';
import { useReviewDetail } from './reviewDecision';

const PAGE = 50;

function Changes({ r }: { r: AdminChangeRequestItem }) {
  return (
    <>
      {changedPairs(r.before, r.after).map((c) => (
        <div key={c.key}>
          {c.label}：{c.before} → <strong>{c.after}</strong>
        </div>
      ))}
    </>
  );
}

/** 信息变更审核: the unit decides its people's 专业技术职务 and 证件信息 change requests. */
export function ProfessionalChangesPage() {
  const [status, setStatus] = useState<ChangeRequestStatus>('pending');
  const [kind, setKind] = useState<ChangeRequestKind>();

  const list = useInfiniteQuery({
    queryKey: ['admin', 'professional-changes', status, kind],
    queryFn: ({ pageParam }) =>
      call(professionalChangesApi.list, { query: { status, kind, after: pageParam, limit: PAGE } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const review = useReviewDetail<AdminChangeRequestItem>({
    detailKey: ['admin', 'professional-change'],
    detail: (id) => call(professionalChangesApi.detail, { params: { id } }),
    decidable: (r) => r.status === 'pending',
    decide: (r, d) => {
      const params = { id: r.id };
      return d.approve
        ? call(professionalChangesApi.approve, { params, body: { version: r.version } })
        : call(professionalChangesApi.reject, { params, body: { version: r.version, reason: d.reason } });
    },
    decided: (r, approved) =>
      approved
        ? `已通过${r.person.name}的${r.kindLabel}申请，修改已生效`
        : `已驳回${r.person.name}的${r.kindLabel}申请`,
    confirm: (r) => ({
      title: `通过${r.kindLabel}申请`,
      content:
        r.kind === 'identity'
          ? `请确认已核对身份证照片。通过后${r.person.name}的证件信息立即修改（证书管理号不变）。`
          : `通过后${r.person.name}的专业技术职务立即修改。`,
      okText: '通过',
    }),
    refusal: (r) => ({
      title: `不通过${r.kindLabel}申请`,
      intro: `${r.person.name}的申请将被驳回，本人可在变更记录中看到原因。`,
      placeholder: '例如：身份证照片不清晰，请重新上传',
    }),
  });

  const deadline = useReviewDeadline();
  const columns: ColumnsType<AdminChangeRequestItem> = [
    // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): the work department
    // sits under the name instead of in a column of its own.
    {
      title: '姓名 / 工作部门',
      key: 'name',
      width: 100,
      fixed: 'left',
      render: (_, r) => (
        <>
          <Button type="link" style={{ padding: 0 }} onClick={() => review.open(r.id)}>
            {r.person.name}
          </Button>
          <div className="muted">{r.person.workDepartment?.name ?? '—'}</div>
        </>
      ),
    },
    {
      title: '身份证号',
      key: 'id',
      width: 170,
      render: (_, r) => <span className="nowrap">{r.person.idNumberMasked}</span>,
    },
    { title: '类型', dataIndex: 'kindLabel', width: 120 },
    { title: '修改内容', key: 'changes', width: 288, render: (_, r) => <Changes r={r} /> },
    submittedColumn({
      dataIndex: 'submittedAt',
      width: 106,
      deadline,
      since: (r, t) => (r.status === 'pending' ? t : null),
    }),
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 100,
      render: (label: string, r) => <Tag color={CHANGE_STATUS_COLORS[r.status]}>{label}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      // 详情, 通过 and 不通过 side by side need 186 px with the cell padding.
      width: 186,
      fixed: 'right',
      render: (_, r) => (
        <ReviewRowActions
          onDetail={() => review.open(r.id)}
          // An identity change is approved from the drawer, after the ID card photos.
          onApprove={review.decidable(r) && r.kind === 'title' ? () => review.approve(r) : undefined}
          onReject={review.decidable(r) ? () => review.reject(r) : undefined}
        />
      ),
    },
  ];

  return (
    <Card
      title="信息变更审核"
      extra={<span className="muted">本单位人员的专业技术职务与证件信息修改申请</span>}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<ChangeRequestStatus>
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={CHANGE_REQUEST_STATUSES.map((s) => ({ value: s, label: CHANGE_REQUEST_STATUS_LABELS[s] }))}
        />
        <Select<ChangeRequestKind>
          allowClear
          placeholder="全部类型"
          style={{ width: 170 }}
          value={kind}
          onChange={setKind}
          options={CHANGE_REQUEST_KINDS.map((k) => ({ value: k, label: CHANGE_REQUEST_KIND_LABELS[k] }))}
        />
        <Button onClick={() => void list.refetch()}>刷新</Button>
      </Space>
      <PagedTable<AdminChangeRequestItem>
        list={{ ...list, rows }}
        unit="条申请"
        emptyText="暂无信息变更申请"
        columns={columns}
        scroll={{ x: 1070 }}
      />
      <p className="muted" style={{ marginTop: 12 }}>
        证件信息修改须打开“详情”核对身份证正、反面照片后再审核。
      </p>

      <ReviewDrawer<AdminChangeRequestItem>
        {...review.drawer}
        title={(r) => `${r.person.name}的${r.kindLabel}申请`}
      >
        {(r) => <ChangeDetail r={r} />}
      </ReviewDrawer>
      {review.reasonModal}
    </Card>
  );
}

/** The drawer's facts: who asks what, the changes side by side, and the ID card photos to check. */
function ChangeDetail({ r }: { r: AdminChangeRequestItem }) {
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'name', label: '姓名', children: r.person.name },
          { key: 'id', label: '身份证号', children: r.person.idNumberMasked },
          { key: 'unit', label: '所在单位', children: r.unit.name },
          { key: 'wd', label: '工作部门', children: r.person.workDepartment?.name ?? '—' },
          { key: 'kind', label: '申请类型', children: r.kindLabel },
          {
            key: 'status',
            label: '状态',
            children: <Tag color={CHANGE_STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>,
          },
          { key: 'submitted', label: '提交时间', children: formatDateTime(r.submittedAt) },
          ...(r.reviewedAt
            ? [{ key: 'reviewed', label: '处理时间', children: formatDateTime(r.reviewedAt) }]
            : []),
          ...(r.rejectReason ? [{ key: 'why', label: '不通过原因', children: r.rejectReason }] : []),
        ]}
      />
      <h4 style={{ margin: '20px 0 8px' }}>修改内容</h4>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={changedPairs(r.before, r.after)}
        columns={[
          { title: '项目', dataIndex: 'label', width: 100 },
          { title: '修改前', dataIndex: 'before' },
          { title: '修改后', dataIndex: 'after', render: (v: string) => <strong>{v}</strong> },
        ]}
      />
      {r.hasPhotos && (
        <EvidenceImages
          title="身份证照片"
          hint="请核对照片上的姓名、身份证号与修改后的信息一致，点击照片可放大"
          images={(['front', 'back'] as const).map((side) => ({
            src: href(professionalChangesApi.photo, { params: { id: r.id, side } }),
            alt: side === 'front' ? '身份证正面照片' : '身份证反面照片',
            caption: side === 'front' ? '正面' : '反面',
          }))}
        />
      )}
    </>
  );
}
