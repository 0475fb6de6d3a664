import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Empty, Space, Steps, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { trainingPlansApi, type PlannedTraining, type TrainingPlanDetail } from '@ce/shared';
import { call, errorMessage } from '../../../api/client';
import { useEndpoint } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { ReasonModal } from '../ReasonModal';

export const planStatusColor = (status: string) => ({ pending: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default' })[status] ?? 'default';

function TrainingsTable({ trainings, extra }: { trainings: PlannedTraining[]; extra?: (t: PlannedTraining) => React.ReactNode }) {
  return (
    <Table<PlannedTraining>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={trainings}
      columns={[
        { title: '培训名称', dataIndex: 'title' },
        { title: '主办单位', dataIndex: 'organiser', width: 130 },
        { title: '培训日期', width: 190, render: (_, t) => (t.startDate === t.endDate ? t.startDate : `${t.startDate} 至 ${t.endDate}`) },
        { title: '地点', dataIndex: 'place', width: 120 },
        { title: '计划学时', dataIndex: 'hours', width: 80 },
        { title: '预计人数', dataIndex: 'expectedAttendees', width: 80 },
        ...(extra ? [{ title: '', key: 'x', width: 110, render: (_: unknown, t: PlannedTraining) => extra(t) }] : []),
      ]}
    />
  );
}

/**
 * One plan: its trainings (and the version in force during an amendment), the review chain, the
 * history and the attendance declared. The filer withdraws, edits or declares attendance here; the
 * reviewer whose turn it is approves or rejects.
 */
export function PlanDrawer({ id, onClose, onEdit, onDeclare }: { id: number | null; onClose: () => void; onEdit?: (p: TrainingPlanDetail) => void; onDeclare?: (p: TrainingPlanDetail, trainingKey: string) => void }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const detail = useEndpoint(trainingPlansApi.detail, { params: { id: id ?? 0 } }, { enabled: id != null });
  const plan = detail.data;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'training-plans'] });

  const act = useMutation({
    mutationFn: (a: { kind: 'withdraw' } | { kind: 'approve' } | { kind: 'reject'; reason: string }) =>
      a.kind === 'withdraw'
        ? call(trainingPlansApi.withdraw, { params: { id: plan!.id }, body: { version: plan!.version } })
        : call(trainingPlansApi.decide, { params: { id: plan!.id }, body: { version: plan!.version, decision: a.kind, ...(a.kind === 'reject' ? { reason: a.reason } : {}) } }),
    onSuccess: (_, a) => {
      void message.success({ withdraw: '已撤回', approve: '已审核通过', reject: '已审核不通过，退回填报单位' }[a.kind]);
      setRejecting(false);
      refresh();
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      refresh();
    },
  });

  const attendedCount = (key: string) => plan?.attendance.filter((a) => a.trainingKey === key).length ?? 0;
  const amendment = plan && plan.inForce && plan.status !== 'approved' && plan.approvedTrainings;

  return (
    <Drawer open={id != null} onClose={onClose} width={980} title={plan ? `${plan.orgName} ${plan.year}年度培训计划` : '培训计划'} destroyOnHidden
      extra={
        plan && (
          <Space>
            {plan.canWithdraw && (
              <Button onClick={() => modal.confirm({ title: '撤回培训计划', content: plan.inForce ? '撤回本次变更？原计划继续有效。' : '撤回后审核终止，可修改后重新提交。', okText: '撤回', onOk: () => act.mutateAsync({ kind: 'withdraw' }).catch(() => undefined) })}>
                撤回
              </Button>
            )}
            {plan.canEdit && onEdit && (
              <Button onClick={() => onEdit(plan)}>{plan.inForce ? '变更计划' : '修改后重新提交'}</Button>
            )}
            {plan.awaitingMe && (
              <>
                <Button danger onClick={() => setRejecting(true)}>审核不通过</Button>
                <Button type="primary" loading={act.isPending} onClick={() => modal.confirm({ title: '审核通过', content: plan.awaiting === plan.chain.at(-1)?.name ? '通过后培训计划生效（备案）。' : '通过后报上一级审核。', okText: '通过', onOk: () => act.mutateAsync({ kind: 'approve' }).catch(() => undefined) })}>
                  审核通过
                </Button>
              </>
            )}
          </Space>
        )
      }
    >
      {detail.isError && <ErrorAlert error={detail.error} />}
      {plan && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={3} bordered>
            <Descriptions.Item label="填报单位">{plan.orgName}（{plan.orgKindLabel}）</Descriptions.Item>
            <Descriptions.Item label="计划年度">{plan.year}</Descriptions.Item>
            <Descriptions.Item label="状态"><Tag color={planStatusColor(plan.status)}>{plan.statusLabel}</Tag></Descriptions.Item>
            <Descriptions.Item label="第几次提交">{plan.revision}{plan.isAmendment ? '（变更）' : ''}</Descriptions.Item>
            <Descriptions.Item label="当前审核">{plan.awaiting ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="更新时间">{formatDateTime(plan.updatedAt)}</Descriptions.Item>
          </Descriptions>
          {plan.rejectReason && <Alert type="error" showIcon message={`审核不通过：${plan.rejectReason}`} description={plan.inForce ? '原计划仍有效，可修改后重新提交变更。' : '请修改后重新提交。'} />}
          <Steps
            size="small"
            current={plan.status === 'approved' ? plan.chain.length + 1 : plan.status === 'pending' ? plan.chain.findIndex((c) => c.name === plan.awaiting) + 1 : 0}
            status={plan.status === 'rejected' ? 'error' : undefined}
            items={[{ title: plan.orgName, description: '填报' }, ...plan.chain.map((c) => ({ title: c.name, description: '审核' }))].map((s, i) => ({ ...s, key: i }))}
          />
          <Tabs
            items={[
              {
                key: 'trainings',
                label: amendment ? `变更后的计划（${plan.trainings.length}项）` : `培训（${plan.trainings.length}项）`,
                children: (
                  <TrainingsTable
                    trainings={plan.trainings}
                    extra={
                      plan.canDeclare && onDeclare && !amendment
                        ? (t) => (
                            <Space direction="vertical" size={0}>
                              <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onDeclare(plan, t.key)}>申报参训学时</Button>
                              {attendedCount(t.key) > 0 && <span className="muted">已申报 {attendedCount(t.key)} 批</span>}
                            </Space>
                          )
                        : undefined
                    }
                  />
                ),
              },
              ...(amendment
                ? [
                    {
                      key: 'inForce',
                      label: `现行有效的计划（${plan.approvedTrainings!.length}项）`,
                      children: <TrainingsTable trainings={plan.approvedTrainings!} extra={plan.canDeclare && onDeclare ? (t) => <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onDeclare(plan, t.key)}>申报参训学时</Button> : undefined} />,
                    },
                  ]
                : []),
              {
                key: 'history',
                label: '审核历史',
                children: (
                  <Timeline
                    items={plan.history.map((h) => ({
                      color: h.action === 'reject' ? 'red' : h.action.includes('approve') ? 'green' : 'blue',
                      children: (
                        <>
                          <Typography.Text strong>{h.label}</Typography.Text>（第{h.revision}次提交）· {h.orgName ?? ''} {h.actorName ?? ''} · {formatDateTime(h.at)}
                          {h.reason && <div className="muted">原因：{h.reason}</div>}
                        </>
                      ),
                    }))}
                  />
                ),
              },
              {
                key: 'attendance',
                label: `参训学时申报（${plan.attendance.length}）`,
                children: plan.attendance.length ? (
                  <Table
                    rowKey="batchId"
                    size="small"
                    pagination={false}
                    dataSource={plan.attendance}
                    columns={[
                      { title: '批次', dataIndex: 'batchId', width: 80 },
                      { title: '培训', dataIndex: 'trainingTitle' },
                      { title: '人数', dataIndex: 'rowCount', width: 80 },
                      { title: '状态', dataIndex: 'statusLabel', width: 140 },
                      { title: '申报时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
                    ]}
                  />
                ) : (
                  <Empty description={plan.canDeclare ? '尚未申报参训学时：在“培训”中选择一项培训申报' : '计划审核通过后可申报参训学时'} />
                ),
              },
            ]}
          />
        </Space>
      )}
      <ReasonModal open={rejecting} title="审核不通过" intro="培训计划将退回填报单位修改。" loading={act.isPending} onCancel={() => setRejecting(false)} onSubmit={(reason) => act.mutate({ kind: 'reject', reason })} />
    </Drawer>
  );
}
