import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Image, Input, Result, Space, Spin, Steps, Tabs, Typography } from 'antd';
import { KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mfaApi } from '@ce/shared';
import { ApiError, call, errorMessage } from '../api/client';
import { useLogout } from '../api/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { PortalLayout } from '../components/PortalLayout';
import { RecoveryCodes } from '../components/RecoveryCodes';
import { homeOf, lastRole } from '../lib/roles';

type Passed = { role: Parameters<typeof homeOf>[0]; mustChangePassword: boolean };

/** Where a passed second step leads: the forced password change, the page asked for, or home. */
function useAfterPassed() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = params.get('next');
  return (p: Passed) => {
    queryClient.clear();
    if (p.mustChangePassword) navigate('/change-password', { replace: true });
    else if (p.role !== 'professional' && next?.startsWith('/admin')) navigate(next, { replace: true });
    else navigate(homeOf(p.role), { replace: true });
  };
}

function LockHelp({ error }: { error: unknown }) {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'ACCOUNT_LOCKED') return <Link to={`/login?role=${lastRole() ?? 'unit'}`}>返回登录</Link>;
  return null;
}

/** 输入动态验证码 / 使用恢复码. */
function VerifyStep({ onPassed }: { onPassed: (p: Passed) => void }) {
  const [tab, setTab] = useState('totp');
  const verify = useMutation({
    mutationFn: (code: string) => call(mfaApi.verify, { body: { code } }),
    onSuccess: onPassed,
  });
  const recover = useMutation({
    mutationFn: (code: string) => call(mfaApi.recover, { body: { code } }),
    onSuccess: onPassed,
  });
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      items={[
        {
          key: 'totp',
          label: '输入动态验证码',
          children: (
            <Form layout="vertical" name="mfa-verify" requiredMark={false} onFinish={(v: { code: string }) => verify.mutate(v.code)}>
              <p className="muted">请打开手机上的验证器（如 Google Authenticator、Microsoft Authenticator、腾讯身份验证器），输入本平台账号当前显示的6位数字。</p>
              <Form.Item name="code" label="动态验证码" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入6位动态验证码' }]}>
                <Input prefix={<SafetyOutlined />} placeholder="6位数字" inputMode="numeric" autoComplete="one-time-code" maxLength={8} autoFocus />
              </Form.Item>
              {verify.isError && <ErrorAlert error={verify.error} extra={<LockHelp error={verify.error} />} />}
              <Button type="primary" htmlType="submit" block size="large" loading={verify.isPending}>
                验证并登录
              </Button>
            </Form>
          ),
        },
        {
          key: 'recovery',
          label: '使用恢复码',
          children: (
            <Form layout="vertical" name="mfa-recovery" requiredMark={false} onFinish={(v: { code: string }) => recover.mutate(v.code)}>
              <p className="muted">手机验证器不在身边或已丢失时，可输入绑定时保存的恢复码（如 abcde-fghjk），每个恢复码只能使用一次。恢复码用完或遗失，请联系上级管理员“重置动态口令”。</p>
              <Form.Item name="code" label="恢复码" rules={[{ required: true, whitespace: true, message: '请输入恢复码' }]}>
                <Input prefix={<KeyOutlined />} placeholder="abcde-fghjk" autoComplete="off" maxLength={32} />
              </Form.Item>
              {recover.isError && <ErrorAlert error={recover.error} extra={<LockHelp error={recover.error} />} />}
              <Button type="primary" htmlType="submit" block size="large" loading={recover.isPending}>
                使用恢复码登录
              </Button>
            </Form>
          ),
        },
      ]}
    />
  );
}

/** 绑定动态口令: QR code and the secret to type by hand, confirmed with a code; then the recovery codes, once. */
function EnrolStep({ onPassed }: { onPassed: (p: Passed) => void }) {
  const start = useMutation({ mutationFn: () => call(mfaApi.startEnrolment) });
  const confirm = useMutation({ mutationFn: (code: string) => call(mfaApi.confirmEnrolment, { body: { code } }) });
  const { mutate: begin } = start;
  useEffect(() => begin(), [begin]);

  if (confirm.isSuccess) {
    const done = confirm.data;
    return (
      <div>
        <Steps size="small" current={2} items={[{ title: '扫描二维码' }, { title: '输入验证码' }, { title: '保存恢复码' }]} style={{ marginBottom: 24 }} />
        <Alert type="success" showIcon title="动态口令绑定成功" style={{ marginBottom: 16 }} />
        <RecoveryCodes codes={done.recoveryCodes} name="本账号" />
        <Button type="primary" block size="large" style={{ marginTop: 24 }} onClick={() => onPassed(done)}>
          我已保存恢复码，进入系统
        </Button>
      </div>
    );
  }
  return (
    <div>
      <Steps size="small" current={1} items={[{ title: '扫描二维码' }, { title: '输入验证码' }, { title: '保存恢复码' }]} style={{ marginBottom: 24 }} />
      <Alert
        type="info"
        showIcon
        title="您的账号须启用双因素认证"
        description="根据网络安全等级保护要求，管理员登录须在密码之外输入手机验证器上的动态验证码。请先在手机上安装验证器（如 Google Authenticator、Microsoft Authenticator、腾讯身份验证器），再扫描下方二维码。"
        style={{ marginBottom: 16 }}
      />
      {start.isPending && <Spin />}
      {start.isError && <ErrorAlert error={start.error} />}
      {start.data && (
        <Space align="start" size={24} wrap>
          <Image src={start.data.qrDataUrl} alt="动态口令二维码" width={200} height={200} preview={false} />
          <div style={{ maxWidth: 320 }}>
            <p>无法扫码时，在验证器中选择“手动输入密钥”，输入：</p>
            <Typography.Paragraph copyable={{ text: start.data.secret }} code data-testid="mfa-secret">
              {start.data.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Typography.Paragraph>
            <p className="muted">类型：基于时间（TOTP），6位，30秒</p>
          </div>
        </Space>
      )}
      <Form
        layout="vertical"
        name="mfa-enrol"
        requiredMark={false}
        style={{ marginTop: 16 }}
        onFinish={(v: { code: string }) => confirm.mutate(v.code)}
      >
        <Form.Item name="code" label="验证器显示的6位动态验证码" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入6位动态验证码' }]}>
          <Input prefix={<SafetyOutlined />} placeholder="6位数字" inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
        </Form.Item>
        {confirm.isError && <ErrorAlert error={confirm.error} extra={<LockHelp error={confirm.error} />} />}
        <Button type="primary" htmlType="submit" block size="large" loading={confirm.isPending} disabled={!start.data}>
          确认绑定
        </Button>
      </Form>
    </div>
  );
}

/**
 * Login, second step (issue 9 item 7): an administrator whose password was right enters the
 * authenticator's code or a recovery code, or binds an authenticator first.
 */
export function SecondFactorPage() {
  const status = useQuery({ queryKey: ['auth', 'mfa'], queryFn: () => call(mfaApi.status), retry: false, staleTime: Infinity });
  const afterPassed = useAfterPassed();
  const logout = useLogout();

  let body;
  if (status.isPending) body = <Spin />;
  else if (status.isError) {
    if (status.error instanceof ApiError && status.error.status === 401) return <Navigate to={`/login?role=${lastRole() ?? 'unit'}`} replace />;
    body = <Result status="error" title="加载失败" subTitle={errorMessage(status.error)} />;
  } else if (!status.data.pending) {
    return <Navigate to="/admin" replace />;
  } else body = status.data.enrolled ? <VerifyStep onPassed={afterPassed} /> : <EnrolStep onPassed={afterPassed} />;

  return (
    <PortalLayout narrow>
      <Card
        title={status.data && !status.data.enrolled ? '绑定动态口令' : '双因素认证'}
        className="form-card"
        extra={
          <Button type="link" size="small" onClick={() => void logout()}>
            退出
          </Button>
        }
      >
        {body}
      </Card>
    </PortalLayout>
  );
}
