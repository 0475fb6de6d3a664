import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { learningPlatformsApi as api, type LearningPlatform } from '@ce/shared';
import { call, errorMessage } from '../../../api/client';
import { usePagedList } from '../../../api/queries';
import { formatDateTime } from '../../../lib/format';
import { ReasonModal } from '../ReasonModal';
import { PagedTable } from '../../../components/PagedTable';

type Credentials = { platformId: string; secret: string };
const STATUS_COLORS = { pending: 'gold', approved: 'green', rejected: 'red' } as const;
const CREDENTIAL_COLORS = { none: 'default', active: 'green', revoked: 'red' } as const;

/** The credentials, once: the secret is never shown again (the server keeps it only encrypted). */
function CredentialsModal({ credentials, onClose }: { credentials: Credentials | null; onClose: () => void }) {
  return (
    <Modal open={credentials !== null} title="接口凭证（密钥只显示这一次）" onCancel={onClose} footer={<Button type="primary" onClick={onClose}>我已妥善保存</Button>} maskClosable={false} destroyOnHidden>
      <Alert type="warning" showIcon message="请立即将密钥交给学习平台的技术负责人保存。关闭后密钥不再显示；遗失时只能更换凭证。" style={{ marginBottom: 16 }} />
      {credentials && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="平台标识（X-Platform-Id）">
            <Typography.Text copyable code data-testid="credential-platform-id">{credentials.platformId}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="密钥">
            <Typography.Text copyable code data-testid="credential-secret">{credentials.secret}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        接入说明见《学习平台接入指南》（docs/学习平台接入指南.md）：每个请求用密钥计算 HMAC-SHA256 签名，密钥本身不随请求发送。
      </Typography.Paragraph>
    </Modal>
  );
}

/** The platforms the admin sees, with the actions the server allows them (canDecide, canManageCredentials). */
function PlatformsTable({ status, onCredentials }: { status?: LearningPlatform['status']; onCredentials: (c: Credentials) => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = usePagedList(api.list, { query: status ? { status } : {} });
  const [rejecting, setRejecting] = useState<LearningPlatform | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'learning-platforms'] });
  const decide = useMutation({
    mutationFn: (v: { p: LearningPlatform; decision: 'approve' | 'reject'; reason?: string }) =>
      call(api.decide, { params: { id: v.p.id }, body: { decision: v.decision, reason: v.reason, version: v.p.version } }),
    onSuccess: (res) => {
      setRejecting(null);
      void refresh();
      if (res.credentials) onCredentials(res.credentials);
      else void message.success('已审核不通过');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const rotate = useMutation({
    mutationFn: (p: LearningPlatform) => call(api.rotate, { params: { id: p.id }, body: { version: p.version } }),
    onSuccess: (res) => {
      void refresh();
      if (res.credentials) onCredentials(res.credentials);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const revoke = useMutation({
    mutationFn: (p: LearningPlatform) => call(api.revoke, { params: { id: p.id }, body: { version: p.version } }),
    onSuccess: () => {
      void refresh();
      void message.success('接口凭证已吊销，立即失效');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const columns: ColumnsType<LearningPlatform> = [
    // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): the contact sits under
    // the base instead of in a column of its own; a long address breaks anywhere rather than widen the table.
    { title: '平台名称', dataIndex: 'name', width: 260, render: (n: string, p) => <><div>{n}</div><Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>{p.url}</Typography.Text></> },
    { title: '继续教育基地 / 联系人', dataIndex: 'baseName', width: 180, render: (b: string, p) => <><div>{b}</div><div className="muted">{p.contactName} {p.contactPhone}</div></> },
    { title: '审核状态', dataIndex: 'statusLabel', width: 100, render: (l: string, p) => <><Tag color={STATUS_COLORS[p.status]}>{l}</Tag>{p.rejectReason && <div>{p.rejectReason}</div>}</> },
    {
      title: '接口凭证',
      key: 'credential',
      width: 220,
      render: (_, p) => (
        <>
          <Tag color={CREDENTIAL_COLORS[p.credentialState]}>{p.credentialStateLabel}</Tag>
          {p.clientId && <Typography.Text code>{p.clientId}</Typography.Text>}
          {p.lastUsedAt && <div><Typography.Text type="secondary">最近调用 {formatDateTime(p.lastUsedAt)}</Typography.Text></div>}
        </>
      ),
    },
    { title: '登记时间', dataIndex: 'createdAt', width: 90, render: (t: string) => formatDateTime(t) },
    {
      title: '操作',
      key: 'actions',
      // 更换凭证 and 吊销凭证 side by side need 164 px with the cell padding.
      width: 170,
      fixed: 'right',
      render: (_, p) => (
        <Space size={4} wrap>
          {p.canDecide && (
            <>
              <Popconfirm title="审核通过并签发接口凭证？" okText="通过" onConfirm={() => decide.mutate({ p, decision: 'approve' })}>
                <Button size="small" type="primary">通过</Button>
              </Popconfirm>
              <Button size="small" danger onClick={() => setRejecting(p)}>不通过</Button>
            </>
          )}
          {p.canManageCredentials && (
            <>
              <Popconfirm title={p.credentialState === 'active' ? '更换后旧凭证立即失效，确定更换？' : '重新签发接口凭证？'} onConfirm={() => rotate.mutate(p)}>
                <Button size="small">{p.credentialState === 'active' ? '更换凭证' : '重新签发'}</Button>
              </Popconfirm>
              {p.credentialState === 'active' && (
                <Popconfirm title="吊销后该平台的调用立即被拒绝，确定吊销？" okButtonProps={{ danger: true }} onConfirm={() => revoke.mutate(p)}>
                  <Button size="small" danger>吊销凭证</Button>
                </Popconfirm>
              )}
            </>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PagedTable list={list} unit="个学习平台" emptyText="暂无学习平台" columns={columns} scroll={{ x: 1020 }} />
      <ReasonModal
        open={rejecting !== null}
        title={`审核不通过：${rejecting?.name ?? ''}`}
        loading={decide.isPending}
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => rejecting && decide.mutate({ p: rejecting, decision: 'reject', reason })}
      />
    </>
  );
}

/** 学习平台 (base): register the base's learning platform, see its state, rotate or revoke its credentials. */
export function LearningPlatformsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; url: string; contactName: string; contactPhone: string }>();
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const register = useMutation({
    mutationFn: (body: { name: string; url: string; contactName: string; contactPhone: string }) => call(api.register, { body }),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['admin', 'learning-platforms'] });
      void message.success('已登记，等待上级人社部门审核');
    },
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="登记学习平台">
        <Typography.Paragraph type="secondary">
          登记本基地的在线学习平台，由上级人社部门审核。审核通过后签发接口凭证，学习平台按《学习平台接入指南》报送学员完成的课程，
          符合条件的学时自动登记（《河南省专业技术人员继续教育证书管理办法》第九条（三））。
        </Typography.Paragraph>
        {register.error && <Alert type="error" showIcon message={errorMessage(register.error)} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="inline" onFinish={(v) => register.mutate(v)}>
          <Form.Item name="name" label="平台名称" rules={[{ required: true, message: '请填写平台名称' }]}>
            <Input style={{ width: 220 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="url" label="网址" rules={[{ required: true, message: '请填写网址' }]}>
            <Input style={{ width: 240 }} placeholder="https://" maxLength={300} />
          </Form.Item>
          <Form.Item name="contactName" label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
            <Input style={{ width: 120 }} maxLength={50} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
            <Input style={{ width: 150 }} maxLength={20} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={register.isPending}>提交登记</Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title="本基地的学习平台">
        <PlatformsTable onCredentials={setCredentials} />
      </Card>
      <CredentialsModal credentials={credentials} onClose={() => setCredentials(null)} />
    </Space>
  );
}

/** 学习平台审批 (HRSS bureau): approve the bases' platforms (credentials shown once), rotate, revoke. */
export function PlatformApprovalPage() {
  const [status, setStatus] = useState<LearningPlatform['status'] | undefined>('pending');
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  return (
    <Card
      title="学习平台审批"
      extra={
        <Select
          style={{ width: 140 }}
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? undefined : (v as LearningPlatform['status']))}
          options={[
            { value: 'pending', label: '待审核' },
            { value: 'approved', label: '已通过' },
            { value: 'rejected', label: '未通过' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        辖区内继续教育基地登记的在线学习平台。本级为基地的上级人社部门时可审核；审核通过即签发接口凭证，密钥只显示一次。
      </Typography.Paragraph>
      <PlatformsTable status={status} onCredentials={setCredentials} />
      <CredentialsModal credentials={credentials} onClose={() => setCredentials(null)} />
    </Card>
  );
}
