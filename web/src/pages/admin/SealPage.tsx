import type { ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Result, Row, Skeleton } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SEAL_APPLICATION_DEFAULT_REASON, sealApplicationRequest, sealsApi, type SealApplication, type SealStatus } from '@ce/shared';
import { call, ApiError, errorMessage } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SealPreview } from '../../components/SealPreview';
import { useSignedIn } from '../../components/RequireAdmin';
import { formatDateTime } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import { SealLetter } from './SealLetter';
import './certificates.css';

export const sealStatusKey = (orgId: number) => ['admin', 'seal', orgId] as const;

interface ApplyForm {
  reason: string;
  contactName: string;
  contactPhone: string;
}

/**
 * 电子签章: the bureau's e-seal — not applied, waiting for the province, enabled or refused —
 * and the 附件2 "电子签章启用申请" to the province HRSS. Only an enabled seal lets the bureau issue.
 */
export function SealPage() {
  const me = useSignedIn();
  const status = useQuery({
    queryKey: sealStatusKey(me.org.id),
    queryFn: () => call(sealsApi.status, { params: { id: me.org.id } }),
  });

  if (status.isPending) {
    return (
      <Card title="电子签章">
        <Skeleton active />
      </Card>
    );
  }
  if (status.isError) {
    return (
      <Card title="电子签章">
        <Result status="warning" title={errorMessage(status.error)} />
      </Card>
    );
  }
  const s = status.data;
  if (!s.eligible) {
    return (
      <Card title="电子签章">
        <Result
          status="info"
          title="本单位无需启用电子签章"
          subTitle="继续教育证书由省辖市、省直管县（市）人力资源社会保障部门和省人力资源和社会保障厅（省直单位）发放，本单位不发放证书。"
        />
      </Card>
    );
  }
  const latest = s.latestApplication;
  const canApply = !s.enabled && latest?.status !== 'pending';
  return (
    <>
      <Card title="电子签章" style={{ marginBottom: 16 }}>
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={canApply ? 24 : 16}>
            <SealState status={s} />
          </Col>
          {/* While applying, the letter below shows the seal. */}
          {!canApply && (
            <Col xs={24} md={8} className="seal-preview-col">
              <SealPreview text={s.sealText ?? ''} size={150} />
              <div className="muted">{s.enabled ? '本单位电子签章' : '印章样式（启用后加盖在电子证书上）'}</div>
            </Col>
          )}
        </Row>
      </Card>
      {canApply && <ApplyCard status={s} />}
    </>
  );
}

function SealState({ status: s }: { status: SealStatus }) {
  const latest = s.latestApplication;
  if (s.enabled) {
    const approved = latest?.status === 'approved' ? latest : null;
    return (
      <>
        <Alert
          type="success"
          showIcon
          title="电子签章已启用，本单位可以发放电子证书"
          description="专业技术人员的年度学时经审核合格后，平台自动生成加盖本单位电子签章的电子证书；证书二维码由本单位的签名密钥进行数字签名，可扫码验证真伪。"
          style={{ marginBottom: 16 }}
        />
        <Facts
          items={[
            ['印章文字', s.sealText],
            ['签名密钥编号', <span key="kid" className="mono">{s.activeKid}</span>],
            ['启用时间', approved ? formatDateTime(approved.reviewedAt) : '—'],
            ['审批人', approved?.reviewerName ?? '—'],
          ]}
        />
      </>
    );
  }
  if (latest?.status === 'pending') {
    return (
      <>
        <Alert
          type="info"
          showIcon
          title="启用申请已提交，等待省人力资源和社会保障厅审批"
          description="审批通过前本单位暂不能发放电子证书。如需尽快审批，请联系省人力资源和社会保障厅专业技术人员管理处。"
          style={{ marginBottom: 16 }}
        />
        <ApplicationFacts app={latest} />
      </>
    );
  }
  if (latest?.status === 'rejected') {
    return (
      <>
        <Alert
          type="error"
          showIcon
          title="启用申请未获批准（不予启用）"
          description={
            <>
              <div>原因：{latest.rejectReason ?? '—'}</div>
              <div>请按原因修改后，在下方重新提交申请。</div>
            </>
          }
          style={{ marginBottom: 16 }}
        />
        <Facts
          items={[
            ['提交时间', formatDateTime(latest.submittedAt)],
            ['审批人', latest.reviewerName ?? '—'],
            ['审批时间', formatDateTime(latest.reviewedAt)],
          ]}
        />
      </>
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      title="本单位尚未启用电子签章"
      description="未启用电子签章的发证单位不能发放电子证书。请填写下方《电子签章启用申请》，报省人力资源和社会保障厅审批。"
    />
  );
}

function ApplicationFacts({ app }: { app: SealApplication }) {
  return (
    <Facts
      items={[
        ['申请状态', app.statusLabel],
        ['提交时间', formatDateTime(app.submittedAt)],
        ['申请人', app.applicantName],
        ['联系人', `${app.contactName}（${app.contactPhone}）`],
        ['印章文字', app.sealText],
      ]}
    />
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
      items={items.map(([label, children]) => ({ key: label, label, children }))}
    />
  );
}

/** 附件2, as a form: the letter to the province, the seal to be filed, and who to call. */
function ApplyCard({ status }: { status: SealStatus }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ApplyForm>();
  const apply = useMutation({
    mutationFn: (v: ApplyForm) =>
      call(sealsApi.apply, {
        params: { id: status.bureauId },
        body: { contactName: v.contactName.trim(), contactPhone: v.contactPhone.trim(), reason: v.reason.trim() || undefined },
      }),
    onSuccess: () => {
      void message.success('电子签章启用申请已提交，请等待省人力资源和社会保障厅审批');
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
    onError: (err) => {
      // Someone else applied meanwhile, or the seal was enabled: show the current state.
      if (err instanceof ApiError && err.code === 'CONFLICT')
        void queryClient.invalidateQueries({ queryKey: sealStatusKey(status.bureauId) });
    },
  });
  const shape = sealApplicationRequest.shape;
  return (
    <Card title="电子签章启用申请" extra={<span className="muted">附件2</span>}>
      <Form<ApplyForm>
        form={form}
        name="sealApply"
        layout="vertical"
        // Applying again after a refusal starts from what was sent last time.
        initialValues={{
          reason: status.latestApplication?.reason ?? SEAL_APPLICATION_DEFAULT_REASON,
          contactName: status.latestApplication?.contactName,
          contactPhone: status.latestApplication?.contactPhone,
        }}
        onFinish={(v) => apply.mutate(v)}
        style={{ maxWidth: 720 }}
      >
        <SealLetter
          bureauName={status.bureauName}
          sealText={status.sealText ?? ''}
          body={
            <Form.Item
              name="reason"
              label="申请事由"
              rules={[zodRule(shape.reason)]}
              extra="默认为《启用申请》的格式文字，可按本单位情况修改。"
            >
              <Input.TextArea rows={4} maxLength={1000} />
            </Form.Item>
          }
        />
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label="联系人" required rules={[zodRule(shape.contactName)]}>
              <Input maxLength={50} placeholder="负责电子证书工作的联系人" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label="联系电话" required rules={[zodRule(shape.contactPhone)]}>
              <Input maxLength={20} placeholder="手机号或 0371-69690386" />
            </Form.Item>
          </Col>
        </Row>
        <ErrorAlert error={apply.error} />
        <Button type="primary" htmlType="submit" loading={apply.isPending}>
          提交申请
        </Button>
        <span className="muted" style={{ marginLeft: 12 }}>
          提交后由省人力资源和社会保障厅审批，审批通过即启用本单位电子签章。
        </span>
      </Form>
    </Card>
  );
}
