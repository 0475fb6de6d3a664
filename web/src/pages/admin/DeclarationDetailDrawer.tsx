import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { declarationBatchesApi, declarationReviewApi } from '@ce/shared';
import { call, href } from '../../api/client';
import { DetailDrawer } from '../../components/DetailDrawer';
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
import { BatchMarker } from './batches/parts';

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
    queryFn: () => call(declarationReviewApi.detail, { params: { id: id ?? 0 } }),
    enabled: id !== null,
  });
  return (
    <DetailDrawer
      open={id !== null}
      onClose={onClose}
      title={(d: DeclarationDetail) => (
        <span>
          {d.person.name}：{d.title} <DeclarationStatusTag d={d} />
        </span>
      )}
      query={detail}
      width={860}
      footer={footer}
    >
      {(d) => (
          <>
            {whereItWaits(d) && <Alert type="info" showIcon title={whereItWaits(d)} style={{ marginBottom: 12 }} />}
            {d.originProvinceName && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={`外省转入：${d.originProvinceName}${d.year}年度${d.subjectLabel}${d.claimedHours}学时`}
                description="由本人单位审核后报人社部门审核（不经主管部门）。请对照下方外省继续教育证书核对年度和学时。"
              />
            )}
            {d.overlapWarning && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={d.overlapWarning} />}
            {d.overStandardBy != null && !d.originProvinceName && (
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
            {d.batch ? (
              <BatchEvidence batch={d.batch} files={d.batchEvidence} />
            ) : (
              <>
                <div className="decl-section-title">证明材料（{d.attachments.length}个）</div>
                <EvidenceNeeded d={d} />
                <EvidenceViewer attachments={d.attachments} urlOf={(a) => adminAttachmentUrl(d.id, a.id)} />
              </>
            )}
            <div className="decl-section-title">审核流程</div>
            <ReviewChain d={d} />
            <div className="decl-section-title">操作记录</div>
            <DeclarationHistory d={d} />
          </>
      )}
    </DetailDrawer>
  );
}

/** R-27: a batch record's evidence is the batch's (the person uploads nothing). */
function BatchEvidence({ batch, files }: { batch: NonNullable<DeclarationDetail['batch']>; files: DeclarationDetail['batchEvidence'] }) {
  return (
    <>
      <div className="decl-section-title">
        <BatchMarker marker={batch.marker} /> 整批证明材料（{files.length}个） · <Link to={`/admin/declaration-batches/${batch.id}`}>查看批次 {batch.id}</Link>
      </div>
      <EvidenceViewer attachments={files} urlOf={(f) => href(declarationBatchesApi.evidence, { params: { id: batch.id, fileId: f.id } })} />
    </>
  );
}
