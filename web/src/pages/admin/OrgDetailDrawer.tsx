import type { ReactNode } from 'react';
import { Descriptions, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ORG_KIND_LABELS, organisationsApi } from '@ce/shared';
import { call } from '../../api/client';
import { DetailDrawer } from '../../components/DetailDrawer';
import type { OrgDetail } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { orgStatusLabel, STATUS_COLORS } from '../../lib/roles';

export const orgDetailKey = (id: number) => ['admin', 'organisation', id] as const;

/** Every field of one organisation (GET /api/admin/organisations/:id); the registrant comes masked. */
export function OrgDetailDrawer({
  orgId,
  onClose,
  footer,
}: {
  orgId: number | null;
  onClose: () => void;
  /** Actions under the details, e.g. approve / reject. */
  footer?: (org: OrgDetail) => ReactNode;
}) {
  const detail = useQuery({
    queryKey: orgDetailKey(orgId ?? 0),
    queryFn: () => call(organisationsApi.detail, { params: { id: orgId ?? 0 } }),
    enabled: orgId !== null,
  });
  return (
    <DetailDrawer open={orgId !== null} onClose={onClose} title="机构详情" query={detail} footer={footer}>
      {(org) => (
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'name', label: '名称', children: org.name },
              {
                key: 'kind',
                label: '类型',
                children: ORG_KIND_LABELS[org.kind] + (org.noDepartment ? '（无主管部门）' : ''),
              },
              {
                key: 'status',
                label: '状态',
                children: <Tag color={STATUS_COLORS[org.status]}>{orgStatusLabel(org.status)}</Tag>,
              },
              { key: 'credit', label: '统一社会信用代码', children: org.creditCode ?? '—' },
              { key: 'region', label: '所属区划', children: org.regionName },
              { key: 'parent', label: '上级机构', children: org.parentName ?? '—' },
              { key: 'nature', label: '单位性质', children: org.nature ?? '—' },
              { key: 'level', label: '单位级别', children: org.level ?? '—' },
              { key: 'industry', label: '行业类别', children: org.industry ?? '—' },
              { key: 'address', label: '地址', children: org.address ?? '—' },
              { key: 'contact', label: '联系人', children: org.contactName ?? '—' },
              { key: 'phone', label: '联系电话', children: org.contactPhone ?? '—' },
              {
                key: 'registrant',
                label: '注册人',
                children: org.registrant
                  ? `${org.registrant.name}（${org.registrant.idNumberMasked}${org.registrant.phoneMasked ? `，${org.registrant.phoneMasked}` : ''}）`
                  : '—',
              },
              { key: 'children', label: '下级机构数', children: org.childCount },
              { key: 'created', label: '提交时间', children: formatDateTime(org.createdAt) },
              { key: 'reviewed', label: '审核时间', children: formatDateTime(org.reviewedAt) },
              ...(org.rejectReason
                ? [{ key: 'reason', label: '不通过原因', children: org.rejectReason }]
                : []),
            ]}
          />
      )}
    </DetailDrawer>
  );
}
