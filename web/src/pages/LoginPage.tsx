import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Radio, Space } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, authApi, type AccountRole } from '@ce/shared';
import { call, ApiError } from '../api/client';
import { CaptchaInput } from '../components/CaptchaInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { PortalLayout } from '../components/PortalLayout';
import { homeOf, isAccountRole, registerPath, rememberRole, roleOptions } from '../lib/roles';

interface LoginForm {
  account: string;
  password: string;
  captcha?: string;
}

/** Where someone without an account of `role` goes to get one. */
function registerHint(role: AccountRole): ReactNode {
  const path = registerPath(role);
  if (path) return <Link to={path}>立即注册</Link>;
  return '人社部门管理员账号由上级人社部门创建，请联系上级人社部门。';
}

/** Extra help under a failed login, by error code (SPEC R-2). */
function LoginErrorHelp({
  error,
  role,
  onRole,
}: {
  error: unknown;
  role: AccountRole;
  onRole: (r: AccountRole) => void;
}) {
  if (!(error instanceof ApiError)) return null;
  const d = error.details ?? {};
  switch (error.code) {
    case 'ACCOUNT_NOT_FOUND':
      return <span>{registerHint(role)}</span>;
    case 'ACCOUNT_PENDING':
      return (
        <span>
          {typeof d.approverName === 'string' && d.approverName ? `请等待 ${d.approverName} 审核。` : null}
          <Link to="/progress">查看审核进度</Link>
        </span>
      );
    case 'WRONG_PASSWORD':
      return (
        <span>
          {typeof d.remainingAttempts === 'number'
            ? `再输错 ${d.remainingAttempts} 次，账号将被锁定30分钟。`
            : null}
          <Link to="/forgot-password">忘记密码？</Link>
        </span>
      );
    case 'ACCOUNT_LOCKED':
      return <Link to="/forgot-password">通过“忘记密码”重置</Link>;
    case 'ROLE_NOT_REGISTERED': {
      const roles = Array.isArray(d.registeredRoles)
        ? (d.registeredRoles as string[]).filter(isAccountRole)
        : [];
      if (roles.length === 0) return null;
      return (
        <span>
          该账号已注册的角色：
          {roles.map((r) => (
            <Button key={r} type="link" size="small" onClick={() => onRole(r)} style={{ padding: '0 4px' }}>
              {ROLE_LABELS[r]}
            </Button>
          ))}
        </span>
      );
    }
    default:
      return null;
  }
}

/** Login: role + ID number + password + image captcha. */
export function LoginPage() {
  const [params, setParams] = useSearchParams();
  const roleParam = params.get('role');
  const role: AccountRole = isAccountRole(roleParam) ? roleParam : 'professional';
  const next = params.get('next');
  const reason = params.get('reason');
  const [form] = Form.useForm<LoginForm>();
  const [captchaKey, setCaptchaKey] = useState(0);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const login = useMutation({
    mutationFn: (values: LoginForm) =>
      call(authApi.login, {
        body: {
          role,
          account: values.account.trim(),
          password: values.password,
          captcha: values.captcha?.trim() ?? '',
        },
      }),
    onSuccess: (result) => {
      rememberRole(role);
      queryClient.clear();
      if (result.secondFactor) {
        // Administrators: the authenticator's code (or binding one) comes before anything else.
        const second = new URLSearchParams(next ? { next } : {});
        navigate(`/login/second-factor${second.size ? `?${second}` : ''}`, { replace: true });
      } else if (result.mustChangePassword) navigate('/change-password', { replace: true });
      else if (role !== 'professional' && next?.startsWith('/admin')) navigate(next, { replace: true });
      else navigate(homeOf(role), { replace: true });
    },
    onError: () => {
      // The server consumed the captcha answer: draw a new one.
      setCaptchaKey((k) => k + 1);
      form.setFieldValue('captcha', '');
    },
  });

  const chooseRole = (r: AccountRole) => {
    login.reset();
    const nextParams = new URLSearchParams({ role: r });
    if (next) nextParams.set('next', next);
    setParams(nextParams, { replace: true });
  };

  return (
    <PortalLayout narrow>
      <Card title="用户登录" className="form-card">
        {reason === 'expired' && (
          <Alert type="warning" showIcon title="登录已超时，请重新登录" style={{ marginBottom: 16 }} />
        )}
        {reason !== 'expired' && next && (
          <Alert type="info" showIcon title="请先登录" style={{ marginBottom: 16 }} />
        )}
        <Form<LoginForm>
          form={form}
          name="login"
          layout="vertical"
          onFinish={(v) => login.mutate(v)}
          requiredMark={false}
        >
          <Form.Item label="登录角色">
            <Radio.Group
              className="role-choice"
              optionType="button"
              buttonStyle="solid"
              value={role}
              options={roleOptions}
              onChange={(e) => chooseRole(e.target.value as AccountRole)}
            />
          </Form.Item>
          <Form.Item
            name="account"
            label="账号"
            rules={[{ required: true, whitespace: true, message: '请输入账号（身份证号）' }]}
          >
            <Input
              prefix={<UserOutlined />}
              placeholder="请输入身份证号"
              autoComplete="username"
              maxLength={32}
            />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined />}
              placeholder="请输入密码"
              autoComplete="current-password"
            />
          </Form.Item>
          <Form.Item name="captcha" label="验证码">
            <CaptchaInput refreshKey={captchaKey} />
          </Form.Item>
          {login.isError && (
            <ErrorAlert
              error={login.error}
              extra={<LoginErrorHelp error={login.error} role={role} onRole={chooseRole} />}
            />
          )}
          <Form.Item style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <Space wrap separator="|" className="login-links">
          <Link to="/forgot-password">忘记密码</Link>
          <Link to="/progress">注册审核进度查询</Link>
          {registerPath(role) && <Link to={registerPath(role)!}>{ROLE_LABELS[role]}注册</Link>}
        </Space>
      </Card>
    </PortalLayout>
  );
}
