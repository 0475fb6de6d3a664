import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Table, Timeline } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { declarationBatchesApi, declarationReviewApi, type DeclarationBatchDetail } from '@ce/shared';
import { ApiError, call, errorMessage, href } from '../../../api/client';
import { useEndpoint } from '../../../api/queries';
import { AnomalyTag, EvidenceViewer } from '../../../components/DeclarationParts';
import { formatDateTime } from '../../../lib/format';
import { ReasonModal } from '../ReasonModal';
import { BatchCounts, BatchMarker, BatchStatusTag } from './parts';
import { Stacked } from '../../../components/Stacked';

type Row = DeclarationBatchDetail['rows'][number];

/** Whom a refusal is asked of: the whole batch, or some of its rows. */
type Refusal = { whole: true } | { whole: false; rows: Row[] };

/**
 * One batch: its rows and their states, its evidence and its history. The declaring
 * organisation withdraws the whole batch or single rows while the next level has not acted; the
 * reviewer whose turn it is approves or rejects the whole batch or single rows.
 */
export function DeclarationBatchPage() {
  const id = Number(useParams().id);
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useEndpoint(declarationBatchesApi.detail, { params: { id } });
  const [selected, setSelected] = useState<number[]>([]);
  const [refusing, setRefusing] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const b = detail.data;

  const refresh = () => {
    setSelected([]);
    void queryClient.invalidateQueries({ queryKey: ['admin'] });
  };
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      void message.success(await work());
      setRefusing(null);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
      refresh();
    }
  };

  if (detail.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (detail.isError || !b) return <Result status="warning" title={errorMessage(detail.error)} extra={<Link to="/admin/declaration-batches">返回批量申报</Link>} />;

  const pendingRows = b.rows.filter((r) => r.status === 'pending');
  const myTurn = b.rows.filter((r) => r.awaitingMe);
  const withdraw = (rows: Row[] | null) =>
    modal.confirm({
      title: rows ? `撤回选中的 ${rows.length} 条记录` : '撤回整批',
      content: rows ? '撤回后这些记录不再审核，可修改后重新上传。' : `撤回本批次全部 ${pendingRows.length} 条待审核记录？上一级已审核的记录不能撤回。`,
      okText: '撤回',
      okButtonProps: { danger: true },
      onOk: () =>
        run(async () => (await call(declarationBatchesApi.withdraw, { params: { id }, body: rows ? { declarationIds: rows.map((r) => r.id) } : {} })).message),
    });
  const approveWhole = () =>
    modal.confirm({
      title: '整批审核通过',
      content: `本批次有 ${myTurn.length} 条记录等待本机构审核，确认全部通过？`,
      okText: '全部通过',
      onOk: () =>
        run(async () => {
          const res = await call(declarationBatchesApi.decide, { params: { id }, body: { decision: 'approve' } });
          return `已审核通过 ${res.succeeded} 条记录`;
        }),
    });
  const approveRows = (rows: Row[]) =>
    modal.confirm({
      title: '审核通过',
      content: rows.length === 1 ? `确认${rows[0]!.personName}的“${rows[0]!.title}”审核通过？` : `确认选中的 ${rows.length} 条记录审核通过？`,
      okText: '通过',
      onOk: () => run(() => decideRows(rows, true)),
    });
  const refuse = (reason: string) => {
    if (!refusing) return;
    void run(async () => {
      if (refusing.whole) {
        const res = await call(declarationBatchesApi.decide, { params: { id }, body: { decision: 'reject', reason } });
        return `已退回 ${res.succeeded} 条记录`;
      }
      return decideRows(refusing.rows, false, reason);
    });
  };

  const columns: ColumnsType<Row> = [
    {
      title: '姓名',
      key: 'person',
      width: 150,
      render: (_, r) => <Stacked main={r.personName} sub={r.idNumberMasked} />,
    },
    {
      title: '学习内容',
      key: 'title',
      render: (_, r) => (
        <>
          <div className="cell-ellipsis" title={r.title}>
            {r.title}
          </div>
          <div className="muted">
            {r.year}年度 · {r.formLabel} · {r.startDate} 至 {r.endDate}
          </div>
          <AnomalyTag flags={r.anomalyFlags} />
        </>
      ),
    },
    {
      title: '申报 / 标准学时',
      key: 'hours',
      width: 130,
      render: (_, r) => (
        <>
          {r.claimedHours} / {r.standardHours ?? '—'}
          {r.standardHours != null && r.claimedHours > r.standardHours && <div className="text-warning">超出标准</div>}
        </>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 190,
      render: (_, r) => (
        <>
          <div>{r.statusLabel}</div>
          {r.awaiting && <div className="muted">待{r.awaiting}审核</div>}
          {r.rejectReason && r.status === 'rejected' && <div className="muted">原因：{r.rejectReason}</div>}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, r) =>
        r.awaitingMe ? (
          <Space size={0}>
            <Button size="small" type="link" onClick={() => approveRows([r])}>
              通过
            </Button>
            <Button size="small" type="link" danger onClick={() => setRefusing({ whole: false, rows: [r] })}>
              不通过
            </Button>
          </Space>
        ) : b.declarer && r.status === 'pending' ? (
          <Button size="small" type="link" danger onClick={() => withdraw([r])}>
            撤回
          </Button>
        ) : null,
    },
  ];

  // Rows the signed-in admin can act on: the declarer's pending rows, or the reviewer's turn.
  const selectable = (r: Row) => r.awaitingMe || (b.declarer && r.status === 'pending');
  const selectedRows = b.rows.filter((r) => selected.includes(r.id));

  return (
    // minWidth 0: long titles must not widen the content and squeeze the menu (flex layout).
    <Space direction="vertical" size={16} style={{ width: '100%', minWidth: 0 }}>
      <Card
        title={
          <Space>
            <Link to={b.declarer ? '/admin/declaration-batches' : '/admin/declarations'}>
              <ArrowLeftOutlined />
            </Link>
            <span>批量申报（编号 {b.id}）</span>
            <BatchMarker marker={b.marker} />
            <BatchStatusTag b={b} />
          </Space>
        }
        extra={
          <Space>
            {myTurn.length > 0 && (
              <>
                <Button type="primary" loading={busy} onClick={approveWhole}>
                  整批通过（{myTurn.length}）
                </Button>
                <Button danger loading={busy} onClick={() => setRefusing({ whole: true })}>
                  整批不通过
                </Button>
              </>
            )}
            {b.declarer && pendingRows.length > 0 && (
              <Button danger loading={busy} onClick={() => withdraw(null)}>
                撤回整批
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label="文件">{b.fileName}</Descriptions.Item>
          <Descriptions.Item label="申报人">{b.declarerName}</Descriptions.Item>
          <Descriptions.Item label="上传时间">{formatDateTime(b.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="记录数">{b.rowCount}</Descriptions.Item>
          <Descriptions.Item label="审核情况">
            <BatchCounts counts={b.counts} />
          </Descriptions.Item>
          {b.errorReportUrl && (
            <Descriptions.Item label="错误报告">
              <a href={b.errorReportUrl} download>
                下载错误报告（{b.errorCount} 行有错误）
              </a>
            </Descriptions.Item>
          )}
        </Descriptions>
        {b.status === 'failed' && <Alert type="error" showIcon title="校验未通过，本批次未导入任何记录。请下载错误报告，修改后重新上传。" />}
      </Card>

      {b.status === 'imported' && (
        <Card
          title={`申报记录（${b.rows.length} 条）`}
          extra={
            selectedRows.length > 0 && (
              <Space>
                <span className="muted">已选 {selectedRows.length} 条</span>
                {selectedRows.every((r) => r.awaitingMe) && (
                  <>
                    <Button size="small" onClick={() => approveRows(selectedRows)}>
                      选中通过
                    </Button>
                    <Button size="small" danger onClick={() => setRefusing({ whole: false, rows: selectedRows })}>
                      选中不通过
                    </Button>
                  </>
                )}
                {b.declarer && selectedRows.every((r) => r.status === 'pending') && (
                  <Button size="small" danger onClick={() => withdraw(selectedRows)}>
                    撤回选中
                  </Button>
                )}
              </Space>
            )
          }
        >
          <Table<Row>
            rowKey="id"
            size="middle"
            tableLayout="fixed"
            scroll={{ x: 860 }}
            columns={columns}
            dataSource={b.rows}
            pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
            rowSelection={b.rows.some(selectable) ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)), getCheckboxProps: (r) => ({ disabled: !selectable(r) }) } : undefined}
          />
        </Card>
      )}

      <Card title={`证明材料（${b.evidence.length}个）`}>
        <EvidenceViewer attachments={b.evidence} urlOf={(f) => href(declarationBatchesApi.evidence, { params: { id: b.id, fileId: f.id } })} />
      </Card>

      <Card title="操作记录">
        <Timeline
          items={b.history.map((h) => ({
            children: (
              <>
                <div>{h.label}</div>
                <div className="muted">
                  {formatDateTime(h.at)}
                  {h.actorName && ` · ${h.actorName}`}
                </div>
              </>
            ),
          }))}
        />
      </Card>

      <ReasonModal
        open={refusing != null}
        title={refusing?.whole ? '整批审核不通过' : '审核不通过'}
        intro={refusing?.whole ? `本批次等待本机构审核的 ${myTurn.length} 条记录将全部退回。` : refusing ? `将退回 ${refusing.rows.length} 条记录。` : null}
        loading={busy}
        onCancel={() => setRefusing(null)}
        onSubmit={refuse}
      />
    </Space>
  );
}

/** Single rows go through the declarations module's own review (a result per record). */
async function decideRows(rows: Row[], approve: boolean, reason?: string): Promise<string> {
  const res = await call(declarationReviewApi.bulkReview, {
    body: { decision: approve ? 'approve' : 'reject', reason, items: rows.map((r) => ({ id: r.id, version: r.version })) },
  });
  const word = approve ? '审核通过' : '退回';
  if (res.failed === 0) return `已${word} ${res.succeeded} 条记录`;
  const why = res.results.filter((x) => !x.ok).map((x) => `${rows.find((r) => r.id === x.id)?.personName ?? x.id}：${x.message}`);
  throw new ApiError(409, 'PARTIAL', `已${word} ${res.succeeded} 条；${res.failed} 条未处理（${why.join('；')}）`);
}
