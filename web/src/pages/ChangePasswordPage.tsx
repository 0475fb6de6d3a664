import { Alert, App, Button, Card, Form, Input, Result, Spin } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '@ce/shared';
import { call, ApiError } from '../api/client';
import { ME_KEY, useMe } from '../api/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordFields } from '../components/PasswordFields';
import { PortalLayout } from '../components/PortalLayout';
import { homeOf, lastRole } from '../lib/roles';

interface ChangeForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change password; forced after an admin reset the password. */
export function ChangePasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const change = useMutation({
    mutationFn: (v: ChangeForm) =>
      call(authApi.changePassword, { body: { oldPassword: v.oldPassword, newPassword: v.newPassword } }),
    onSuccess: async (res) => {
      void message.success(res.message ?? '密码修改成功');
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      navigate(me.data ? homeOf(me.data.role) : '/', { replace: true });
    },
  });

  if (me.isPending) {
    return (
      <PortalLayout narrow>
        <div className="page-center">
          <Spin />
        </div>
      </PortalLayout>
    );
  }
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return (
        <Navigate
          to={`/login?role=${lastRole() ?? 'professional'}&next=${encodeURIComponent('/change-password')}`}
          replace
        />
      );
    }
    return (
      <PortalLayout narrow>
        <Result status="error" title="加载失败" subTitle={me.error.message} />
      </PortalLayout>
    );
  }

  const forced = me.data.mustChangePassword;
  return (
    <PortalLayout narrow>
      <Card title="修改密码" className="form-card">
        {forced && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="您的密码已被重置，请先修改密码"
            description="重置后的密码为身份证号后六位，修改后才能继续使用平台。"
          />
        )}
        <div className="muted" style={{ marginBottom: 16 }}>
          当前账号：{me.data.name}（{me.data.idNumberMasked}），{me.data.org.name}
        </div>
        <Form<ChangeForm> name="changePassword" layout="vertical" onFinish={(v) => change.mutate(v)}>
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <PasswordFields name="newPassword" confirmName="confirm" label="新密码" confirmLabel="确认新密码" />
          <ErrorAlert error={change.error} />
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            确认修改
          </Button>
          {!forced && (
            <Button type="link" block style={{ marginTop: 8 }} onClick={() => navigate(homeOf(me.data.role))}>
              返回
            </Button>
          )}
        </Form>
      </Card>
    </PortalLayout>
  );
}
