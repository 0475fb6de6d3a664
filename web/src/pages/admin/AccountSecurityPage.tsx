import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Tag } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mfaApi } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecoveryCodes } from '../../components/RecoveryCodes';
import { useSignedIn } from '../../components/RequireAdmin';
import { formatDateTime } from '../../lib/format';

const statusKey = ['auth', 'mfa'] as const;

/** 账号安全 (issue 9 item 7): the admin's second factor, and new recovery codes. */
export function AccountSecurityPage() {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: statusKey, queryFn: () => call(mfaApi.status) });
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const regenerate = useMutation({
    mutationFn: (code: string) => call(mfaApi.regenerateRecoveryCodes, { body: { code } }),
    onSuccess: () => {
      setAsking(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: statusKey });
    },
  });
  const s = status.data;
  return (
    <Card title="账号安全" loading={status.isPending}>
      {status.isError && <Alert type="error" showIcon title={errorMessage(status.error)} />}
      {s && (
        <>
          <Descriptions column={1} bordered size="middle" style={{ maxWidth: 640 }}>
            <Descriptions.Item label="账号">{`${me.name}（${me.idNumberMasked}）`}</Descriptions.Item>
            <Descriptions.Item label="双因素认证（动态口令）">
              {s.enrolled ? <Tag color="green">已绑定</Tag> : <Tag>未绑定</Tag>}
              {s.required ? <span className="muted">本账号登录必须输入动态验证码</span> : <span className="muted">本账号登录不要求动态验证码</span>}
            </Descriptions.Item>
            {s.enrolled && <Descriptions.Item label="绑定时间">{formatDateTime(s.confirmedAt)}</Descriptions.Item>}
            {s.enrolled && <Descriptions.Item label="剩余恢复码">{`${s.recoveryCodesLeft} 个`}</Descriptions.Item>}
          </Descriptions>
          {s.enrolled && s.recoveryCodesLeft <= 3 && (
            <Alert type="warning" showIcon title="恢复码即将用完，请重新生成并妥善保存" style={{ marginTop: 16, maxWidth: 640 }} />
          )}
          {s.enrolled && (
            <Button type="primary" icon={<SafetyOutlined />} style={{ marginTop: 16 }} onClick={() => setAsking(true)}>
              重新生成恢复码
            </Button>
          )}
          <p className="muted" style={{ marginTop: 16 }}>
            更换或丢失手机时，请联系上级管理员在管理员管理中“重置动态口令”，下次登录时重新绑定。
          </p>
          {regenerate.data && (
            <Card type="inner" title="新的恢复码" style={{ marginTop: 16, maxWidth: 640 }}>
              <RecoveryCodes codes={regenerate.data.recoveryCodes} name={me.name} />
            </Card>
          )}
        </>
      )}
      <Modal
        title="重新生成恢复码"
        open={asking}
        okText="生成"
        confirmLoading={regenerate.isPending}
        onCancel={() => setAsking(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <p>生成后，原有恢复码全部作废。请输入验证器当前显示的6位动态验证码确认。</p>
        <Form form={form} layout="vertical" name="mfa-regenerate" onFinish={(v) => regenerate.mutate(v.code)}>
          <Form.Item name="code" label="动态验证码" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入6位动态验证码' }]}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
          </Form.Item>
        </Form>
        {regenerate.isError && <ErrorAlert error={regenerate.error} />}
      </Modal>
    </Card>
  );
}
