import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ROLE_LABELS, auditApi } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../../components/PagedTable';
import { isAccountRole } from '../../lib/roles';

interface Filters {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}
interface FilterForm {
  action?: string;
  actor?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const PAGE = 50;

/** 审计日志 (R-33): who did what, where and from which address, in this bureau's subtree. */
export function AuditPage() {
  const [filters, setFilters] = useState<Filters>({});
  const actions = useQuery({
    queryKey: ['admin', 'audit', 'actions'],
    queryFn: () => call(auditApi.actions),
    staleTime: Infinity,
  });

  const log = useInfiniteQuery({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ pageParam }) => call(auditApi.list, { query: { ...filters, before: pageParam, limit: PAGE } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): the organisation sits
  // under the actor instead of in a column of its own.
  const columns: ColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 100, render: formatDateTime },
    {
      title: '操作人 / 机构',
      key: 'actor',
      width: 160,
      render: (_, e) => (
        <>
          <div>
            {e.actorName ?? '—'}
            {e.actorRole && isAccountRole(e.actorRole) && <span className="muted">（{ROLE_LABELS[e.actorRole]}）</span>}
          </div>
          <div className="muted">{e.actorOrgName ?? '—'}</div>
        </>
      ),
    },
    { title: '操作', dataIndex: 'actionLabel', width: 110 },
    {
      title: '对象',
      key: 'object',
      width: 190,
      // Named by the server: organisation names, people with masked ID numbers, declarations by title.
      render: (_, e) => e.objectLabel,
    },
    {
      title: '结果',
      dataIndex: 'result',
      width: 60,
      render: (r: AuditEntry['result']) =>
        r === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>,
    },
    { title: 'IP', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '详情', dataIndex: 'summary', width: 330, render: (v: string) => v || '—' },
  ];

  const onFinish = (v: FilterForm) =>
    setFilters({
      action: v.action || undefined,
      actor: v.actor?.trim() || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });

  return (
    <Card title="审计日志">
      <ChainCheck />
      <Form<FilterForm>
        name="auditFilters"
        layout="inline"
        className="filter-form"
        onFinish={onFinish}
        onReset={() => setFilters({})}
      >
        <Form.Item name="action" label="操作">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部"
            style={{ width: 180 }}
            options={(actions.data?.items ?? []).map((a) => ({ value: a.action, label: a.label }))}
          />
        </Form.Item>
        <Form.Item name="actor" label="操作人">
          <Input allowClear placeholder="姓名" maxLength={50} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button htmlType="reset">重置</Button>
          </Space>
        </Form.Item>
      </Form>
      <PagedTable<AuditEntry>
        list={{ ...log, rows }}
        unit="条"
        emptyText="没有符合条件的日志"
        size="small"
        columns={columns}
        scroll={{ x: 1070 }}
      />
    </Card>
  );
}

/** 审计日志防篡改: the SM3 hash chain of the whole log, checked on demand (province HRSS admins). */
function ChainCheck() {
  const check = useQuery({
    queryKey: ['audit-chain'],
    queryFn: () => call(auditApi.chain),
    enabled: false,
    retry: false,
  });
  const answer = check.data;
  return (
    <div className="audit-chain" style={{ marginBottom: 16 }}>
      <Space wrap>
        <Button onClick={() => void check.refetch()} loading={check.isFetching} data-testid="audit-chain-check">
          校验哈希链（SM3）
        </Button>
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>每条审计记录都带有与前一条相连的 SM3 哈希，任何一条被改动、删除都会被发现。</span>
      </Space>
      {check.isError && <Alert style={{ marginTop: 8 }} type="warning" showIcon message={errorMessage(check.error)} />}
      {answer && !check.isFetching && (
        <Alert
          style={{ marginTop: 8 }}
          data-testid="audit-chain-result"
          type={answer.ok ? 'success' : 'error'}
          showIcon
          message={
            answer.ok
              ? `哈希链完整：已校验 ${answer.checked} 条记录${answer.unchained ? `（另有 ${answer.unchained} 条为启用哈希链之前的记录）` : ''}`
              : `哈希链断裂：第一条异常记录编号 ${answer.brokenId}（${answer.reason}）；此前 ${answer.checked} 条完好`
          }
        />
      )}
    </div>
  );
}
