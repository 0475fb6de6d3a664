import { Button, Card, Empty, Grid, Result, Select, Space, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { DECLARATION_STATUSES, DECLARATION_STATUS_LABELS, type DeclarationStatus } from '@ce/shared';
import { errorMessage } from '../../api/client';
import type { DeclarationSummary } from '../../api/types';
import { BaseTag, DeclarationStatusTag, HoursCompare, NOT_FILLED, TransferTag, whereItWaits } from '../../components/DeclarationParts';
import { LinkButton } from '../../components/LinkButton';
import { ProfessionalLayout } from '../../components/ProfessionalLayout';
import { formatDateTime, yearNow } from '../../lib/format';
import { MyPlatformRecords } from './MyPlatformRecords';
import { useDeclarationOptions, useMyDeclarations } from './queries';
import { canRevoke, useDeclarationActions } from './useDeclarationActions';

const isStatus = (v: string | null): v is DeclarationStatus => !!v && (DECLARATION_STATUSES as readonly string[]).includes(v);

/** 申报进度查询 (user manual): 全部 / 待提交 / 待审核 / 审核通过 / 审核不通过, with 详细, 撤销, 修改 and 删除. */
export function MyDeclarationsPage() {
  return (
    <ProfessionalLayout>
      <MyDeclarationsContent />
      <MyPlatformRecords />
    </ProfessionalLayout>
  );
}

function MyDeclarationsContent() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam > 2000 ? yearParam : undefined;
  const options = useDeclarationOptions();
  const currentYear = options.data?.currentYear ?? yearNow();
  const list = useMyDeclarations({ status, year });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const screens = Grid.useBreakpoint();

  const setFilter = (next: { status?: string; year?: number }) => {
    const s = 'status' in next ? next.status : status;
    const y = 'year' in next ? next.year : year;
    const search = new URLSearchParams();
    if (s) search.set('status', s);
    if (y) search.set('year', String(y));
    setParams(search, { replace: true });
  };

  const years = Array.from({ length: 6 }, (_, i) => currentYear - i);

  return (
    <Card
      title="申报进度查询"
      extra={
        <Space wrap>
          <LinkButton to="/me/province-transfers">外省学时转入</LinkButton>
          <LinkButton type="primary" icon={<PlusOutlined />} to="/me/declare">
            学时（分）申报
          </LinkButton>
        </Space>
      }
    >
      <Tabs
        activeKey={status ?? 'all'}
        onChange={(key) => setFilter({ status: key === 'all' ? undefined : key })}
        items={[
          { key: 'all', label: '全部' },
          ...DECLARATION_STATUSES.map((s) => ({ key: s, label: DECLARATION_STATUS_LABELS[s] })),
        ]}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>计入年度</span>
        <Select<number | 'all'>
          value={year ?? 'all'}
          style={{ width: 140 }}
          onChange={(v) => setFilter({ year: v === 'all' ? undefined : v })}
          options={[{ value: 'all' as const, label: '全部年度' }, ...years.map((y) => ({ value: y, label: `${y}年度` }))]}
          aria-label="计入年度"
        />
      </Space>
      {list.isError ? (
        <Result status="error" title="加载失败" subTitle={errorMessage(list.error)} />
      ) : screens.md ? (
        <DeclarationTable rows={rows} loading={list.isPending} />
      ) : (
        <DeclarationCards rows={rows} loading={list.isPending} />
      )}
      {list.hasNextPage && (
        <div className="load-more">
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            加载更多
          </Button>
        </div>
      )}
    </Card>
  );
}

/** 详细 / 撤销 / 修改 / 删除 / 修改后重新提交, as the record's state allows. */
function RowActions({ d }: { d: DeclarationSummary }) {
  const { revoke, remove } = useDeclarationActions();
  return (
    <Space size={4} wrap>
      <LinkButton size="small" type="link" to={`/me/declarations/${d.id}`}>
        详细
      </LinkButton>
      {canRevoke(d) && (
        <Button size="small" type="link" onClick={() => revoke(d)}>
          撤销
        </Button>
      )}
      {d.status === 'draft' && (
        <>
          <LinkButton size="small" type="link" to={`/me/declarations/${d.id}/edit`}>
            修改
          </LinkButton>
          <Button size="small" type="link" danger onClick={() => remove(d)}>
            删除
          </Button>
        </>
      )}
      {d.status === 'rejected' && !d.originProvinceName && !d.batch && (
        <LinkButton size="small" type="link" to={`/me/declarations/${d.id}/edit`}>
          修改后重新提交
        </LinkButton>
      )}
    </Space>
  );
}

const progressText = (d: DeclarationSummary) =>
  whereItWaits(d) ??
  (d.status === 'rejected' && d.rejectReason
    ? `原因：${d.rejectReason}`
    : d.status === 'revoked' && d.revokeReason
      ? `原因：${d.revokeReason}`
      : null);

function DeclarationTable({ rows, loading }: { rows: DeclarationSummary[]; loading: boolean }) {
  const columns: ColumnsType<DeclarationSummary> = [
    // 学习内容 has a width of its own (it was squeezed to 3–4 characters) and wraps to two lines,
    // in full on hover; the columns add up to what fits at 1366 px.
    { title: '年度', dataIndex: 'year', width: 60 },
    // A draft may leave them empty (保存暂不提交).
    { title: '科目', key: 'subject', width: 80, render: (_, d) => d.subjectLabel ?? <span className="muted">{NOT_FILLED}</span> },
    { title: '学习形式', key: 'form', width: 110, render: (_, d) => d.formLabel ?? <span className="muted">{NOT_FILLED}</span> },
    {
      title: '学习内容',
      key: 'title',
      width: 230,
      render: (_, d) => (
        <>
          <div className="cell-clamp-2" title={d.title}>
            {d.title || <span className="muted">（未填写学习内容）</span>}
          </div>
          <TransferTag d={d} />
          <BaseTag d={d} />
        </>
      ),
    },
    { title: '学时', key: 'hours', width: 120, render: (_, d) => <HoursCompare d={d} compact /> },
    {
      title: '状态',
      key: 'status',
      width: 160,
      render: (_, d) => (
        <>
          <DeclarationStatusTag d={d} />
          {progressText(d) && <div className="muted">{progressText(d)}</div>}
        </>
      ),
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 100, render: formatDateTime },
    { title: '操作', key: 'actions', width: 140, render: (_, d) => <RowActions d={d} /> },
  ];
  return (
    <Table<DeclarationSummary>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: '暂无申报记录' }}
    />
  );
}

/** On a phone: one card per declaration. */
function DeclarationCards({ rows, loading }: { rows: DeclarationSummary[]; loading: boolean }) {
  if (loading) return <Card loading />;
  if (rows.length === 0) return <Empty description="暂无申报记录" />;
  return (
    <div className="decl-card-list">
      {rows.map((d) => (
        <Card key={d.id} size="small" data-testid="declaration-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <div className="decl-card-title">{d.title || <span className="muted">（未填写学习内容）</span>}</div>
            <DeclarationStatusTag d={d} />
          </div>
          <div className="decl-card-meta">
            <BaseTag d={d} />
            {[`${d.year}年度`, d.subjectLabel, d.formLabel].filter(Boolean).join(' · ')}
          </div>
          <HoursCompare d={d} compact />
          {progressText(d) && <div className="decl-card-meta">{progressText(d)}</div>}
          <div className="decl-actions">
            <RowActions d={d} />
          </div>
        </Card>
      ))}
    </div>
  );
}
