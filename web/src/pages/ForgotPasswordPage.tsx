import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Form, Input, Result, Steps } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { authApi, validateIdNumber } from '@ce/shared';
import { call } from '../api/client';
import { CaptchaInput } from '../components/CaptchaInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordFields } from '../components/PasswordFields';
import { PortalLayout } from '../components/PortalLayout';
import { LinkButton } from '../components/LinkButton';
import { lastRole } from '../lib/roles';

interface CodeForm {
  idNumber: string;
  contact: string;
  captcha?: string;
}
interface ResetForm {
  code: string;
  newPassword: string;
  confirm: string;
}

/** Forgot password (R-3): a one-time code to the registered phone or e-mail, then a new password. */
export function ForgotPasswordPage() {
  const [step, setStep] = useState<0 | 1 | 2>(0);
  const [idNumber, setIdNumber] = useState('');
  const [captchaKey, setCaptchaKey] = useState(0);
  const [codeForm] = Form.useForm<CodeForm>();

  const sendCode = useMutation({
    mutationFn: (v: CodeForm) =>
      call(authApi.passwordResetCode, {
        body: { idNumber: v.idNumber.trim(), contact: v.contact.trim(), captcha: v.captcha?.trim() ?? '' },
      }),
    onSuccess: (_, v) => {
      setIdNumber(v.idNumber.trim());
      setStep(1);
    },
    onError: () => {
      setCaptchaKey((k) => k + 1);
      codeForm.setFieldValue('captcha', '');
    },
  });

  const reset = useMutation({
    mutationFn: (v: ResetForm) =>
      call(authApi.passwordReset, { body: { idNumber, code: v.code.trim(), newPassword: v.newPassword } }),
    onSuccess: () => setStep(2),
  });

  const role = lastRole();
  return (
    <PortalLayout narrow>
      <Card title="找回密码" className="form-card">
        <Steps
          size="small"
          current={step}
          items={[{ title: '验证身份' }, { title: '设置新密码' }, { title: '完成' }]}
          style={{ marginBottom: 24 }}
        />
        {step === 0 && (
          <Form<CodeForm>
            form={codeForm}
            name="forgot"
            layout="vertical"
            onFinish={(v) => sendCode.mutate(v)}
          >
            <Form.Item
              name="idNumber"
              label="身份证号"
              rules={[
                { required: true, whitespace: true, message: '请输入身份证号' },
                {
                  validator: async (_, value: string | undefined) => {
                    if (!value?.trim()) return;
                    const check = validateIdNumber(value);
                    if (!check.ok) throw new Error(check.message);
                  },
                },
              ]}
            >
              <Input placeholder="注册时使用的身份证号" maxLength={32} autoComplete="username" />
            </Form.Item>
            <Form.Item
              name="contact"
              label="注册手机号或邮箱"
              rules={[{ required: true, whitespace: true, message: '请输入注册时填写的手机号或电子邮箱' }]}
            >
              <Input placeholder="验证码将发送至该手机号或邮箱" maxLength={100} />
            </Form.Item>
            <Form.Item name="captcha" label="图形验证码">
              <CaptchaInput refreshKey={captchaKey} />
            </Form.Item>
            <ErrorAlert error={sendCode.error} />
            <Button type="primary" htmlType="submit" block loading={sendCode.isPending}>
              获取验证码
            </Button>
            <div className="form-footnote">
              不记得注册时的手机号或邮箱？可联系所在单位管理员重置密码，重置后的密码为身份证号后六位。
            </div>
          </Form>
        )}
        {step === 1 && (
          <Form<ResetForm> name="reset" layout="vertical" onFinish={(v) => reset.mutate(v)}>
            {sendCode.data && (
              <Alert type="success" showIcon title={sendCode.data.message} style={{ marginBottom: 16 }} />
            )}
            <Form.Item
              name="code"
              label="验证码"
              rules={[
                { required: true, message: '请输入收到的验证码' },
                { pattern: /^\s*\d{6}\s*$/, message: '验证码为6位数字' },
              ]}
            >
              <Input
                placeholder="6位数字验证码"
                maxLength={6}
                inputMode="numeric"
                autoComplete="one-time-code"
              />
            </Form.Item>
            <PasswordFields
              name="newPassword"
              confirmName="confirm"
              label="新密码"
              confirmLabel="确认新密码"
            />
            <ErrorAlert error={reset.error} />
            <Button type="primary" htmlType="submit" block loading={reset.isPending}>
              重置密码
            </Button>
            <Button type="link" block onClick={() => setStep(0)} style={{ marginTop: 8 }}>
              没有收到？重新获取验证码
            </Button>
          </Form>
        )}
        {step === 2 && (
          <Result
            status="success"
            title="密码已重置"
            subTitle={reset.data?.message ?? '请使用新密码登录'}
            extra={
              <LinkButton type="primary" to={`/login${role ? `?role=${role}` : ''}`}>
                去登录
              </LinkButton>
            }
          />
        )}
        {step !== 2 && (
          <div className="form-footnote">
            <Link to="/login">返回登录</Link>
          </div>
        )}
      </Card>
    </PortalLayout>
  );
}
