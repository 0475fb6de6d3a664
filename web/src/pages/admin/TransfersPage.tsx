import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Form, Modal, Segmented, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery } from '@tanstack/react-query';
import { TRANSFER_STATUS_LABELS, TRANSFER_STATUSES, unitTransfersApi, type ReviewStatus, type TransferStatus } from '@ce/shared';
import { call } from '../../api/client';
import type { Me, TransferItem } from '../../api/types';
import { useSignedIn } from '../../components/RequireAdmin';
import { useWorkDepartments, WorkDepartmentSelect } from '../../components/WorkDepartmentSelect';
import { TRANSFER_STATUS_COLORS } from '../../lib/professionals';
import { pageAllowed } from './access';
import { submittedColumn, useReviewDeadline } from '../../components/Overdue';
import { PagedTable } from '../../components/PagedTable';
import { useReviewDecision } from './reviewDecision';
import { Stacked } from '../../components/Stacked';

const PAGE = 50;
type Direction = 'all' | 'out' | 'in';

/** Whether this admin's unit decides the transfer now: the old unit while pending_out, the new one while pending_in. */
export const waitsFor = (t: TransferItem, me: Me) =>
  (t.status === 'pending_out' && t.from.id === me.org.id) ||
  (t.status === 'pending_in' && t.to.id === me.org.id);

/** 调转审核: people leaving this unit (同意转出) and people coming to it (同意调入). */
export function TransfersPage() {
  const me = useSignedIn();
  const [direction, setDirection] = useState<Direction>('all');
  const [status, setStatus] = useState<TransferStatus>();
  const [approvingIn, setApprovingIn] = useState<TransferItem | null>(null);

  const list = useInfiniteQuery({
    queryKey: ['admin', 'transfers', direction, status],
    queryFn: ({ pageParam }) =>
      call(unitTransfersApi.list, {
        query: { direction: direction === 'all' ? undefined : direction, status, after: pageParam, limit: PAGE },
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  // 同意调入 posts the 工作部门 chosen in its own dialog; 同意转出 is confirmed first.
  const review = useReviewDecision<TransferItem, ReviewStatus, number | null>({
    decide: (t, d) =>
      d.approve
        ? call(unitTransfersApi.approve, {
            params: { id: t.id },
            body: { version: t.version, ...(d.extra !== undefined ? { workDepartmentId: d.extra } : {}) },
          })
        : call(unitTransfersApi.reject, { params: { id: t.id }, body: { version: t.version, reason: d.reason } }),
    decided: (_, approved, res) => res.message ?? (approved ? '已同意' : '已驳回该调转申请'),
    confirm: (t) => ({
      title: '同意转出',
      content: `确认同意${t.person.name}调出本单位，转入“${t.to.name}”？同意后还须新单位同意调入。`,
      okText: '同意转出',
    }),
    refusal: (t) => ({
      title: '不同意调转',
      label: '不同意原因',
      okText: '确认不同意',
      intro: `${t.person.name}从“${t.from.name}”调入“${t.to.name}”的申请将被驳回，本人可看到原因。`,
    }),
    onDecided: () => setApprovingIn(null),
    onGone: () => setApprovingIn(null),
  });
  const approve = (t: TransferItem) => (t.status === 'pending_in' ? setApprovingIn(t) : review.approve(t));

  const deadline = useReviewDeadline();
  const unitCell = (u: { name: string }, wd: { name: string } | null) => (
    <>
      <div>{u.name}</div>
      {wd && <div className="muted">{wd.name}</div>}
    </>
  );
  const columns: ColumnsType<TransferItem> = [
    // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): secondary facts sit
    // under the key one in the same cell instead of in columns of their own.
    {
      title: '姓名',
      key: 'name',
      width: 80,
      fixed: 'left',
      render: (_, t) => (
        <>
          <div>{t.person.name}</div>
          {t.from.id === me.org.id ? <Tag color="orange">调出</Tag> : <Tag color="blue">调入</Tag>}
        </>
      ),
    },
    {
      title: '身份证号 / 证书管理号',
      key: 'ids',
      width: 170,
      render: (_, t) => <Stacked main={t.person.idNumberMasked} sub={t.person.certNo} mainNowrap />,
    },
    { title: '原单位', key: 'from', width: 146, render: (_, t) => unitCell(t.from, t.fromWorkDepartment) },
    { title: '新单位', key: 'to', width: 146, render: (_, t) => unitCell(t.to, t.toWorkDepartment) },
    {
      title: '发起 / 说明',
      key: 'initiatedBy',
      width: 104,
      render: (_, t) => (
        <>
          <div>{t.initiatedBy === 'unit' ? '原单位调出' : '本人申请'}</div>
          {t.note && <div className="muted">{t.note}</div>}
        </>
      ),
    },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 150,
      render: (label: string, t) => (
        <>
          <Tag color={TRANSFER_STATUS_COLORS[t.status]}>{label}</Tag>
          {t.rejectReason && (
            <div className="muted">
              {t.rejectedBy ?? ''}：{t.rejectReason}
            </div>
          )}
        </>
      ),
    },
    submittedColumn({
      dataIndex: 'createdAt',
      width: 108,
      deadline,
      // The new unit's wait starts when the old unit let the person go.
      since: (r, t) => (waitsFor(r, me) ? (r.status === 'pending_in' ? (r.outReviewedAt ?? t) : t) : null),
    }),
    {
      title: '操作',
      key: 'actions',
      // 同意调入 and 不同意 side by side need 166 px with the cell padding.
      width: 166,
      fixed: 'right',
      render: (_, t) =>
        waitsFor(t, me) ? (
          <Space size={4}>
            <Button size="small" type="link" onClick={() => approve(t)}>
              {t.status === 'pending_in' ? '同意调入' : '同意转出'}
            </Button>
            <Button size="small" type="link" danger onClick={() => review.reject(t)}>
              不同意
            </Button>
          </Space>
        ) : (
          <span className="muted">
            {t.status === 'pending_out' || t.status === 'pending_in' ? '等待对方单位' : '—'}
          </span>
        ),
    },
  ];

  return (
    <Card title="调转审核" extra={<span className="muted">原单位同意转出，新单位同意调入，调转即完成</span>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Direction>
          value={direction}
          onChange={setDirection}
          options={[
            { value: 'all', label: '全部' },
            { value: 'out', label: '调出' },
            { value: 'in', label: '调入' },
          ]}
        />
        <Select<TransferStatus>
          allowClear
          placeholder="待本单位处理"
          style={{ width: 170 }}
          value={status}
          onChange={setStatus}
          options={TRANSFER_STATUSES.map((s) => ({ value: s, label: TRANSFER_STATUS_LABELS[s] }))}
        />
        <Button onClick={() => void list.refetch()}>刷新</Button>
      </Space>
      {pageAllowed.professionals(me) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <>
              要将本单位人员调到其他单位（人员调出），请在<Link to="/admin/professionals">人员管理</Link>
              中找到该人员，点击“调出”并选择调入的新单位。
            </>
          }
        />
      )}
      <PagedTable<TransferItem>
        list={{ ...list, rows }}
        unit="条调转申请"
        emptyText="暂无调转申请"
        columns={columns}
        scroll={{ x: 1070 }}
      />

      <ApproveInModal
        transfer={approvingIn}
        unitId={me.org.id}
        loading={review.pending}
        onCancel={() => setApprovingIn(null)}
        onSubmit={(workDepartmentId) =>
          approvingIn && void review.approveNow(approvingIn, workDepartmentId).catch(() => undefined)
        }
      />
      {review.reasonModal}
    </Card>
  );
}

/** 同意调入: the new unit places the person in one of its 工作部门 when it has any. */
function ApproveInModal({
  transfer,
  unitId,
  loading,
  onCancel,
  onSubmit,
}: {
  transfer: TransferItem | null;
  unitId: number;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (workDepartmentId: number | null | undefined) => void;
}) {
  const [form] = Form.useForm<{ workDepartmentId?: number }>();
  const wds = useWorkDepartments(unitId);
  const needs = (wds.data?.items.length ?? 0) > 0;
  return (
    <Modal
      open={transfer !== null}
      title="同意调入"
      okText="同意调入"
      okButtonProps={{ loading }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {transfer && (
        <>
          <p>
            {transfer.person.name}（证书管理号 {transfer.person.certNo}）将从“{transfer.from.name}
            ”调入本单位。 同意后调转即完成，其证书管理号、学时记录和证书随本人转入。
          </p>
          <Form
            form={form}
            name="approveIn"
            layout="vertical"
            initialValues={{ workDepartmentId: transfer.toWorkDepartment?.id }}
            onFinish={(v) => onSubmit(needs ? (v.workDepartmentId ?? null) : undefined)}
          >
            {needs && (
              <Form.Item
                name="workDepartmentId"
                label="调入的工作部门"
                rules={[{ required: true, message: '请选择该人员在本单位的工作部门' }]}
              >
                <WorkDepartmentSelect unitId={unitId} />
              </Form.Item>
            )}
          </Form>
        </>
      )}
    </Modal>
  );
}
