import { Button, Form, Input, Select, Tag, Upload, type FormInstance, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { CONSULTATION_CATEGORIES, CONSULTATION_LIMITS, consultationQuestion, type ConsultationStatus, type ConsultationThread } from '@ce/shared';
import { formatDateTime } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import '../portal/portal.css';

const STATUS_COLOURS: Record<ConsultationStatus, string> = { open: 'orange', answered: 'green', closed: 'default' };

export const StatusTag = ({ status, label }: { status: ConsultationStatus; label: string }) => <Tag color={STATUS_COLOURS[status]}>{label}</Tag>;

/** The thread of a consultation: the asker's messages on the right, the organisations' on the left. */
export function ThreadView({ thread, attachmentHref }: { thread: ConsultationThread; attachmentHref?: string }) {
  return (
    <div className="thread" data-testid="thread">
      {thread.messages.map((m) => (
        <div key={m.id} className={`thread-message kind-${m.kind}${m.fromAsker ? ' from-asker' : ''}`}>
          <div className="thread-author">
            {m.author} · {m.kindLabel} · {formatDateTime(m.at)}
          </div>
          {m.text}
          {m.kind === 'question' && thread.attachment && attachmentHref && (
            <div style={{ marginTop: 6 }}>
              <a href={attachmentHref} target="_blank" rel="noreferrer">
                附件：{thread.attachment.name}
              </a>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

export interface QuestionValues {
  category: string;
  title: string;
  text: string;
  file?: UploadFile[];
}

/** Category, one-line summary, description and an optional attachment (checked again on the server). */
export function QuestionFields() {
  const shape = consultationQuestion.shape;
  return (
    <>
      <Form.Item name="category" label="问题类别" rules={[zodRule(shape.category)]}>
        <Select placeholder="请选择" options={CONSULTATION_CATEGORIES.map((c) => ({ value: c.code, label: c.label }))} />
      </Form.Item>
      <Form.Item name="title" label="问题概括" rules={[zodRule(shape.title)]}>
        <Input maxLength={60} showCount placeholder="一句话说明问题，例如：2025年度证书无法打印" />
      </Form.Item>
      <Form.Item name="text" label="问题描述" rules={[zodRule(shape.text)]}>
        <Input.TextArea rows={5} maxLength={CONSULTATION_LIMITS.textMax} showCount placeholder="请写明操作的页面、看到的提示和您希望办理的事项" />
      </Form.Item>
      <Form.Item name="file" label="附件（可选）" valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)} extra="截图或文件，PDF、JPG、PNG，不超过10MB">
        <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.jpg,.jpeg,.png">
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
    </>
  );
}

/** The question as multipart form data (text fields and the optional file). */
export function questionForm(values: QuestionValues): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) {
    if (k === 'file' || v === undefined || v === null) continue;
    fd.append(k, String(v));
  }
  const file = values.file?.[0]?.originFileObj;
  if (file) fd.append('file', file, file.name);
  return fd;
}

export type { FormInstance };
