import { useState } from 'react';
import { Button, Card, Drawer, Form, Grid, Input, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  ORG_KIND_LABELS,
  ORG_KINDS,
  ORG_STATUSES,
  organisationsApi,
  type OrgKind,
  type OrgStatus,
} from '@ce/shared';
import { usePagedList } from '../../api/queries';
import type { OrgSummary } from '../../api/types';
import { PagedTable } from '../../components/PagedTable';
import { RegionCascader } from '../../components/RegionCascader';
import { useSignedIn } from '../../components/RequireAdmin';
import { formatDateTime } from '../../lib/format';
import { orgStatusLabel, STATUS_COLORS } from '../../lib/roles';
import { AdminAccountsPanel } from './AdminAccountsPanel';
import { can } from './access';
import { OrgDetailDrawer } from './OrgDetailDrawer';
import { Stacked } from '../../components/Stacked';

interface Filters {
  q?: string;
  kind?: OrgKind;
  status?: OrgStatus;
  regionCode?: string;
}

/** 机构管理: every organisation below this one, newest first, with keyset "加载更多". */
export function OrganisationsPage() {
  const me = useSignedIn();
  const screens = Grid.useBreakpoint();
  const [filters, setFilters] = useState<Filters>({});
  const [detailId, setDetailId] = useState<number | null>(null);
  const [adminsOf, setAdminsOf] = useState<OrgSummary | null>(null);

  const list = usePagedList(organisationsApi.list, { query: filters });

  // An HRSS bureau's super admin sets up the admins of the bureaus directly below it.
  const managesAdminsOf = (org: OrgSummary) =>
    me.org.kind === 'hrss' &&
    me.isSuperAdmin &&
    org.kind === 'hrss' &&
    org.parentId === me.org.id &&
    org.status === 'active';

  // Any organisation right above resets the super admin's password or second factor (issue 9 item 7).
  const resetsAdminsOf = (org: OrgSummary) =>
    org.parentId === me.org.id && org.status === 'active' && can(me, 'account.reset');

  const columns: ColumnsType<OrgSummary> = [
    // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): secondary facts sit
    // under the key one in the same cell instead of in columns of their own.
    {
      title: '名称 / 统一社会信用代码',
      dataIndex: 'name',
      width: 280,
      ellipsis: true,
      render: (name: string, org) => (
        <>
          <Button type="link" style={{ padding: 0 }} onClick={() => setDetailId(org.id)}>
            {name}
          </Button>
          <div className="muted">{org.creditCode ?? '—'}</div>
        </>
      ),
    },
    {
      title: '类型 / 区划',
      dataIndex: 'kind',
      width: 130,
      render: (k: OrgKind, org) => <Stacked main={ORG_KIND_LABELS[k]} sub={org.regionName} subWraps />,
    },
    {
      title: '上级机构',
      dataIndex: 'parentName',
      width: 240,
      ellipsis: true,
      render: (p: string | null) => p ?? '—',
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: OrgStatus) => <Tag color={STATUS_COLORS[s]}>{orgStatusLabel(s)}</Tag>,
    },
    { title: '注册时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      // 详情 and 管理员 side by side need 118 px with the cell padding.
      width: 130,
      fixed: 'right',
      render: (_, org) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetailId(org.id)}>
            详情
          </Button>
          {(managesAdminsOf(org) || resetsAdminsOf(org)) && (
            <Button type="link" size="small" onClick={() => setAdminsOf(org)}>
              管理员
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title="机构管理">
      <Form<Filters>
        name="orgFilters"
        layout="inline"
        className="filter-form"
        onFinish={(v) => setFilters({ ...v, q: v.q?.trim() || undefined })}
        onReset={() => setFilters({})}
      >
        <Form.Item name="q" label="名称">
          <Input allowClear placeholder="名称关键字" style={{ width: 180 }} maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 130 }}
            options={ORG_STATUSES.map((s) => ({ value: s, label: orgStatusLabel(s) }))}
          />
        </Form.Item>
        <Form.Item name="regionCode" label="区划">
          <RegionCascader style={{ width: 220 }} placeholder="全部" />
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
      <PagedTable<OrgSummary>
        list={list}
        unit="个机构"
        emptyText="没有符合条件的机构"
        columns={columns}
        scroll={{ x: 1030 }}
      />

      <OrgDetailDrawer orgId={detailId} onClose={() => setDetailId(null)} />
      <Drawer
        open={adminsOf !== null}
        onClose={() => setAdminsOf(null)}
        title={`${adminsOf?.name ?? ''} · 管理员`}
        size={screens.lg ? 1000 : '100%'}
        destroyOnHidden
      >
        {adminsOf && <AdminAccountsPanel org={adminsOf} mode={managesAdminsOf(adminsOf) ? 'manage' : 'view'} />}
      </Drawer>
    </Card>
  );
}
