import type { ReactNode } from 'react';
import { Form, Input, Modal } from 'antd';

interface Props {
  open: boolean;
  title: string;
  /** What happens, in a sentence, above the reason field. */
  intro?: ReactNode;
  label?: string;
  okText?: string;
  placeholder?: string;
  loading?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}

/** Asks for the reason of a refusal (不通过 / 不同意 / 注销), at least two characters. */
export function ReasonModal({
  open,
  title,
  intro,
  label = '不通过原因',
  okText = '确认不通过',
  placeholder,
  loading,
  onCancel,
  onSubmit,
}: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true, loading }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {intro && <div style={{ marginBottom: 12 }}>{intro}</div>}
      <Form form={form} name="reason" layout="vertical" onFinish={(v) => onSubmit(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { min: 2, message: `请填写${label}（至少2个字）` },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={label.includes('注销') ? 200 : 500}
            showCount
            placeholder={placeholder}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
