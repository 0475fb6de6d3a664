import { useState } from 'react';
import { Button, Card, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery } from '@tanstack/react-query';
import { GENDER_LABELS, professionalRegistrationsApi } from '@ce/shared';
import { call } from '../../api/client';
import type { ProfessionalRegistrationItem } from '../../api/types';
import { useSignedIn } from '../../components/RequireAdmin';
import { useWorkDepartments, WorkDepartmentSelect } from '../../components/WorkDepartmentSelect';
import { titleText } from '../../lib/professionals';
import { ProfessionalDetailDrawer } from './ProfessionalDetailDrawer';
import { submittedColumn, useReviewDeadline } from '../../components/Overdue';
import { BatchResultModal } from '../../components/BatchResultModal';
import { PagedTable } from '../../components/PagedTable';
import { ReviewActions, ReviewRowActions } from '../../components/ReviewDrawer';
import { useReviewDecision, type ReviewDecision } from './reviewDecision';
import { Stacked } from '../../components/Stacked';

const PAGE = 50;
const queueKey = ['admin', 'professional-registrations'] as const;

interface BulkOutcome {
  approve: boolean;
  rows: { item: ProfessionalRegistrationItem; ok: boolean; message: string }[];
}

function decideOne(r: ProfessionalRegistrationItem, d: ReviewDecision) {
  const params = { id: r.accountId };
  return d.approve
    ? call(professionalRegistrationsApi.approve, { params, body: { version: r.version } })
    : call(professionalRegistrationsApi.reject, { params, body: { version: r.version, reason: d.reason } });
}

/** 人员注册审核: the professionals who registered under this unit, one by one or many at once. */
export function ProfessionalRegistrationsPage() {
  const me = useSignedIn();
  const [workDepartmentId, setWorkDepartmentId] = useState<number>();
  const [selected, setSelected] = useState<number[]>([]);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const hasWorkDepartments = (useWorkDepartments(me.org.id).data?.items.length ?? 0) > 0;

  const queue = useInfiniteQuery({
    queryKey: [...queueKey, workDepartmentId],
    queryFn: ({ pageParam }) =>
      call(professionalRegistrationsApi.pending, { query: { workDepartmentId, after: pageParam, limit: PAGE } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = queue.data?.pages.flatMap((p) => p.items) ?? [];

  /** One registration: its own endpoint; several: bulk-review, which reports each. */
  const review = useReviewDecision<ProfessionalRegistrationItem[], BulkOutcome | null>({
    decide: async (items, d) => {
      if (items.length === 1) {
        await decideOne(items[0]!, d);
        return null;
      }
      const res = await call(professionalRegistrationsApi.bulkReview, {
        body: {
          items: items.map((i) => ({ id: i.accountId, version: i.version })),
          approve: d.approve,
          ...(d.approve ? {} : { reason: d.reason }),
        },
      });
      return {
        approve: d.approve,
        rows: items.map((item) => {
          const r = res.results.find((x) => x.id === item.accountId);
          return {
            item,
            ok: !!r?.ok,
            message: r?.ok ? (d.approve ? '已通过' : '已驳回') : (r?.message ?? '未处理'),
          };
        }),
      };
    },
    decided: (items, approved, result) =>
      result ? null : approved ? `已通过“${items[0]!.name}”的注册` : `已驳回“${items[0]!.name}”的注册`,
    confirm: (items) => ({
      title: items.length === 1 ? '通过注册申请' : '批量通过',
      content:
        items.length === 1
          ? `确认通过“${items[0]!.name}”的注册申请？通过后该人员即可登录。`
          : `确认通过选中的 ${items.length} 个注册申请？通过后这些人员即可登录。`,
      okText: items.length === 1 ? '通过' : '全部通过',
    }),
    refusal: (items) => ({
      title: items.length > 1 ? `批量不通过（${items.length}人）` : '不通过注册申请',
      intro:
        items.length === 1
          ? `“${items[0]!.name}”的注册申请将被驳回，本人可在注册审核进度查询中看到原因并重新注册。`
          : `选中的 ${items.length} 个注册申请将被驳回，申请人可看到原因并重新注册。`,
      placeholder: '例如：所选工作部门有误，请重新选择后注册',
    }),
    onDecided: (_, __, result) => {
      if (result) setOutcome(result);
      setDetailId(null);
      setSelected([]);
    },
    onGone: () => setSelected([]),
  });
  const approve = review.approve;
  const setRejecting = review.reject;

  const selectedRows = rows.filter((r) => selected.includes(r.accountId));

  const deadline = useReviewDeadline();
  const columns: ColumnsType<ProfessionalRegistrationItem> = [
    // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5), the 32 px selection
    // column included: secondary facts sit under the key one in the same cell.
    {
      title: '姓名',
      dataIndex: 'name',
      width: 90,
      fixed: 'left',
      render: (name: string, r) => (
        <>
          <Button type="link" style={{ padding: 0 }} onClick={() => setDetailId(r.accountId)}>
            {name}
          </Button>
          <div className="muted">{GENDER_LABELS[r.gender]}</div>
        </>
      ),
    },
    {
      title: '身份证号 / 手机',
      key: 'ids',
      width: 170,
      render: (_, r) => <Stacked main={r.idNumberMasked} sub={r.phoneMasked ?? '—'} mainNowrap />,
    },
    { title: '出生日期', dataIndex: 'birthDate', width: 100 },
    {
      title: '工作部门',
      dataIndex: 'workDepartment',
      width: 130,
      render: (w: { name: string } | null) => w?.name ?? '—',
    },
    {
      title: '专业技术职务',
      key: 'title',
      width: 150,
      render: (_, r) => titleText(r.titleSeries, r.titleLevel),
    },
    { title: '所学专业', dataIndex: 'major', width: 104 },
    submittedColumn({ dataIndex: 'submittedAt', width: 106, deadline }),
    {
      title: '操作',
      key: 'actions',
      // 详情, 通过 and 不通过 side by side need 186 px with the cell padding.
      width: 186,
      fixed: 'right',
      render: (_, r) => (
        <ReviewRowActions
          onDetail={() => setDetailId(r.accountId)}
          onApprove={() => approve([r])}
          onReject={() => setRejecting([r])}
        />
      ),
    },
  ];

  const pendingOf = (id: number) => rows.find((r) => r.accountId === id);

  return (
    <Card
      title="人员注册审核"
      extra={<span className="muted">在本单位注册的专业技术人员，审核通过后方可登录</span>}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {hasWorkDepartments && (
          <WorkDepartmentSelect
            unitId={me.org.id}
            value={workDepartmentId}
            onChange={(v) => {
              setWorkDepartmentId(v);
              setSelected([]);
            }}
            allowClear
            placeholder="全部工作部门"
            style={{ width: 180 }}
          />
        )}
        <Button type="primary" disabled={selected.length === 0} onClick={() => approve(selectedRows)}>
          批量通过{selected.length ? `（${selected.length}）` : ''}
        </Button>
        <Button danger disabled={selected.length === 0} onClick={() => setRejecting(selectedRows)}>
          批量不通过{selected.length ? `（${selected.length}）` : ''}
        </Button>
        <Button onClick={() => void queue.refetch()}>刷新</Button>
      </Space>
      <PagedTable<ProfessionalRegistrationItem>
        list={{ ...queue, rows }}
        unit="个注册申请"
        emptyText="暂无待审核的人员注册"
        rowKey="accountId"
        columns={columns}
        scroll={{ x: 1068 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
      />

      <ProfessionalDetailDrawer
        accountId={detailId}
        onClose={() => setDetailId(null)}
        footer={(d) => {
          const item = d.status === 'pending' ? pendingOf(d.accountId) : undefined;
          return item ? (
            <ReviewActions onApprove={() => approve([item])} onReject={() => setRejecting([item])} />
          ) : null;
        }}
      />

      {review.reasonModal}

      <BatchResultModal
        open={outcome !== null}
        rows={(outcome?.rows ?? []).map((r) => ({
          key: r.item.accountId,
          label: `${r.item.name}（${r.item.idNumberMasked}）`,
          ok: r.ok,
          message: r.message,
        }))}
        measure="个"
        onClose={() => setOutcome(null)}
      />
    </Card>
  );
}
