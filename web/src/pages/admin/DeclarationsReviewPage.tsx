import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  baseClassesApi,
  declarationReviewApi as review,
  LEARNING_FORMS,
  SUBJECT_LABELS,
  type DeclarationSubject,
  type FormCode,
} from '@ce/shared';
import { ApiError, call, errorMessage, searchBody } from '../../api/client';
import type { BulkReviewResponse, DeclarationDetail, ReviewQueueItem } from '../../api/types';
import { AnomalyTag, DeclarationStatusTag, HoursCompare, TransferTag, whereItWaits } from '../../components/DeclarationParts';
import { useSignedIn } from '../../components/RequireAdmin';
import { WorkDepartmentSelect } from '../../components/WorkDepartmentSelect';
import { formatDateTime, yearNow } from '../../lib/format';
import { can } from './access';
import { DeclarationDetailDrawer } from './DeclarationDetailDrawer';
import { HOUR_REFUSAL_REASONS, ReasonModal } from './ReasonModal';
import { OverdueTag, useReviewDeadline } from '../../components/Overdue';
import { BatchMarker } from './batches/parts';
import { BatchResultModal } from '../../components/BatchResultModal';
import { PagedTable } from '../../components/PagedTable';
import { ReviewActions } from '../../components/ReviewDrawer';

const PAGE = 20;
const QUEUE_KEY = ['admin', 'declarations'] as const;

/** Conflict of interest: a reviewer's own declaration waits for another admin. */
const OWN_MATTER = '本人事项，需由其他管理员审核';

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
type Target = Pick<ReviewQueueItem, 'id' | 'version' | 'title' | 'currentLevel' | 'chainLength'> & { personName: string };
const targetOf = (d: ReviewQueueItem | DeclarationDetail): Target => ({
  id: d.id,
  version: d.version,
  title: d.title,
  currentLevel: d.currentLevel,
  chainLength: d.chainLength,
  personName: d.person.name,
});

/** The last level's approval is the 备案 that makes the hours count. */
const isFiling = (t: Pick<Target, 'currentLevel' | 'chainLength'>) => t.currentLevel != null && t.currentLevel === t.chainLength;

interface BulkOutcome {
  decision: 'approve' | 'reject';
  targets: Target[];
  answer: BulkReviewResponse;
}

/** A first-level refusal is 审核不通过; a higher level's is 驳回 (seed 003 FAQ). */
const refusalWord = (level: number | null) => (level != null && level > 1 ? '驳回' : '不通过');

/**
 * 学时审核 (R-16, R-18): the declarations waiting for this organisation, by 认证年度 (default the
 * current year, with the count waiting in other years made obvious — FAQ "单位找不到待审核学时"),
 * claimed vs standard hours, evidence inline, one by one or many at once.
 */
export function DeclarationsReviewPage({ source }: { source?: 'base' } = {}) {
  const me = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reviewer = can(me, 'declaration.review');
  const [form] = Form.useForm<Filter>();
  const [filter, setFilter] = useState<Filter>({ status: reviewer ? 'awaiting' : 'approved' });
  const [selected, setSelected] = useState<number[]>([]);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<Target[] | null>(null);
  const [approving, setApproving] = useState<Target[] | null>(null);
  const [bulk, setBulk] = useState<BulkOutcome | null>(null);

  const queue = useInfiniteQuery({
    queryKey: [...QUEUE_KEY, source ?? 'all', filter],
    queryFn: ({ pageParam }) =>
      call(review.search, { body: searchBody({ ...filter, source, after: pageParam, limit: PAGE }) }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const first = queue.data?.pages[0];
  const rows = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const shownYear = filter.year ?? first?.year ?? yearNow();
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
        ? call(review.approve, { params: { id: d.target.id }, body: { version: d.target.version, comment: d.reason || undefined } })
        : call(review.reject, { params: { id: d.target.id }, body: { version: d.target.version, reason: d.reason ?? '' } }),
    onSuccess: (res, d) => {
      void message.success(`${d.target.personName}“${d.target.title}”：${res.message}`);
      setRejecting(null);
      setApproving(null);
      setDetailId(null);
      refresh();
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      if (err instanceof ApiError && (err.code === 'ALREADY_HANDLED' || err.code === 'NOT_YOUR_TURN' || err.status === 404)) {
        setRejecting(null);
        setApproving(null);
        setDetailId(null);
        refresh();
      }
    },
  });

  const bulkReview = useMutation({
    mutationFn: (d: { decision: 'approve' | 'reject'; targets: Target[]; reason?: string }) =>
      call(review.bulkReview, {
        body: {
          decision: d.decision,
          reason: d.reason,
          items: d.targets.map((t) => ({ id: t.id, version: t.version })),
        },
      }),
    onSuccess: (answer, d) => {
      setRejecting(null);
      setApproving(null);
      setBulk({ decision: d.decision, targets: d.targets, answer });
      refresh();
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      refresh();
    },
  });

  const approveOne = (t: Target) => setApproving([t]);
  const selectedTargets = () => rows.filter((r) => selected.includes(r.id)).map(targetOf);
  const approveSelected = () => setApproving(selectedTargets());

  // A unit admin sees only their own unit: the column then says which 工作部门, when there are any.
  const isUnit = me.org.kind === 'unit';
  const showPlace = !isUnit || rows.some((r) => r.workDepartmentName);
  const deadline = useReviewDeadline();
  const columns: ColumnsType<ReviewQueueItem> = [
    {
      title: '姓名',
      key: 'person',
      width: 140,
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
      width: 170,
      render: (_, d) => (
        <>
          <div className="cell-clamp-2" title={d.title}>
            {d.title}
          </div>
          <div className="muted">
            {d.year}年度 · {d.subjectLabel} · {d.formLabel}
          </div>
          <TransferTag d={d} />
          <AnomalyTag flags={d.anomalyFlags} />
          {d.overlapWarning && (
            <Tag color="orange" title={d.overlapWarning} style={{ whiteSpace: 'normal' }}>
              {d.overlapWarning.split('（')[0]}
            </Tag>
          )}
          {d.batch && (
            <Link to={`/admin/declaration-batches/${d.batch.id}`} title="查看整批记录、证明材料，整批审核">
              <BatchMarker marker={d.batch.marker} /> {d.batch.baseName ? d.batch.baseName : `批次 ${d.batch.id}`}
            </Link>
          )}
        </>
      ),
    },
    { title: '申报 / 标准学时', key: 'hours', width: 120, render: (_, d) => <HoursCompare d={d} compact /> },
    {
      title: '材料',
      key: 'attachments',
      width: 56,
      // A batch record's evidence is the batch's (R-27: the person uploads nothing).
      render: (_, d) =>
        d.batch ? `${d.batch.baseName ? '班次' : '整批'}${d.batch.evidenceCount}个` : d.attachmentCount > 0 ? `${d.attachmentCount}个` : <Tag color="red">无</Tag>,
    },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, d) => (
        <>
          <DeclarationStatusTag d={d} />
          {awaitingView ? (
            <>
              <span className="muted">
                第{d.currentLevel}级/共{d.chainLength}级
              </span>
              {/* A pending record's updatedAt is when it reached its current level. */}
              <OverdueTag since={d.status === 'pending' ? d.updatedAt : null} days={deadline} />
            </>
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
            width: 120,
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
    { title: '提交时间', dataIndex: 'submittedAt', width: 100, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: awaitingView ? 150 : 70,
      fixed: 'right',
      render: (_, d) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setDetailId(d.id)}>
            详情
          </Button>
          {awaitingView && reviewer && d.ownMatter && (
            <Tag color="orange" style={{ whiteSpace: 'normal' }}>
              {OWN_MATTER}
            </Tag>
          )}
          {awaitingView && reviewer && !d.ownMatter && (
            <>
              <Button size="small" type="link" onClick={() => approveOne(targetOf(d))}>
                {isFiling(d) ? '备案' : '通过'}
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
    ...new Set([shownYear, ...(first?.awaitingByYear.map((y) => y.year) ?? []), ...Array.from({ length: 6 }, (_, i) => yearNow() - i)]),
  ]
    .sort((a, b) => b - a)
    .map((y) => {
      const n = first?.awaitingByYear.find((a) => a.year === y)?.count;
      return { value: y, label: n ? `${y}年度（待审 ${n}）` : `${y}年度` };
    });
  const otherYears = first?.awaitingByYear.filter((y) => y.year !== shownYear) ?? [];
  const rejectWord = rejecting && rejecting.length === 1 ? refusalWord(rejecting[0]!.currentLevel) : '不通过（驳回）';
  const approveWord = approving && approving.length > 0 && approving.every(isFiling) ? '通过并备案' : '通过';

  return (
    <Card
      title={source === 'base' ? '继教基地学时审核' : '学时审核'}
      extra={
        <span className="muted">
          {source === 'base' ? '继续教育基地为专技人员申报的学时，' : ''}用人单位 → 主管部门 → 人社部门逐级审核，最后一级通过即备案计入学时
        </span>
      }
    >
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

      {source === 'base' && awaitingView && reviewer && <BaseClassDecisions rows={rows} onDone={refresh} />}

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

      <PagedTable<ReviewQueueItem>
        list={{ ...queue, rows }}
        unit="条申报"
        emptyText={`${shownYear}年度没有${awaitingView ? '待本机构审核的' : `${VIEW_LABELS[filter.status]}的`}申报`}
        rowKey="id"
        size="small"
        columns={columns}
        // Fits beside the menu at 1366 px: every column visible, none under the pinned 操作.
        scroll={{ x: showPlace ? 1020 : 900 }}
        rowSelection={
          awaitingView && reviewer
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(Number)),
                getCheckboxProps: (d: ReviewQueueItem) => ({ disabled: d.ownMatter === true }),
              }
            : undefined
        }
      />

      <DeclarationDetailDrawer
        id={detailId}
        onClose={() => setDetailId(null)}
        footer={(d) =>
          d.can.review ? (
            <ReviewActions
              onApprove={() => approveOne(targetOf(d))}
              onReject={() => setRejecting([targetOf(d)])}
              approveText={isFiling(d) ? '审核通过并备案' : '审核通过'}
              rejectText={refusalWord(d.currentLevel)}
            />
          ) : null
        }
      />

      <ReasonModal
        open={rejecting !== null}
        title={rejecting && rejecting.length > 1 ? `批量${rejectWord}（${rejecting.length}条）` : `审核${rejectWord}`}
        label={rejectWord === '驳回' ? '驳回原因' : '不通过原因'}
        okText={rejectWord === '驳回' ? '确认驳回' : '确认不通过'}
        intro={
          rejecting && rejecting.length === 1
            ? `${rejecting[0]!.personName}的“${rejecting[0]!.title}”将退回本人，本人可按原因修改后重新提交。`
            : '选中的申报将退回本人，本人可按原因修改后重新提交。'
        }
        placeholder="选择常用原因或直接填写，例如：申报学时高于学时折算标准，请按会议通知载明的天数修改"
        presets={HOUR_REFUSAL_REASONS}
        loading={decide.isPending || bulkReview.isPending}
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => {
          if (!rejecting) return;
          if (rejecting.length === 1) decide.mutate({ target: rejecting[0]!, approve: false, reason });
          else bulkReview.mutate({ decision: 'reject', targets: rejecting, reason });
        }}
      />

      <ReasonModal
        open={approving !== null}
        required={false}
        title={approving && approving.length > 1 ? `批量审核${approveWord}（${approving.length}条）` : `审核${approveWord}`}
        label="审核意见（选填）"
        okText={approveWord}
        intro={
          approving && approving.length === 1
            ? `确认${approving[0]!.personName}的“${approving[0]!.title}”审核${approveWord}？${
                approveWord === '通过并备案' ? '备案后学时计入该年度。' : '通过后提交上一级审核。'
              }`
            : `确认选中的 ${approving?.length ?? 0} 条申报审核${approveWord}？将逐条提交审核结果。`
        }
        placeholder="可不填；填写的意见记入操作记录，本人可见"
        loading={decide.isPending || bulkReview.isPending}
        onCancel={() => setApproving(null)}
        onSubmit={(comment) => {
          if (!approving) return;
          if (approving.length === 1) decide.mutate({ target: approving[0]!, approve: true, reason: comment });
          else bulkReview.mutate({ decision: 'approve', targets: approving, reason: comment || undefined });
        }}
      />

      <BatchResultModal
        open={bulk !== null}
        title={bulk?.decision === 'approve' ? '批量审核通过结果' : '批量审核不通过（驳回）结果'}
        rows={(bulk?.answer.results ?? []).map((r) => {
          const t = bulk?.targets.find((x) => x.id === r.id);
          return { key: r.id, label: t ? `${t.personName}：${t.title}` : `申报 ${r.id}`, ok: r.ok, message: r.message };
        })}
        measure="条"
        rowTestId="bulk-result"
        onClose={() => setBulk(null)}
      />
    </Card>
  );
}

/** 继教基地学时审核 (R-29): the same review page, over the records continuing-education bases declared. */
export function BaseDeclarationsReviewPage() {
  return <DeclarationsReviewPage source="base" />;
}

/**
 * 继教基地学时审核 per class (R-29): the classes of the records now waiting here, each approved or
 * rejected as a whole (every record of the class waiting for this organisation, or none).
 */
function BaseClassDecisions({ rows, onDone }: { rows: ReviewQueueItem[]; onDone: () => void }) {
  const { message, modal } = App.useApp();
  const [rejecting, setRejecting] = useState<{ classId: number; title: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const classes = new Map<number, { classId: number; title: string; baseName: string; count: number }>();
  for (const r of rows) {
    const classId = r.batch?.baseClassId;
    if (classId == null || r.ownMatter) continue;
    const c = classes.get(classId) ?? { classId, title: r.title, baseName: r.batch?.baseName ?? '', count: 0 };
    c.count++;
    classes.set(classId, c);
  }
  if (classes.size === 0) return null;
  const decide = async (classId: number, decision: 'approve' | 'reject', reason?: string) => {
    setBusy(true);
    try {
      const res = await call(baseClassesApi.decide, { params: { id: classId }, body: { decision, reason } });
      void message.success(`整班${decision === 'approve' ? '审核通过' : '审核不通过'}：${res.succeeded} 条`);
      setRejecting(null);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <Card size="small" title="按班次审核" style={{ marginBottom: 12 }}>
      <List
        size="small"
        dataSource={[...classes.values()]}
        renderItem={(c) => (
          <List.Item
            data-testid="base-class-decision"
            actions={[
              <Button
                key="approve"
                size="small"
                type="primary"
                loading={busy}
                onClick={() =>
                  modal.confirm({
                    title: '整班审核通过',
                    content: `确认“${c.title}”中等待本机构审核的全部记录审核通过？`,
                    okText: '整班通过',
                    onOk: () => decide(c.classId, 'approve'),
                  })
                }
              >
                整班通过
              </Button>,
              <Button key="reject" size="small" danger onClick={() => setRejecting({ classId: c.classId, title: c.title })}>
                整班不通过
              </Button>,
            ]}
          >
            <span>
              <BatchMarker marker="继续教育基地申报" /> {c.baseName} ·「{c.title}」 · 本页待审 {c.count} 条
            </span>
          </List.Item>
        )}
      />
      <ReasonModal
        open={rejecting !== null}
        title="整班审核不通过"
        label="不通过原因"
        okText="确认不通过"
        intro={rejecting ? `“${rejecting.title}”中等待本机构审核的全部记录将审核不通过。` : ''}
        placeholder="例如：本单位人员未参加该班次培训"
        loading={busy}
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => rejecting && void decide(rejecting.classId, 'reject', reason)}
      />
    </Card>
  );
}
