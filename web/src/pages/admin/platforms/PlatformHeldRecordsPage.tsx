import { useState } from 'react';
import { App, Button, Card, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { learningPlatformsApi as api, type PlatformRecordItem } from '@ce/shared';
import { call, errorMessage } from '../../../api/client';
import { usePagedList } from '../../../api/queries';
import { formatDateTime } from '../../../lib/format';
import { ReasonModal } from '../ReasonModal';
import { PagedTable } from '../../../components/PagedTable';
import { personColumn, Stacked } from '../../../components/Stacked';

const STATUS_COLORS = { held: 'gold', accepted: 'green', refused: 'red' } as const;

/**
 * 平台学时暂存审核 (HRSS bureau): records the bases' learning platforms reported that were held —
 * with the reason and the anomaly flags next to each — released (registered, counted) or refused.
 */
export function PlatformHeldRecordsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<PlatformRecordItem['status']>('held');
  const list = usePagedList(api.heldRecords, { query: { status } });
  const [refusing, setRefusing] = useState<PlatformRecordItem | null>(null);
  const decide = useMutation({
    mutationFn: (v: { r: PlatformRecordItem; decision: 'release' | 'refuse'; reason?: string }) =>
      call(api.decideRecord, { params: { id: v.r.id }, body: { decision: v.decision, reason: v.reason, version: v.r.version } }),
    onSuccess: (r) => {
      setRefusing(null);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'platform-records'] });
      void message.success(r.status === 'accepted' ? '已放行，学时已登记' : '已不予登记');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const columns: ColumnsType<PlatformRecordItem> = [
    // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): secondary facts sit
    // under the key one in the same cell instead of in columns of their own.
    personColumn((r) => r, 150),
    {
      title: '单位 / 学习平台',
      dataIndex: 'unitName',
      width: 140,
      render: (n: string | null, r) => <Stacked main={n ?? '—'} sub={r.platformName} subWraps />,
    },
    { title: '课程', key: 'course', width: 180, render: (_, r) => <><div>{r.courseTitle}</div><Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>{r.subjectLabel}{r.series ? `·${r.series}` : ''} · {r.courseId}</Typography.Text></> },
    {
      title: '学时 / 学习时间',
      key: 'time',
      width: 130,
      render: (_, r) => (
        <>
          <div>{r.hours} 学时</div>
          <div className="muted">
            {formatDateTime(r.startedAt)}
            <br />至 {formatDateTime(r.finishedAt)}
          </div>
        </>
      ),
    },
    {
      title: '暂存原因与异常标记',
      key: 'reason',
      width: 230,
      render: (_, r) => (
        <>
          {r.flags.length > 0 && (
            <Space size={4} wrap style={{ marginBottom: 4 }}>
              {r.flags.map((f) => (
                <Tooltip key={f.code} title={f.message}>
                  <Tag color="volcano">{f.label}</Tag>
                </Tooltip>
              ))}
            </Space>
          )}
          <div>{r.reason ?? '—'}</div>
        </>
      ),
    },
    { title: '状态', dataIndex: 'statusLabel', width: 92, render: (l: string, r) => <Tag color={STATUS_COLORS[r.status]}>{l}</Tag> },
    {
      title: '操作',
      key: 'actions',
      // 放行 and 不予登记 side by side need 136 px with the cell padding.
      width: 140,
      fixed: 'right',
      render: (_, r) =>
        r.status === 'held' ? (
          <Space size={4}>
            <Popconfirm title="放行后登记并计入该人员学时，确定？" onConfirm={() => decide.mutate({ r, decision: 'release' })}>
              <Button size="small" type="primary">放行</Button>
            </Popconfirm>
            <Button size="small" danger onClick={() => setRefusing(r)}>不予登记</Button>
          </Space>
        ) : (
          formatDateTime(r.decidedAt)
        ),
    },
  ];
  return (
    <Card
      title="平台学时暂存审核"
      extra={
        <Select
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'held', label: '暂存待审核' },
            { value: 'accepted', label: '已登记' },
            { value: 'refused', label: '未登记' },
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        辖区内学习平台报送后暂存、未计入学时的记录：查无此人、姓名与身份证号不一致、课程专业与职称系列不一致，或触发异常检查
        （单日学时超限、学习时间重叠、超过课程时长、重复报送、完成速度异常）。核实后放行（登记并计入学时）或不予登记。
      </Typography.Paragraph>
      <PagedTable list={list} unit="条记录" emptyText="暂无记录" columns={columns} scroll={{ x: 1062 }} />
      <ReasonModal
        open={refusing !== null}
        title={`不予登记：${refusing?.name ?? ''} ${refusing?.courseTitle ?? ''}`}
        label="不予登记原因"
        okText="确认不予登记"
        loading={decide.isPending}
        onCancel={() => setRefusing(null)}
        onSubmit={(reason) => refusing && decide.mutate({ r: refusing, decision: 'refuse', reason })}
      />
    </Card>
  );
}
