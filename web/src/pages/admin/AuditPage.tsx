import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ROLE_LABELS } from '@ce/shared';
import { api, errorMessage, queryString } from '../../api/client';
import type { AuditEntry, AuditList } from '../../api/types';
import { formatDateTime } from '../../lib/format';
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

const OBJECT_TYPES: Record<string, string> = {
  organisation: '机构',
  account: '账号',
  person: '人员',
  adminRole: '角色',
  workDepartment: '工作部门',
};
const DETAIL_LABELS: Record<string, string> = {
  name: '名称',
  kind: '类型',
  parent: '上级',
  reason: '原因',
  role: '角色',
  org: '机构',
  superAdmin: '超级管理员',
  channel: '发送方式',
  permissions: '权限',
  adminRoleId: '角色编号',
  workDepartmentIds: '工作部门编号',
};
/** Failure reasons the server records for logins (error codes). */
const REASONS: Record<string, string> = {
  ACCOUNT_NOT_FOUND: '账号不存在',
  ROLE_NOT_REGISTERED: '登录角色未注册',
  WRONG_PASSWORD: '密码错误',
  CAPTCHA_INVALID: '验证码错误',
  ACCOUNT_PENDING: '账号审核中',
  ACCOUNT_LOCKED: '账号已锁定',
  ACCOUNT_DISABLED: '账号已注销',
};
const CHANNELS: Record<string, string> = { sms: '短信', email: '电子邮件' };

function detailText(detail: AuditEntry['detail']): string {
  if (!detail) return '—';
  return Object.entries(detail)
    .map(([k, v]) => {
      let value: string;
      if (k === 'role' && typeof v === 'string' && isAccountRole(v)) value = ROLE_LABELS[v];
      else if (k === 'reason' && typeof v === 'string' && REASONS[v]) value = REASONS[v];
      else if (k === 'channel' && typeof v === 'string' && CHANNELS[v]) value = CHANNELS[v];
      else if (typeof v === 'boolean') value = v ? '是' : '否';
      else if (Array.isArray(v)) value = v.join('、');
      else value = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
      return `${DETAIL_LABELS[k] ?? k}：${value}`;
    })
    .join('；');
}

/** 审计日志 (R-33): who did what, where and from which address, in this bureau's subtree. */
export function AuditPage() {
  const [filters, setFilters] = useState<Filters>({});
  const actions = useQuery({
    queryKey: ['admin', 'audit', 'actions'],
    queryFn: () => api.get<{ items: { action: string; label: string }[] }>('/api/admin/audit/actions'),
    staleTime: Infinity,
  });

  const log = useInfiniteQuery({
    queryKey: ['admin', 'audit', filters],
    queryFn: async ({ pageParam }) => {
      return api.get<AuditList>(`/api/admin/audit${queryString({ ...filters, before: pageParam, limit: PAGE })}`);
    },
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 140, render: formatDateTime },
    {
      title: '操作人',
      key: 'actor',
      width: 110,
      render: (_, e) => (
        <span>
          {e.actorName ?? '—'}
          {e.actorRole && isAccountRole(e.actorRole) && (
            <div className="muted">{ROLE_LABELS[e.actorRole]}</div>
          )}
        </span>
      ),
    },
    {
      title: '机构',
      dataIndex: 'actorOrgName',
      width: 180,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    { title: '操作', dataIndex: 'actionLabel', width: 120 },
    {
      title: '对象',
      key: 'object',
      width: 190,
      render: (_, e) => `${OBJECT_TYPES[e.objectType] ?? e.objectType}${e.objectId ? ` ${e.objectId}` : ''}`,
    },
    {
      title: '结果',
      dataIndex: 'result',
      width: 80,
      render: (r: AuditEntry['result']) =>
        r === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>,
    },
    { title: 'IP', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '详情', dataIndex: 'detail', width: 260, render: detailText },
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
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={log.isPending}
        pagination={false}
        scroll={{ x: 1210 }}
        locale={{ emptyText: log.isError ? errorMessage(log.error) : '没有符合条件的日志' }}
      />
      <div className="load-more">
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            加载更多
          </Button>
        ) : rows.length > 0 ? (
          <span className="muted">已显示全部 {rows.length} 条</span>
        ) : null}
      </div>
    </Card>
  );
}
