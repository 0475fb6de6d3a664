import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, Card, Checkbox, Form, Input, Result } from 'antd';
import type { FormInstance } from 'antd';
import { validateIdNumber } from '@ce/shared';
import { ApiError } from '../api/client';
import { today } from '../lib/format';
import { ErrorAlert } from './ErrorAlert';
import { LinkButton } from './LinkButton';
import { PasswordFields } from './PasswordFields';
import { PortalLayout } from './PortalLayout';

/**
 * The pieces both registration forms share (issue 8 item 15): the account section (身份证号 as the
 * login, 已是本系统用户 with the existing password or a new one, 手机, 邮箱), the EXISTING_USER answer
 * that turns the form to the existing password, the error and buttons under the form, and the page
 * shown once the registration is submitted.
 */

const EXISTING_USER_HINT = '您已是本系统用户，请输入已有账号的登录密码';

/**
 * The account's state around a submission: the captcha renewed after every refusal, and when the
 * server says the ID number already has an account (EXISTING_USER) the form switches to that
 * account's password and shows the server's words on it (kept across the field swap).
 */
export function useRegistrationAccount(form: FormInstance, prefix: readonly string[] = []) {
  const [captchaKey, setCaptchaKey] = useState(0);
  const [existingUserHint, setExistingUserHint] = useState<string | null>(null);
  return {
    captchaKey,
    existingUserHint,
    /** A new password was typed: the hint no longer applies. */
    clearHint: () => setExistingUserHint(null),
    onSubmitError: (err: unknown) => {
      setCaptchaKey((k) => k + 1);
      form.setFieldValue('captcha', '');
      if (err instanceof ApiError && err.code === 'EXISTING_USER') {
        form.setFieldValue('existingUser', true);
        setExistingUserHint(err.message || EXISTING_USER_HINT);
        setTimeout(() => form.scrollToField([...prefix, 'password']), 0);
      }
    },
    /** The error to show under the form (EXISTING_USER is shown on the password instead). */
    shownError: (err: unknown) => (err instanceof ApiError && err.code === 'EXISTING_USER' ? null : err),
  };
}

/** 身份证号 (the login), then `children` (e.g. 姓名), 已是本系统用户, the password(s), 手机 and 邮箱. */
export function AccountFields({
  prefix = [],
  wide,
  existingUser,
  existingUserHint,
  otherRoles,
  reusedBy,
  idExtra,
  children,
}: {
  /** Where the fields sit in the form's values (['admin'] for an organisation's first admin). */
  prefix?: readonly string[];
  wide: boolean;
  existingUser: boolean;
  existingUserHint: string | null;
  /** The roles the person may already hold: "其他角色", "单位管理员等其他角色". */
  otherRoles: string;
  /** What takes the existing password over: "新角色", "专业技术人员账号". */
  reusedBy: string;
  idExtra?: string;
  children?: ReactNode;
}) {
  const at = (name: string) => [...prefix, name];
  return (
    <>
      <Form.Item
        name={at('idNumber')}
        label="身份证号"
        extra={idExtra}
        normalize={(v: string | undefined) => v?.toUpperCase()}
        rules={[
          { required: true, whitespace: true, message: '请输入身份证号' },
          {
            validator: async (_, value: string | undefined) => {
              if (!value?.trim()) return;
              const check = validateIdNumber(value, today());
              if (!check.ok) throw new Error(check.message);
            },
          },
        ]}
        hasFeedback
      >
        <Input maxLength={18} placeholder="18位身份证号（登录账号）" autoComplete="username" />
      </Form.Item>
      {children}
      <Form.Item name="existingUser" valuePropName="checked" label={wide ? ' ' : undefined} colon={false}>
        <Checkbox>我已是本系统用户（已用该身份证号注册过{otherRoles}）</Checkbox>
      </Form.Item>
      {existingUser ? (
        <Form.Item
          name={at('password')}
          label="登录密码"
          extra={`请输入已有账号的登录密码，${reusedBy}将沿用该密码`}
          rules={[{ required: true, message: '请输入已有账号的登录密码' }]}
          validateStatus={existingUserHint ? 'error' : undefined}
          help={existingUserHint ?? undefined}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      ) : (
        <PasswordFields name={at('password')} confirmName={at('confirm')} />
      )}
      <Form.Item
        name={at('phone')}
        label="手机"
        rules={[
          { required: true, message: '请输入手机号码' },
          { pattern: /^\s*1\d{10}\s*$/, message: '请输入11位手机号码' },
        ]}
      >
        <Input maxLength={11} inputMode="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name={at('email')}
        label="邮箱"
        rules={[
          { required: true, message: '请输入电子邮箱' },
          { type: 'email', message: '电子邮箱格式不正确' },
        ]}
      >
        <Input maxLength={100} inputMode="email" autoComplete="email" />
      </Form.Item>
    </>
  );
}

/** Under the form: the server's refusal (a duplicate registration links to the progress query), 提交注册 and 返回首页. */
export function RegistrationActions({ error, submitting }: { error: unknown; submitting: boolean }) {
  return (
    <>
      <ErrorAlert
        error={error}
        extra={
          error instanceof ApiError && error.code === 'CONFLICT' ? (
            <Link to="/progress">注册审核进度查询</Link>
          ) : undefined
        }
      />
      <div className="form-actions">
        <Button type="primary" htmlType="submit" size="large" loading={submitting}>
          提交注册
        </Button>
        <LinkButton size="large" to="/">
          返回首页
        </LinkButton>
      </div>
    </>
  );
}

/** The page once a registration is submitted: the server's message, who reviews it, how to log in. */
export function RegistrationDone({ title, children }: { title: string; children: ReactNode }) {
  return (
    <PortalLayout>
      <Card className="form-card-wide">
        <Result
          status="success"
          title={title}
          subTitle={children}
          extra={[
            <LinkButton key="progress" type="primary" to="/progress">
              查询审核进度
            </LinkButton>,
            <LinkButton key="home" to="/">
              返回首页
            </LinkButton>,
          ]}
        />
      </Card>
    </PortalLayout>
  );
}
