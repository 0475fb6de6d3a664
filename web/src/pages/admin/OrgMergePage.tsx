import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ORG_KIND_LABELS, organisationChangesApi as orgChanges, organisationsApi } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import type { OrgSummary } from '../../api/types';
import type { OrgMergeDone } from './orgChanges';

/** Picks an organisation of the admin's subtree by name (GET /api/admin/organisations?q=). */
function SubtreeOrgSelect({ value, onChange, placeholder }: { value?: number; onChange: (id?: number) => void; placeholder: string }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<OrgSummary>();
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useQuery({
    queryKey: ['admin', 'merge-org-search', q],
    queryFn: () => call(organisationsApi.list, { query: { q, status: 'active', limit: 30 } }),
    enabled: q.length > 0,
  });
  const items = [...(search.data?.items ?? []), ...(picked && !search.data?.items.some((o) => o.id === picked.id) ? [picked] : [])].filter(
    (o) => o.kind !== 'hrss',
  );
  return (
    <Select<number>
      style={{ width: '100%' }}
      value={value}
      placeholder={placeholder}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={q ? (search.isFetching ? '查询中…' : '没有找到该名称的单位') : '输入单位名称关键字'}
      options={items.map((o) => ({
        value: o.id,
        label: `${o.name}（${ORG_KIND_LABELS[o.kind]}，${o.creditCode ?? '无代码'}，上级：${o.parentName ?? '—'}）`,
        org: o,
      }))}
      onChange={(v, option) => {
        setPicked(option && !Array.isArray(option) ? (option as { org?: OrgSummary }).org : undefined);
        onChange(v ?? undefined);
      }}
    />
  );
}

/**
 * 单位合并 (机构改革, R-11): a province operator merges one organisation into another. The preview
 * says what moves and why it cannot happen yet (anything pending of either); the merged one is archived.
 */
export function OrgMergePage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [fromOrgId, setFrom] = useState<number>();
  const [intoOrgId, setInto] = useState<number>();
  const [confirmName, setConfirmName] = useState('');
  const [done, setDone] = useState<OrgMergeDone | null>(null);
  const preview = useQuery({
    queryKey: ['admin', 'merge-preview', fromOrgId, intoOrgId],
    queryFn: () => call(orgChanges.mergePreview, { query: { fromOrgId, intoOrgId } }),
    enabled: !!fromOrgId && !!intoOrgId,
  });
  const merge = useMutation({
    mutationFn: (ids: { fromOrgId: number; intoOrgId: number }) => call(orgChanges.merge, { body: { ...ids, confirmName } }),
    onSuccess: (res) => {
      setDone(res);
      void message.success('单位合并已完成');
      setFrom(undefined);
      setInto(undefined);
      setConfirmName('');
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  const p = preview.data;
  const ready = !!p && p.blockers.length === 0 && confirmName.trim() === p.from.name;
  return (
    <Card title="单位合并">
      <Typography.Paragraph type="secondary">
        因机构改革合并单位：被合并单位的专业技术人员、学时记录、工作部门、管理员及下级机构全部并入保留单位，被合并单位归档（不删除）。两个单位及其人员有待审核事项时不能合并。
      </Typography.Paragraph>
      {done && <Alert type="success" showIcon closable style={{ marginBottom: 16 }} message={done.message} onClose={() => setDone(null)} />}
      <Form layout="vertical" style={{ maxWidth: 760 }}>
        <Form.Item label="被合并的单位（合并后归档）" required>
          <SubtreeOrgSelect value={fromOrgId} onChange={setFrom} placeholder="输入单位名称搜索" />
        </Form.Item>
        <Form.Item label="合并后保留的单位" required>
          <SubtreeOrgSelect value={intoOrgId} onChange={setInto} placeholder="输入单位名称搜索" />
        </Form.Item>
      </Form>
      {preview.isError && <Alert type="error" showIcon message={errorMessage(preview.error)} />}
      {p && (
        <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 760 }}>
          <Descriptions
            bordered
            size="small"
            column={1}
            title="将迁移的内容"
            items={[
              { key: 'from', label: '被合并单位', children: `${p.from.name}（${ORG_KIND_LABELS[p.from.kind]}，${p.from.creditCode ?? '无代码'}）` },
              { key: 'into', label: '保留单位', children: `${p.into.name}（${ORG_KIND_LABELS[p.into.kind]}，${p.into.creditCode ?? '无代码'}）` },
              { key: 'people', label: '专业技术人员', children: `${p.professionals} 人` },
              { key: 'admins', label: '管理员', children: `${p.admins} 人（并入后为普通管理员，保留单位的超级管理员不变）` },
              { key: 'children', label: '下级机构', children: `${p.childOrganisations} 个` },
              { key: 'depts', label: '工作部门', children: `${p.workDepartments} 个（同名部门合并为一个）` },
              { key: 'records', label: '学时记录', children: `${p.declarations} 条` },
            ]}
          />
          {p.blockers.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              message="暂不能合并，请先处理以下事项"
              description={<List size="small" dataSource={p.blockers} renderItem={(b) => <List.Item>{b}</List.Item>} />}
            />
          ) : (
            <Form layout="vertical">
              <Form.Item label={`请输入被合并单位的名称“${p.from.name}”以确认`} required>
                <Input value={confirmName} onChange={(e) => setConfirmName(e.target.value)} />
              </Form.Item>
              <Button
                type="primary"
                danger
                disabled={!ready}
                loading={merge.isPending}
                onClick={() =>
                  modal.confirm({
                    title: '确认合并',
                    content: `将“${p.from.name}”合并至“${p.into.name}”，此操作不可撤销。`,
                    okText: '合并',
                    okButtonProps: { danger: true },
                    onOk: () => merge.mutateAsync({ fromOrgId: p.from.id, intoOrgId: p.into.id }).catch(() => undefined),
                  })
                }
              >
                合并
              </Button>
            </Form>
          )}
          {merge.isError && <Alert type="error" showIcon message={errorMessage(merge.error)} />}
        </Space>
      )}
    </Card>
  );
}
