import type { ReactNode } from 'react';
import { Alert, Drawer, Grid, Result, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import type { DeclarationDetail } from '../../api/types';
import {
  DeclarationFacts,
  DeclarationHistory,
  DeclarationStatusTag,
  EvidenceNeeded,
  EvidenceViewer,
  ReviewChain,
  whereItWaits,
} from '../../components/DeclarationParts';
import { adminAttachmentUrl } from '../declarations/queries';

export const adminDeclarationKey = (id: number | null) => ['admin', 'declaration', id] as const;

/** One declaration as a reviewer sees it: facts, standard vs claimed, evidence inline, chain and history. */
export function DeclarationDetailDrawer({
  id,
  onClose,
  footer,
}: {
  id: number | null;
  onClose: () => void;
  footer?: (d: DeclarationDetail) => ReactNode;
}) {
  const detail = useQuery({
    queryKey: adminDeclarationKey(id),
    queryFn: () => api.get<DeclarationDetail>(`/api/admin/declarations/${id}`),
    enabled: id !== null,
  });
  const d = detail.data;
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={
        d ? (
          <span>
            {d.person.name}：{d.title} <DeclarationStatusTag d={d} />
          </span>
        ) : (
          '申报详情'
        )
      }
      size={screens.lg ? 860 : '100%'}
      footer={d && footer ? footer(d) : undefined}
      destroyOnHidden
    >
      {detail.isPending ? (
        <Skeleton active />
      ) : detail.isError ? (
        <Result status="warning" title={errorMessage(detail.error)} />
      ) : (
        d && (
          <>
            {whereItWaits(d) && <Alert type="info" showIcon title={whereItWaits(d)} style={{ marginBottom: 12 }} />}
            {d.overStandardBy != null && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={`申报学时 ${d.claimedHours}，标准学时 ${d.standardHours}，超出标准 ${d.overStandardBy} 学时`}
                description="请核对证明材料；超出标准的申报可驳回并说明原因。"
              />
            )}
            {d.status === 'rejected' && d.rejectReason && (
              <Alert type="error" showIcon title={`审核不通过：${d.rejectReason}`} style={{ marginBottom: 12 }} />
            )}
            {d.status === 'revoked' && d.revokeReason && (
              <Alert type="warning" showIcon title={`抽查撤销：${d.revokeReason}`} style={{ marginBottom: 12 }} />
            )}
            <DeclarationFacts d={d} showPerson />
            <div className="decl-section-title">证明材料（{d.attachments.length}个）</div>
            <EvidenceNeeded d={d} />
            <EvidenceViewer attachments={d.attachments} urlOf={(a) => adminAttachmentUrl(d.id, a.id)} />
            <div className="decl-section-title">审核流程</div>
            <ReviewChain d={d} />
            <div className="decl-section-title">操作记录</div>
            <DeclarationHistory d={d} />
          </>
        )
      )}
    </Drawer>
  );
}
