import { useState } from 'react';
import { App, Button, Card, Select, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { ORG_KIND_LABELS, organisationsApi, type OrgKind } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import { usePagedList } from '../../api/queries';
import { BatchResultModal } from '../../components/BatchResultModal';
import { PagedTable } from '../../components/PagedTable';
import type { OrgSummary } from '../../api/types';
import { OrgDetailDrawer } from './OrgDetailDrawer';
import { submittedColumn, useReviewDeadline } from '../../components/Overdue';
import { ReviewActions, ReviewRowActions } from '../../components/ReviewDrawer';
import { useReviewDecision, type ReviewDecision } from './reviewDecision';

const PAGE = 50;

interface BatchResult {
  org: OrgSummary;
  ok: boolean;
  message: string;
}

function decide(org: OrgSummary, d: ReviewDecision) {
  const params = { id: org.id };
  return d.approve
    ? call(organisationsApi.approveRegistration, { params, body: { version: org.version } })
    : call(organisationsApi.rejectRegistration, { params, body: { version: org.version, reason: d.reason } });
}

/** 注册审核: the registrations waiting for this organisation's decision, one by one or several at once. */
export function RegistrationsPage() {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<OrgKind>();
  const [selected, setSelected] = useState<number[]>([]);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [batch, setBatch] = useState<{ running: boolean; results: BatchResult[] } | null>(null);

  const pending = usePagedList(organisationsApi.pendingRegistrations, { query: { kind } }, { limit: PAGE });
  const rows = pending.rows;

  const refresh = () => {
    setSelected([]);
    void queryClient.invalidateQueries({ queryKey: ['admin'] });
  };

  const review = useReviewDecision({
    decide,
    decided: (org, approved) => (approved ? `已通过“${org.name}”的注册` : `已驳回“${org.name}”的注册`),
    confirm: (org) => ({
      title: '通过注册申请',
      content: `确认通过“${org.name}”（${ORG_KIND_LABELS[org.kind]}）的注册申请？通过后其管理员即可登录。`,
      okText: '通过',
    }),
    refusal: (org) => ({
      title: '不通过注册申请',
      intro: `“${org.name}”的注册申请将被驳回，申请人可在注册审核进度查询中看到原因并重新注册。`,
      placeholder: '例如：所选上级单位有误，请重新选择后注册',
    }),
    onDecided: () => {
      setDetailId(null);
      setSelected([]);
    },
    onGone: () => setSelected([]),
  });

  const approveSelected = () => {
    const orgs = rows.filter((r) => selected.includes(r.id));
    modal.confirm({
      title: '批量通过',
      content: `确认通过选中的 ${orgs.length} 个注册申请？将逐个提交审核结果。`,
      okText: '全部通过',
      onOk: async () => {
        setBatch({ running: true, results: [] });
        const results: BatchResult[] = [];
        for (const org of orgs) {
          try {
            await decide(org, { approve: true });
            results.push({ org, ok: true, message: '已通过' });
          } catch (err) {
            results.push({ org, ok: false, message: errorMessage(err) });
          }
          setBatch({ running: true, results: [...results] });
        }
        setBatch({ running: false, results });
        refresh();
      },
    });
  };

  const deadline = useReviewDeadline();
  const columns: ColumnsType<OrgSummary> = [
    {
      title: '名称',
      dataIndex: 'name',
      width: 240,
      ellipsis: true,
      render: (name: string, org) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setDetailId(org.id)}>
          {name}
        </Button>
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 130,
      render: (k: OrgKind, org) => ORG_KIND_LABELS[k] + (org.noDepartment ? '（无主管部门）' : ''),
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      width: 190,
      render: (c: string | null) => c ?? '—',
    },
    { title: '区划', dataIndex: 'regionName', width: 140 },
    submittedColumn({ dataIndex: 'createdAt', width: 150, deadline }),
    {
      title: '操作',
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_, org) => (
        <ReviewRowActions
          onDetail={() => setDetailId(org.id)}
          onApprove={() => review.approve(org)}
          onReject={() => review.reject(org)}
        />
      ),
    },
  ];

  return (
    <Card
      title="注册审核"
      extra={<span className="muted">下级机构提交的注册申请，由本机构管理员人工审核</span>}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<OrgKind>
          allowClear
          placeholder="全部类型"
          style={{ width: 160 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setSelected([]);
          }}
          options={(['department', 'unit', 'base', 'hrss'] as const).map((k) => ({
            value: k,
            label: ORG_KIND_LABELS[k],
          }))}
        />
        <Button type="primary" disabled={selected.length === 0} onClick={approveSelected}>
          批量通过{selected.length ? `（${selected.length}）` : ''}
        </Button>
        <Button onClick={() => void pending.refetch()}>刷新</Button>
      </Space>
      <PagedTable<OrgSummary>
        list={pending}
        unit="个注册申请"
        emptyText="暂无待审核的注册申请"
        columns={columns}
        scroll={{ x: 1070 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
      />

      <OrgDetailDrawer
        orgId={detailId}
        onClose={() => setDetailId(null)}
        footer={(org) => {
          const item =
            org.status === 'pending' && org.parentId !== null ? rows.find((r) => r.id === org.id) : undefined;
          return item ? (
            <ReviewActions onApprove={() => review.approve(item)} onReject={() => review.reject(item)} />
          ) : null;
        }}
      />

      {review.reasonModal}

      <BatchResultModal
        open={batch !== null}
        running={batch?.running}
        rows={(batch?.results ?? []).map((r) => ({ key: r.org.id, label: r.org.name, ok: r.ok, message: r.message }))}
        measure="个"
        onClose={() => setBatch(null)}
      />
    </Card>
  );
}
