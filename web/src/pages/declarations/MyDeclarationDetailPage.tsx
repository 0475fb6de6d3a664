import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Result, Skeleton, Space } from 'antd';
import { BASE_RECORD_REVOKE_MESSAGE, myDeclarationsApi as mine } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
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
import { LinkButton } from '../../components/LinkButton';
import { ProfessionalLayout } from '../../components/ProfessionalLayout';
import { myAttachmentUrl, useMyDeclaration, useRefreshDeclarations } from './queries';
import { canRevoke, useDeclarationActions } from './useDeclarationActions';

/** 申报进度查询—详细: every field, standard vs claimed, evidence, the review chain and the full history. */
export function MyDeclarationDetailPage() {
  const { id } = useParams();
  return (
    <ProfessionalLayout>
      <DetailContent id={Number(id)} />
    </ProfessionalLayout>
  );
}

function DetailContent({ id }: { id: number }) {
  const detail = useMyDeclaration(id);
  const location = useLocation();
  // A note from the form ("申报已提交…"), only while the record is as the form left it.
  const state = location.state as { flash?: string; version?: number } | null;
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (detail.isError) {
    return (
      <Result
        status="warning"
        title={errorMessage(detail.error)}
        extra={
          <LinkButton type="primary" to="/me/declarations">
            返回申报进度查询
          </LinkButton>
        }
      />
    );
  }
  return <DetailBody d={detail.data} flash={state?.version === detail.data.version ? state.flash : undefined} />;
}

function DetailBody({ d, flash }: { d: DeclarationDetail; flash?: string }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const refresh = useRefreshDeclarations();
  const { revoke, remove } = useDeclarationActions(() => navigate('/me/declarations', { replace: true }));
  const [submitting, setSubmitting] = useState(false);
  const waits = whereItWaits(d);

  const submit = async () => {
    setSubmitting(true);
    try {
      const saved = await call(mine.submit, { params: { id: d.id }, body: { version: d.version } });
      void message.success(`申报已提交${saved.currentReviewerName ? `，等待${saved.currentReviewerName}审核` : ''}`);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSubmitting(false);
      await refresh();
    }
  };

  return (
    <Card
      title={
        <span className="decl-card-title">
          申报详细 <DeclarationStatusTag d={d} />
        </span>
      }
      extra={<LinkButton to="/me/declarations">返回列表</LinkButton>}
    >
      {flash && <Alert type="success" showIcon title={flash} style={{ marginBottom: 12 }} />}
      {waits && <Alert type="info" showIcon title={waits} style={{ marginBottom: 12 }} />}
      {d.status === 'approved' && (
        <Alert type="success" showIcon title={`审核通过并备案，${d.claimedHours}学时已计入${d.year}年度`} style={{ marginBottom: 12 }} />
      )}
      {d.batch?.baseName && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`继续教育基地申报：${d.batch.baseName}`}
          description={BASE_RECORD_REVOKE_MESSAGE}
        />
      )}
      {d.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="审核不通过"
          description={d.batch ? <>原因：{d.rejectReason}</> : <>原因：{d.rejectReason}。请按原因修改后重新提交。</>}
        />
      )}
      {d.status === 'revoked' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="该学时已在抽查审验中被撤销，不再计入"
          description={d.revokeReason ? `原因：${d.revokeReason}` : undefined}
        />
      )}
      {d.status === 'draft' && (
        <Alert type="warning" showIcon title="待提交：该申报尚未提交审核" style={{ marginBottom: 12 }} />
      )}

      <Space wrap style={{ marginBottom: 16 }}>
        {d.can.revoke && canRevoke(d) && <Button onClick={() => revoke(d)}>撤销</Button>}
        {d.can.edit && (
          <LinkButton type={d.status === 'rejected' ? 'primary' : 'default'} to={`/me/declarations/${d.id}/edit`}>
            {d.status === 'rejected' ? '修改后重新提交' : '修改'}
          </LinkButton>
        )}
        {d.can.submit && d.status === 'draft' && (
          <Button type="primary" loading={submitting} onClick={() => void submit()}>
            提交
          </Button>
        )}
        {d.can.delete && (
          <Button danger onClick={() => remove(d)}>
            删除
          </Button>
        )}
      </Space>

      <DeclarationFacts d={d} />

      <div className="decl-section-title">证明材料</div>
      <EvidenceNeeded d={d} />
      <EvidenceViewer attachments={d.attachments} urlOf={(a) => myAttachmentUrl(d.id, a.id)} />

      <div className="decl-section-title">审核流程</div>
      <ReviewChain d={d} />

      <div className="decl-section-title">操作记录</div>
      <DeclarationHistory d={d} />
    </Card>
  );
}
