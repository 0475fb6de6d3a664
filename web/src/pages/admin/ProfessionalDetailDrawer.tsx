import type { ReactNode } from 'react';
import { Alert, Descriptions, Drawer, Empty, Grid, List, Result, Skeleton, Table, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { type DeclarationSummary, formatHours, GENDER_LABELS, peopleApi, professionalsApi } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import { useEndpoint } from '../../api/queries';
import { CompletionBasis, CompletionTable } from '../../components/CompletionTable';
import { useSignedIn } from '../../components/RequireAdmin';
import type { ProfessionalDetail } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import {
  CHANGE_STATUS_COLORS,
  changedPairs,
  TRANSFER_STATUS_COLORS,
  titleText,
} from '../../lib/professionals';
import { STATUS_COLORS } from '../../lib/roles';
import { can } from './access';
import { MergedPrint, PrintYearButton } from './CertificatePrinting';

export const professionalDetailKey = (id: number | null) => ['admin', 'professional', id] as const;

/** Everything about one professional an admin may see (GET /api/admin/professionals/:id). */
export function ProfessionalDetailDrawer({
  accountId,
  onClose,
  footer,
}: {
  accountId: number | null;
  onClose: () => void;
  footer?: (d: ProfessionalDetail) => ReactNode;
}) {
  const detail = useQuery({
    queryKey: professionalDetailKey(accountId),
    queryFn: () => call(professionalsApi.detail, { params: { id: accountId! } }),
    enabled: accountId !== null,
  });
  const d = detail.data;
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={accountId !== null}
      onClose={onClose}
      title={d ? `${d.name}（${d.statusLabel}）` : '人员详情'}
      size={screens.md ? 640 : '100%'}
      footer={d && footer ? footer(d) : undefined}
      destroyOnHidden
    >
      {detail.isPending ? (
        <Skeleton active />
      ) : detail.isError ? (
        <Result status="warning" title={errorMessage(detail.error)} />
      ) : (
        d && (
          <Tabs
            items={[
              { key: 'profile', label: '基本信息', children: <DetailBody d={d} /> },
              ...(d.status === 'pending'
                ? []
                : [{ key: 'record', label: '年度完成情况与申报记录', children: <RecordTab d={d} /> }]),
            ]}
          />
        )
      )}
    </Drawer>
  );
}

function DetailBody({ d }: { d: ProfessionalDetail }) {
  return (
    <>
      {!d.fullIdentity && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="完整身份证号和手机号仅该人员所在单位的管理员可见"
        />
      )}
      {d.status === 'archived' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已注销归档${d.archivedAt ? `（${formatDateTime(d.archivedAt)}）` : ''}`}
          description={
            d.archiveReason ? `原因：${d.archiveReason}。学时记录与证书均保留。` : '学时记录与证书均保留。'
          }
        />
      )}
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'name', label: '姓名', children: d.name },
          { key: 'id', label: '身份证号', children: d.idNumber },
          { key: 'gender', label: '性别', children: GENDER_LABELS[d.gender] },
          { key: 'birth', label: '出生日期', children: d.birthDate },
          { key: 'phone', label: '手机', children: d.phone ?? '—' },
          { key: 'email', label: '邮箱', children: d.email ?? '—' },
          { key: 'unit', label: '所在单位', children: d.unit.name },
          { key: 'wd', label: '工作部门', children: d.workDepartment?.name ?? '—' },
          { key: 'ethnicity', label: '民族', children: d.ethnicity ?? '—' },
          { key: 'native', label: '籍贯', children: d.nativePlace ?? '—' },
          { key: 'school', label: '毕业院校', children: d.graduatedSchool ?? '—' },
          { key: 'major', label: '所学专业', children: d.major },
          { key: 'title', label: '专业技术职务', children: titleText(d.titleSeries, d.titleLevel) },
          { key: 'cert', label: '证书管理号', children: d.certNo },
          {
            key: 'status',
            label: '账号状态',
            children: <Tag color={STATUS_COLORS[d.status]}>{d.statusLabel}</Tag>,
          },
          { key: 'registered', label: '注册时间', children: formatDateTime(d.registeredAt) },
        ]}
      />
      {d.status !== 'pending' && <History d={d} />}
    </>
  );
}

/** Change requests and transfers of an approved (or archived) person. */
function History({ d }: { d: ProfessionalDetail }) {
  return (
    <>
      <h4 style={{ margin: '20px 0 8px' }}>变更记录</h4>
      {d.changeRequests.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变更记录" />
      ) : (
        <List
          size="small"
          bordered
          dataSource={d.changeRequests}
          renderItem={(r) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <div>
                  {r.kindLabel} <Tag color={CHANGE_STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
                  <span className="muted">{formatDateTime(r.submittedAt)}</span>
                </div>
                {changedPairs(r.before, r.after).map((c) => (
                  <div key={c.key}>
                    {c.label}：{c.before} → {c.after}
                  </div>
                ))}
                {r.rejectReason && <div className="muted">不通过原因：{r.rejectReason}</div>}
              </div>
            </List.Item>
          )}
        />
      )}
      <h4 style={{ margin: '20px 0 8px' }}>单位调转记录</h4>
      {d.transfers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无调转记录" />
      ) : (
        <List
          size="small"
          bordered
          dataSource={d.transfers}
          renderItem={(t) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <div>
                  {t.from.name} → {t.to.name}{' '}
                  <Tag color={TRANSFER_STATUS_COLORS[t.status]}>{t.statusLabel}</Tag>
                </div>
                <div className="muted">
                  {t.initiatedBy === 'unit' ? '原单位发起（人员调出）' : '本人申请'} ·{' '}
                  {formatDateTime(t.createdAt)}
                </div>
                {t.rejectReason && (
                  <div className="muted">
                    {t.rejectedBy ?? ''}不同意：{t.rejectReason}
                  </div>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </>
  );
}

const DECLARATION_COLUMNS = [
  { title: '年度', dataIndex: 'year', width: 60 },
  { title: '学习形式', dataIndex: 'formLabel', width: 110 },
  { title: '学习内容', dataIndex: 'title', width: 180 },
  { title: '学时', dataIndex: 'claimedHours', width: 60, render: (h: number) => formatHours(h) },
  {
    title: '状态',
    dataIndex: 'statusLabel',
    width: 110,
    render: (label: string, r: DeclarationSummary) => (
      <>
        {label}
        {r.rejectReason && <div className="muted">原因：{r.rejectReason}</div>}
      </>
    ),
  },
  { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: formatDateTime },
];

/** The person's 年度完成情况 (with printing for admins who query certificates) and declarations (issue 8 items 3, 4). */
function RecordTab({ d }: { d: ProfessionalDetail }) {
  const me = useSignedIn();
  const record = useEndpoint(peopleApi.record, { params: { id: d.accountId } });
  if (record.isPending) return <Skeleton active />;
  if (record.isError) return <Result status="warning" title={errorMessage(record.error)} />;
  const { years, declarations } = record.data;
  const mayPrint = can(me, 'certificate.query');
  const printable = years.filter((y) => y.certificate.printable).map((y) => y.year);
  return (
    <>
      <h4 style={{ margin: '0 0 8px' }}>年度完成情况</h4>
      {years.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无年度学时记录" />
      ) : (
        <>
          <CompletionTable
            size="small"
            years={years}
            actions={
              mayPrint
                ? (y) =>
                    y.certificate.printable ? (
                      <PrintYearButton certNo={d.certNo} name={d.name} year={y.year} label="打印" />
                    ) : (
                      // The reason on hover keeps the column narrow enough for the drawer.
                      <span className="muted" title={y.certificate.notPrintableReason ?? undefined}>
                        不可打印
                      </span>
                    )
                : undefined
            }
          />
          <CompletionBasis years={years} />
          {mayPrint && <MergedPrint certNo={d.certNo} name={d.name} years={printable} />}
        </>
      )}
      <h4 style={{ margin: '20px 0 8px' }}>学时申报记录</h4>
      <Table<DeclarationSummary>
        rowKey="id"
        size="small"
        columns={DECLARATION_COLUMNS}
        dataSource={declarations}
        pagination={declarations.length > 10 ? { pageSize: 10, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无已提交的学时申报' }}
      />
    </>
  );
}
