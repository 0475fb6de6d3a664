import { Form, Input } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { PASSWORD_RULE_TEXT, passwordProblem } from '@ce/shared';

interface Props {
  name: NamePath;
  confirmName: NamePath;
  label?: string;
  confirmLabel?: string;
}

/** New password + confirmation, checked locally with the same rule the server applies. */
export function PasswordFields({ name, confirmName, label = '密码', confirmLabel = '确认密码' }: Props) {
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={PASSWORD_RULE_TEXT}
        rules={[
          { required: true, message: '请输入密码' },
          {
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              const problem = passwordProblem(value);
              if (problem) throw new Error(problem);
            },
          },
        ]}
        hasFeedback
      >
        <Input.Password autoComplete="new-password" placeholder="请设置密码" />
      </Form.Item>
      <Form.Item
        name={confirmName}
        label={confirmLabel}
        dependencies={[name]}
        hasFeedback
        rules={[
          { required: true, message: '请再次输入密码' },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (!value || getFieldValue(name) === value) return;
              throw new Error('两次输入的密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" placeholder="请再次输入密码" />
      </Form.Item>
    </>
  );
}
