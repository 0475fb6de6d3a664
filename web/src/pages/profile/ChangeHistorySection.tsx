import { Button, Descriptions, Grid, List, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { myProfessionalApi } from '@ce/shared';
import { errorMessage, href } from '../../api/client';
import type { ChangeRequestItem } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { CHANGE_STATUS_COLORS, changedPairs } from '../../lib/professionals';
import { useWithdrawChange } from './PendingChange';
import { useMyChangeRequests } from './queries';

function Changes({ r }: { r: ChangeRequestItem }) {
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

function Photos({ r }: { r: ChangeRequestItem }) {
  if (!r.hasPhotos) return null;
  return (
    <Space size={12}>
      <a href={href(myProfessionalApi.changePhoto, { params: { id: r.id, side: 'front' } })} target="_blank" rel="noreferrer">
        身份证正面
      </a>
      <a href={href(myProfessionalApi.changePhoto, { params: { id: r.id, side: 'back' } })} target="_blank" rel="noreferrer">
        身份证反面
      </a>
    </Space>
  );
}

/** 变更记录: every 专业技术职务 and 证件信息 request, its status and the unit's decision. */
export function ChangeHistorySection() {
  const changes = useMyChangeRequests();
  const withdraw = useWithdrawChange();
  const screens = Grid.useBreakpoint();
  const items = changes.data?.items ?? [];
  const empty = changes.isError ? errorMessage(changes.error) : '暂无变更记录';

  const action = (r: ChangeRequestItem) =>
    r.status === 'pending' ? (
      <Button size="small" danger onClick={() => withdraw(r)}>
        撤回
      </Button>
    ) : null;

  if (!screens.md) {
    return (
      <List
        className="pro-card-list"
        loading={changes.isPending}
        dataSource={items}
        locale={{ emptyText: empty }}
        renderItem={(r) => (
          <List.Item>
            <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 6 }}>
              <strong>{r.kindLabel}</strong>
              <Tag color={CHANGE_STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
            </Space>
            <Changes r={r} />
            <Descriptions
              column={1}
              size="small"
              style={{ marginTop: 6 }}
              items={[
                { key: 's', label: '提交时间', children: formatDateTime(r.submittedAt) },
                ...(r.reviewedAt
                  ? [
                      {
                        key: 'r',
                        label: r.status === 'withdrawn' ? '撤回时间' : '审核时间',
                        children: formatDateTime(r.reviewedAt),
                      },
                    ]
                  : []),
                ...(r.rejectReason ? [{ key: 'why', label: '不通过原因', children: r.rejectReason }] : []),
              ]}
            />
            <Space>
              <Photos r={r} />
              {action(r)}
            </Space>
          </List.Item>
        )}
      />
    );
  }

  const columns: ColumnsType<ChangeRequestItem> = [
    { title: '类型', dataIndex: 'kindLabel', width: 130 },
    { title: '修改内容', key: 'changes', render: (_, r) => <Changes r={r} /> },
    { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: formatDateTime },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 100,
      render: (label: string, r) => <Tag color={CHANGE_STATUS_COLORS[r.status]}>{label}</Tag>,
    },
    { title: '审核/撤回时间', dataIndex: 'reviewedAt', width: 140, render: formatDateTime },
    { title: '不通过原因', dataIndex: 'rejectReason', render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 210,
      render: (_, r) => (
        <Space>
          <Photos r={r} />
          {action(r)}
        </Space>
      ),
    },
  ];
  return (
    <Table<ChangeRequestItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={changes.isPending}
      pagination={false}
      scroll={{ x: 960 }}
      locale={{ emptyText: empty }}
    />
  );
}
