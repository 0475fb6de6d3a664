import type { Key, ReactNode } from 'react';
import { Button, List, Modal, Tag, Typography } from 'antd';

/** One item of a bulk review: who or what, whether it went through, and the answer's message. */
export interface BatchResultRow {
  key: Key;
  label: ReactNode;
  ok: boolean;
  message: string;
}

/**
 * 批量审核结果: how many items of a bulk approve/reject went through and, item by item, why one did
 * not. `running` while the items are still being sent one by one (the modal cannot be closed then);
 * `measure` counts them ("个" people or organisations, "条" declarations).
 */
export function BatchResultModal({
  open,
  title = '批量审核结果',
  rows,
  measure,
  running = false,
  onClose,
  rowTestId,
}: {
  open: boolean;
  title?: string;
  rows: readonly BatchResultRow[];
  measure: string;
  running?: boolean;
  onClose: () => void;
  rowTestId?: string;
}) {
  const succeeded = rows.filter((r) => r.ok).length;
  return (
    <Modal
      open={open}
      title={running ? '正在逐个审核…' : title}
      closable={!running}
      mask={{ closable: !running }}
      footer={
        <Button type="primary" disabled={running} onClick={onClose}>
          知道了
        </Button>
      }
      onCancel={() => !running && onClose()}
    >
      {open && (
        <>
          <Typography.Paragraph>
            成功 {succeeded} {measure}，失败 {rows.length - succeeded} {measure}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={[...rows]}
            rowKey="key"
            renderItem={(r) => (
              <List.Item data-testid={rowTestId}>
                <span>{r.label}</span>
                <Tag color={r.ok ? 'green' : 'red'}>{r.message}</Tag>
              </List.Item>
            )}
          />
        </>
      )}
    </Modal>
  );
}
