import type { ReactNode } from 'react';
import { Alert, Descriptions, Drawer, Empty, Grid, List, Result, Skeleton, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { GENDER_LABELS } from '@ce/shared';
import { api, errorMessage } from '../../api/client';
import type { ProfessionalDetail } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import {
  CHANGE_STATUS_COLORS,
  changedPairs,
  TRANSFER_STATUS_COLORS,
  titleText,
} from '../../lib/professionals';
import { STATUS_COLORS } from '../../lib/roles';

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
    queryFn: () => api.get<ProfessionalDetail>(`/api/admin/professionals/${accountId}`),
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
        d && <DetailBody d={d} />
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
