import { useState } from 'react';
import { Button, Card, InputNumber, Segmented, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { trainingPlansApi, type TrainingPlanDetail, type TrainingPlanSummary } from '@ce/shared';
import { usePagedList } from '../../../api/queries';
import { useSignedIn } from '../../../components/RequireAdmin';
import { PagedTable } from '../../../components/PagedTable';
import { formatDateTime } from '../../../lib/format';
import { OverdueTag, useReviewDeadline } from '../../../components/Overdue';
import { AttendanceModal } from './AttendanceModal';
import { PlanDrawer, planStatusColor } from './PlanDrawer';
import { PlanEditorModal } from './PlanEditorModal';

function columns(open: (id: number) => void, withOrg: boolean, deadline: number | null = null): ColumnsType<TrainingPlanSummary> {
  return [
    { title: '年度', dataIndex: 'year', width: 80 },
    ...(withOrg ? [{ title: '填报单位', dataIndex: 'orgName', render: (n: string, p: TrainingPlanSummary) => `${n}（${p.orgKindLabel}）` }] : []),
    { title: '培训项数', dataIndex: 'trainingCount', width: 100 },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 220,
      render: (label: string, p) => (
        <Space size={4}>
          <Tag color={planStatusColor(p.status)}>{label}</Tag>
          {p.isAmendment && p.status === 'pending' && <Tag>变更</Tag>}
        </Space>
      ),
    },
    { title: '当前审核', dataIndex: 'awaiting', width: 200, render: (a: string | null) => a ?? '—' },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 170,
      // A plan waiting for this organisation: updatedAt is when it reached this level.
      render: (t: string, p) => <>{formatDateTime(t)}<OverdueTag since={p.awaitingMe ? t : null} days={deadline} /></>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, p) => (
        <Button size="small" type="link" onClick={() => open(p.id)}>
          {p.awaitingMe ? '审核' : '查看'}
        </Button>
      ),
    },
  ];
}

/** 单位培训计划: the organisation's own plans, the editor, and attendance declarations of approved ones. */
export function TrainingPlansPage() {
  const [year, setYear] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ plan: TrainingPlanDetail | null } | null>(null);
  const [declaring, setDeclaring] = useState<{ plan: TrainingPlanDetail; key: string } | null>(null);
  const list = usePagedList(trainingPlansApi.list, { query: { view: 'mine', year: year ?? undefined } });
  // A plan is the whole organisation's: a 工作部门-scoped admin declares attendance of it but does not file it.
  const files = useSignedIn().workDepartmentScope === null;
  return (
    <Card
      title="单位培训计划"
      extra={
        files && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ plan: null })}>
            填报年度培训计划
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <span>年度</span>
        <InputNumber min={2000} max={2100} value={year} onChange={setYear} placeholder="全部" />
        <span className="muted">计划由主管部门、同级人社部门逐级审核；审核通过后，在计划详情中按培训申报参训学时。</span>
      </Space>
      <PagedTable list={list} unit="个培训计划" emptyText="还没有培训计划" columns={columns(setOpenId, false)} onRow={(p) => ({ onDoubleClick: () => setOpenId(p.id) })} />
      <PlanDrawer id={openId} onClose={() => setOpenId(null)} onEdit={(plan) => setEditing({ plan })} onDeclare={(plan, key) => setDeclaring({ plan, key })} />
      <PlanEditorModal
        open={editing != null}
        plan={editing?.plan ?? null}
        onClose={() => setEditing(null)}
        onSaved={(p) => {
          setEditing(null);
          setOpenId(p.id);
        }}
      />
      {declaring && <AttendanceModal plan={declaring.plan} trainingKey={declaring.key} onClose={() => setDeclaring(null)} />}
    </Card>
  );
}

/** 培训计划审核: plans filed below this organisation; those waiting for its decision first. */
export function TrainingPlanReviewPage() {
  const [awaiting, setAwaiting] = useState<'true' | 'false'>('true');
  const [year, setYear] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const list = usePagedList(trainingPlansApi.list, { query: { view: 'review', awaitingMe: awaiting, year: year ?? undefined } });
  const deadline = useReviewDeadline();
  return (
    <Card title="培训计划审核" extra={<span className="muted">下级单位、主管部门报送的年度培训计划，逐级审核</span>}>
      <Space style={{ marginBottom: 16 }} wrap>
        <Segmented<'true' | 'false'>
          value={awaiting}
          onChange={setAwaiting}
          options={[
            { value: 'true', label: '待本机构审核' },
            { value: 'false', label: '辖区内全部计划' },
          ]}
        />
        <span>年度</span>
        <InputNumber min={2000} max={2100} value={year} onChange={setYear} placeholder="全部" />
      </Space>
      <PagedTable list={list} unit="个培训计划" emptyText={awaiting === 'true' ? '没有待审核的培训计划' : '辖区内没有培训计划'} columns={columns(setOpenId, true, deadline)} />
      <PlanDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
