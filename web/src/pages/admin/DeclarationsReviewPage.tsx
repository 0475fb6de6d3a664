import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { LEARNING_FORMS, SUBJECT_LABELS, type DeclarationSubject, type FormCode } from '@ce/shared';
import { api, ApiError, errorMessage, queryString } from '../../api/client';
import type { BulkReviewResponse, DeclarationDetail, ReviewQueue, ReviewQueueItem, ReviewResult } from '../../api/types';
import { DeclarationStatusTag, HoursCompare, whereItWaits } from '../../components/DeclarationParts';
import { useSignedIn } from '../../components/RequireAdmin';
import { WorkDepartmentSelect } from '../../components/WorkDepartmentSelect';
import { formatDateTime } from '../../lib/format';
import { can } from './access';
import { DeclarationDetailDrawer } from './DeclarationDetailDrawer';
import { ReasonModal } from './ReasonModal';

const PAGE = 20;
const QUEUE_KEY = ['admin', 'declarations'] as const;

export type ReviewView = 'awaiting' | 'pending' | 'approved' | 'rejected' | 'revoked';
const VIEW_LABELS: Record<ReviewView, string> = {
  awaiting: '待本机构审核',
  pending: '审核中（本辖区全部）',
  approved: '审核通过',
  rejected: '审核不通过',
  revoked: '抽查撤销',
};

interface Filter {
  year?: number;
  status: ReviewView;
  form?: FormCode;
  subject?: DeclarationSubject;
  name?: string;
  idNumber?: string;
  workDepartmentId?: number;
  overStandard?: 'true' | 'false';
}

/** A record to decide on: what the server needs (id, version) and what the page shows. */
type Target = Pick<ReviewQueueItem, 'id' | 'version' | 'title' | 'currentLevel'> & { personName: string };
const targetOf = (d: ReviewQueueItem | DeclarationDetail): Target => ({
  id: d.id,
  version: d.version,
  title: d.title,
  currentLevel: d.currentLevel,
  personName: d.person.name,
});

interface BulkOutcome {
  decision: 'approve' | 'reject';
  targets: Target[];
  answer: BulkReviewResponse;
}

/** A first-level refusal is 审核不通过; a higher level's is 驳回 (seed 003 FAQ). */
const refusalWord = (level: number | null) => (level != null && level > 1 ? '驳回' : '审核不通过');

/**
 * 学时审核 (R-16, R-18): the declarations waiting for this organisation, by 认证年度 (default the
 * current year, with the count waiting in other years made obvious — FAQ "单位找不到待审核学时"),
 * claimed vs standard hours, evidence inline, one by one or many at once.
 */
export function DeclarationsReviewPage() {
  const me = useSignedIn();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const reviewer = can(me, 'declaration.review');
  const [form] = Form.useForm<Filter>();
  const [filter, setFilter] = useState<Filter>({ status: reviewer ? 'awaiting' : 'approved' });
  const [selected, setSelected] = useState<number[]>([]);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<Target[] | null>(null);
  const [bulk, setBulk] = useState<BulkOutcome | null>(null);

  const queue = useInfiniteQuery({
    queryKey: [...QUEUE_KEY, filter],
    queryFn: ({ pageParam }) =>
      api.get<ReviewQueue>(`/api/admin/declarations${queryString({ ...filter, after: pageParam, limit: PAGE })}`),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const first = queue.data?.pages[0];
  const rows = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const shownYear = filter.year ?? first?.year ?? dayjs().year();
  const awaitingView = filter.status === 'awaiting';

  // The server chose the year (its current year): show it in the filter as a real value.
  useEffect(() => {
    if (first && form.getFieldValue('year') === undefined) form.setFieldValue('year', first.year);
  }, [first, form]);

  const refresh = () => {
    setSelected([]);
    void queryClient.invalidateQueries({ queryKey: ['admin'] });
  };

  const applyFilter = (next: Filter) => {
    setSelected([]);
    setFilter(next);
  };
  const showYear = (year: number) => {
    form.setFieldValue('year', year);
    applyFilter({ ...filter, year });
  };

  const decide = useMutation({
    mutationFn: (d: { target: Target; approve: boolean; reason?: string }) =>
      d.approve
        ? api.post<ReviewResult>(`/api/admin/declarations/${d.target.id}/approve`, { version: d.target.version })
        : api.post<ReviewResult>(`/api/admin/declarations/${d.target.id}/reject`, { version: d.target.version, reason: d.reason }),
    onSuccess: (res, d) => {
      void message.success(`${d.target.personName}“${d.target.title}”：${res.message}`);
      setRejecting(null);
      setDetailId(null);
      refresh();
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      if (err instanceof ApiError && (err.code === 'ALREADY_HANDLED' || err.code === 'NOT_YOUR_TURN' || err.status === 404)) {
        setRejecting(null);
        setDetailId(null);
        refresh();
      }
    },
  });

  const bulkReview = useMutation({
    mutationFn: (d: { decision: 'approve' | 'reject'; targets: Target[]; reason?: string }) =>
      api.post<BulkReviewResponse>('/api/admin/declarations/bulk-review', {
        decision: d.decision,
        reason: d.reason,
        items: d.targets.map((t) => ({ id: t.id, version: t.version })),
      }),
    onSuccess: (answer, d) => {
      setRejecting(null);
      setBulk({ decision: d.decision, targets: d.targets, answer });
      refresh();
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      refresh();
    },
  });

  const approveOne = (t: Target) =>
    modal.confirm({
      title: '审核通过',
      content: `确认${t.personName}的“${t.title}”审核通过？`,
      okText: '通过',
      onOk: () => decide.mutateAsync({ target: t, approve: true }).catch(() => undefined),
    });

  const selectedTargets = () => rows.filter((r) => selected.includes(r.id)).map(targetOf);
  const approveSelected = () => {
    const targets = selectedTargets();
    modal.confirm({
      title: '批量审核通过',
      content: `确认选中的 ${targets.length} 条申报审核通过？将逐条提交审核结果。`,
      okText: '全部通过',
      onOk: () => bulkReview.mutateAsync({ decision: 'approve', targets }).catch(() => undefined),
    });
  };

  // A unit admin sees only their own unit: the column then says which 工作部门, when there are any.
  const isUnit = me.org.kind === 'unit';
  const showPlace = !isUnit || rows.some((r) => r.workDepartmentName);
  const columns: ColumnsType<ReviewQueueItem> = [
    {
      title: '姓名',
      key: 'person',
      width: 160,
      fixed: 'left',
      render: (_, d) => (
        <>
          <Button type="link" style={{ padding: 0 }} onClick={() => setDetailId(d.id)}>
            {d.person.name}
          </Button>
          <div className="muted nowrap">{d.person.idNumberMasked}</div>
        </>
      ),
    },
    {
      title: '学习内容',
      key: 'title',
      width: 240,
      render: (_, d) => (
        <>
          <div className="cell-ellipsis" title={d.title}>
            {d.title}
          </div>
          <div className="muted">
            {d.year}年度 · {d.subjectLabel} · {d.formLabel}
          </div>
        </>
      ),
    },
    { title: '申报 / 标准学时', key: 'hours', width: 190, render: (_, d) => <HoursCompare d={d} compact /> },
    {
      title: '材料',
      dataIndex: 'attachmentCount',
      width: 60,
      render: (n: number) => (n > 0 ? `${n}个` : <Tag color="red">无</Tag>),
    },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_, d) => (
        <>
          <DeclarationStatusTag d={d} />
          {awaitingView ? (
            <span className="muted">
              第{d.currentLevel}级/共{d.chainLength}级
            </span>
          ) : (
            whereItWaits(d) && <div className="muted">{whereItWaits(d)}</div>
          )}
          {d.rejectReason && <div className="muted">原因：{d.rejectReason}</div>}
        </>
      ),
    },
    ...(showPlace
      ? [
          {
            title: isUnit ? '工作部门' : '所在单位',
            key: 'unit',
            width: 160,
            render: (_: unknown, d: ReviewQueueItem) =>
              isUnit ? (d.workDepartmentName ?? '—') : (
                <>
                  <div>{d.unitName}</div>
                  {d.workDepartmentName && <div className="muted">{d.workDepartmentName}</div>}
                </>
              ),
          },
        ]
      : []),
    { title: '提交时间', dataIndex: 'submittedAt', width: 130, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: awaitingView ? 180 : 70,
      fixed: 'right',
      render: (_, d) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setDetailId(d.id)}>
            详情
          </Button>
          {awaitingView && reviewer && (
            <>
              <Button size="small" type="link" onClick={() => approveOne(targetOf(d))}>
                通过
              </Button>
              <Button size="small" type="link" danger onClick={() => setRejecting([targetOf(d)])}>
                {d.currentLevel != null && d.currentLevel > 1 ? '驳回' : '不通过'}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  const yearOptions = [
    ...new Set([shownYear, ...(first?.awaitingByYear.map((y) => y.year) ?? []), ...Array.from({ length: 6 }, (_, i) => dayjs().year() - i)]),
  ]
    .sort((a, b) => b - a)
    .map((y) => {
      const n = first?.awaitingByYear.find((a) => a.year === y)?.count;
      return { value: y, label: n ? `${y}年度（待审 ${n}）` : `${y}年度` };
    });
  const otherYears = first?.awaitingByYear.filter((y) => y.year !== shownYear) ?? [];
  const rejectWord = rejecting && rejecting.length === 1 ? refusalWord(rejecting[0]!.currentLevel) : '审核不通过（驳回）';

  return (
    <Card title="学时审核" extra={<span className="muted">用人单位 → 主管部门 → 人社部门逐级审核，最后一级通过即备案计入学时</span>}>
      <Form<Filter>
        form={form}
        name="declaration-filter"
        layout="inline"
        className="filter-form"
        initialValues={{ status: filter.status }}
        onFinish={(v) =>
          applyFilter({
            year: v.year,
            status: v.status ?? 'awaiting',
            form: v.form,
            subject: v.subject,
            name: v.name?.trim() || undefined,
            idNumber: v.idNumber?.trim().toUpperCase() || undefined,
            workDepartmentId: v.workDepartmentId,
            overStandard: v.overStandard,
          })
        }
      >
        <Form.Item name="year" label="认证年度">
          <Select<number> style={{ width: 170 }} placeholder={`${shownYear}年度`} options={yearOptions} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select<ReviewView>
            style={{ width: 190 }}
            options={(Object.keys(VIEW_LABELS) as ReviewView[])
              .filter((v) => reviewer || v !== 'awaiting')
              .map((v) => ({ value: v, label: VIEW_LABELS[v] }))}
          />
        </Form.Item>
        <Form.Item name="form" label="学习形式">
          <Select<FormCode>
            allowClear
            style={{ width: 200 }}
            placeholder="全部"
            options={LEARNING_FORMS.map((f) => ({ value: f.code, label: f.label }))}
          />
        </Form.Item>
        <Form.Item name="subject" label="科目">
          <Select<DeclarationSubject>
            allowClear
            style={{ width: 120 }}
            placeholder="全部"
            options={(Object.keys(SUBJECT_LABELS) as DeclarationSubject[]).map((s) => ({ value: s, label: SUBJECT_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item name="name" label="姓名">
          <Input allowClear style={{ width: 120 }} maxLength={50} />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号">
          <Input allowClear style={{ width: 190 }} maxLength={18} />
        </Form.Item>
        {me.org.kind === 'unit' && (
          <Form.Item name="workDepartmentId" label="工作部门">
            {me.workDepartmentScope ? (
              <Select<number>
                allowClear
                style={{ width: 160 }}
                placeholder="全部"
                options={me.workDepartmentScope.map((w) => ({ value: w.id, label: w.name }))}
              />
            ) : (
              <WorkDepartmentSelect unitId={me.org.id} allowClear placeholder="全部" style={{ width: 160 }} />
            )}
          </Form.Item>
        )}
        <Form.Item name="overStandard" label="超标准">
          <Select<'true' | 'false'>
            allowClear
            style={{ width: 140 }}
            placeholder="全部"
            options={[
              { value: 'true', label: '仅超出标准' },
              { value: 'false', label: '未超出标准' },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                applyFilter({ status: reviewer ? 'awaiting' : 'approved' });
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>

      {first?.otherYearsHint && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={first.otherYearsHint}
          description={
            <Space wrap>
              {otherYears.map((y) => (
                <Button key={y.year} size="small" onClick={() => showYear(y.year)}>
                  查看{y.year}年度（{y.count}条）
                </Button>
              ))}
            </Space>
          }
        />
      )}

      {awaitingView && reviewer && (
        <Space wrap style={{ marginBottom: 12 }}>
          <span className="muted">
            {shownYear}年度待本机构审核{rows.length}
            {queue.hasNextPage ? '+' : ''}条
          </span>
          <Button type="primary" disabled={selected.length === 0} onClick={approveSelected} loading={bulkReview.isPending}>
            批量通过{selected.length ? `（${selected.length}）` : ''}
          </Button>
          <Button danger disabled={selected.length === 0} onClick={() => setRejecting(selectedTargets())}>
            批量不通过{selected.length ? `（${selected.length}）` : ''}
          </Button>
          <Button onClick={() => void queue.refetch()}>刷新</Button>
        </Space>
      )}

      <Table<ReviewQueueItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={queue.isPending || queue.isFetching}
        pagination={false}
        scroll={{ x: showPlace ? 1300 : 1140 }}
        rowSelection={
          awaitingView && reviewer
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }
            : undefined
        }
        locale={{
          emptyText: queue.isError
            ? errorMessage(queue.error)
            : `${shownYear}年度没有${awaitingView ? '待本机构审核的' : `${VIEW_LABELS[filter.status]}的`}申报`,
        }}
      />
      {queue.hasNextPage && (
        <div className="load-more">
          <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
            加载更多
          </Button>
        </div>
      )}

      <DeclarationDetailDrawer
        id={detailId}
        onClose={() => setDetailId(null)}
        footer={(d) =>
          d.can.review ? (
            <Space>
              <Button type="primary" onClick={() => approveOne(targetOf(d))}>
                审核通过
              </Button>
              <Button danger onClick={() => setRejecting([targetOf(d)])}>
                {refusalWord(d.currentLevel)}
              </Button>
            </Space>
          ) : null
        }
      />

      <ReasonModal
        open={rejecting !== null}
        title={rejecting && rejecting.length > 1 ? `批量${rejectWord}（${rejecting.length}条）` : rejectWord}
        label={rejectWord === '驳回' ? '驳回原因' : '不通过原因'}
        okText={rejectWord === '驳回' ? '确认驳回' : '确认不通过'}
        intro={
          rejecting && rejecting.length === 1
            ? `${rejecting[0]!.personName}的“${rejecting[0]!.title}”将退回本人，本人可按原因修改后重新提交。`
            : '选中的申报将退回本人，本人可按原因修改后重新提交。'
        }
        placeholder="例如：申报学时高于学时折算标准，请按会议通知载明的天数修改"
        loading={decide.isPending || bulkReview.isPending}
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => {
          if (!rejecting) return;
          if (rejecting.length === 1) decide.mutate({ target: rejecting[0]!, approve: false, reason });
          else bulkReview.mutate({ decision: 'reject', targets: rejecting, reason });
        }}
      />

      <Modal
        open={bulk !== null}
        title={bulk?.decision === 'approve' ? '批量审核通过结果' : '批量审核不通过结果'}
        onCancel={() => setBulk(null)}
        footer={
          <Button type="primary" onClick={() => setBulk(null)}>
            知道了
          </Button>
        }
      >
        {bulk && (
          <>
            <Typography.Paragraph>
              成功 {bulk.answer.succeeded} 条，失败 {bulk.answer.failed} 条
            </Typography.Paragraph>
            <List
              size="small"
              dataSource={bulk.answer.results}
              renderItem={(r) => {
                const t = bulk.targets.find((x) => x.id === r.id);
                return (
                  <List.Item data-testid="bulk-result">
                    <span>
                      {t ? `${t.personName}：${t.title}` : `申报 ${r.id}`}
                    </span>
                    <Tag color={r.ok ? 'green' : 'red'}>{r.message}</Tag>
                  </List.Item>
                );
              }}
            />
          </>
        )}
      </Modal>
    </Card>
  );
}
