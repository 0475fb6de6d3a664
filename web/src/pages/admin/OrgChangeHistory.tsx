import { Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery } from '@tanstack/react-query';
import { organisationChangesApi as orgChanges } from '@ce/shared';
import { call, href } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { CHANGE_STATUS_COLORS, DECISION_LABELS, orgChangesKey, type OrgChangeItem } from './orgChanges';
import { PagedTable } from '../../components/PagedTable';

/** Who has decided what on a change (更换上级部门 has two sides). */
export function ChangeDecisions({ change }: { change: OrgChangeItem }) {
  const sides = [
    change.oldParent && { label: change.kind === 'parent' ? '原上级' : '上级单位', ...change.oldParent },
    change.newParent && { label: '新上级', ...change.newParent },
  ].filter((s): s is NonNullable<typeof s> => !!s);
  if (sides.length === 0) return <>—</>;
  return (
    <Space direction="vertical" size={0}>
      {sides.map((s) => (
        <span key={s.label}>
          {s.label} {s.name}：{s.decision ? DECISION_LABELS[s.decision] : '—'}
        </span>
      ))}
    </Space>
  );
}

/** What a change asks for, one line per field, and a link to the scanned licence when there is one. */
export function ChangeSummary({ change }: { change: OrgChangeItem }) {
  return (
    <Space direction="vertical" size={0}>
      {change.summary.map((line) => (
        <span key={line}>{line}</span>
      ))}
      {change.hasLicence && (
        <Typography.Link href={href(orgChanges.licence, { params: { id: change.id } })} target="_blank" rel="noreferrer">
          查看证件扫描件
        </Typography.Link>
      )}
    </Space>
  );
}

/** 变更记录 of one organisation (GET /api/admin/organisations/:id/changes), newest first. */
export function OrgChangeHistory({ orgId, onWithdraw }: { orgId: number; onWithdraw?: (c: OrgChangeItem) => void }) {
  const history = useInfiniteQuery({
    queryKey: orgChangesKey(orgId),
    queryFn: ({ pageParam }) =>
      call(orgChanges.history, { params: { id: orgId }, query: { before: pageParam, limit: 20 } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<OrgChangeItem> = [
    { title: '变更类型', dataIndex: 'kindLabel', width: 120 },
    {
      title: '变更内容',
      key: 'summary',
      render: (_, c) => <ChangeSummary change={c} />,
    },
    { title: '审核情况', key: 'decisions', width: 260, render: (_, c) => <ChangeDecisions change={c} /> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: OrgChangeItem['status'], c) => (
        <Space direction="vertical" size={0}>
          <Tag color={CHANGE_STATUS_COLORS[s]}>{c.statusLabel}</Tag>
          {c.rejectReason && (
            <Typography.Text type="danger">
              {c.rejectedByName}：{c.rejectReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '申请人 / 时间',
      key: 'when',
      width: 170,
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <span>{c.requestedByName}</span>
          <Typography.Text type="secondary">{formatDateTime(c.createdAt)}</Typography.Text>
        </Space>
      ),
    },
    ...(onWithdraw
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, c: OrgChangeItem) =>
              c.status === 'pending' && c.kind !== 'merge' ? (
                <Button size="small" type="link" danger onClick={() => onWithdraw(c)}>
                  撤销
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      <PagedTable<OrgChangeItem>
        list={{ ...history, rows }}
        unit="条变更记录"
        emptyText="暂无变更记录"
        rowKey="id"
        size="small"
        columns={columns}
      />
    </>
  );
}
