import type { ReactNode } from 'react';
import { Form, Input, Modal, Tag } from 'antd';

interface Props {
  open: boolean;
  title: string;
  /** What happens, in a sentence, above the reason field. */
  intro?: ReactNode;
  label?: string;
  okText?: string;
  placeholder?: string;
  loading?: boolean;
  /** Common reasons to pick (each click adds one to the text, which stays editable). */
  presets?: readonly string[];
  /**
   * false: an optional remark (审核意见 of an approval), the OK button not marked dangerous;
   * true (default): a refusal's reason, at least two characters.
   */
  required?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}

/** Common reasons an hour declaration is refused (不通过 / 驳回), offered to pick. */
export const HOUR_REFUSAL_REASONS = [
  '证明材料不清晰',
  '学时超出标准',
  '与已申报记录重复',
  '学习内容与科目不符',
] as const;

/** Adds a picked reason to what is written, once. */
export const withPreset = (text: string, preset: string) => {
  const current = text.trim();
  if (current.split(/[；;]/).some((part) => part.trim() === preset)) return current;
  return current ? `${current}；${preset}` : preset;
};

/**
 * Asks for the reason of a refusal (不通过 / 驳回 / 注销), at least two characters, with common
 * reasons to pick; or, with `required={false}`, an optional 审核意见 for an approval.
 */
export function ReasonModal({
  open,
  title,
  intro,
  label = '不通过原因',
  okText = '确认不通过',
  placeholder,
  loading,
  presets,
  required = true,
  onCancel,
  onSubmit,
}: Props) {
  const [form] = Form.useForm<{ reason?: string }>();
  const reason = Form.useWatch('reason', form) ?? '';
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: required, loading }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {intro && <div style={{ marginBottom: 12 }}>{intro}</div>}
      <Form form={form} name="reason" layout="vertical" onFinish={(v) => onSubmit((v.reason ?? '').trim())}>
        {presets && presets.length > 0 && (
          <div className="reason-presets" aria-label="常用原因">
            <span className="muted">常用原因：</span>
            {presets.map((p) => (
              <Tag.CheckableTag
                key={p}
                checked={reason.split(/[；;]/).some((part) => part.trim() === p)}
                onChange={() =>
                  form.setFieldsValue({ reason: withPreset(form.getFieldValue('reason') ?? '', p) })
                }
              >
                {p}
              </Tag.CheckableTag>
            ))}
          </div>
        )}
        <Form.Item
          name="reason"
          label={label}
          rules={
            required
              ? [
                  { required: true, whitespace: true, message: `请填写${label}` },
                  { min: 2, message: `请填写${label}（至少2个字）` },
                ]
              : []
          }
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
