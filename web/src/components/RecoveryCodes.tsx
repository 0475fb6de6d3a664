import { Alert, App, Button, Space, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { saveBlob } from '../lib/download';

/**
 * Recovery codes as the server hands them out once: shown in a grid, copied or downloaded as a
 * text file. The platform keeps only their hashes, so this is the only time they can be read.
 */
export function RecoveryCodes({ codes, name }: { codes: string[]; name: string }) {
  const { message } = App.useApp();
  const text = [
    '河南省专业技术人员继续教育公共服务平台 动态口令恢复码',
    `账号：${name}`,
    '每个恢复码只能使用一次；手机验证器丢失时，在登录第二步选择“使用恢复码”。',
    '',
    ...codes,
    '',
  ].join('\n');
  return (
    <div>
      <Alert
        type="warning"
        showIcon
        title="请立即保存恢复码：离开本页后将无法再次查看"
        description="手机验证器丢失或更换时，可用恢复码完成登录，每个恢复码只能使用一次。请打印或保存在安全的地方。"
        style={{ marginBottom: 16 }}
      />
      <div className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <Typography.Text key={c} code style={{ fontSize: 16 }}>
            {c}
          </Typography.Text>
        ))}
      </div>
      <Space style={{ marginTop: 16 }}>
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            navigator.clipboard
              .writeText(codes.join('\n'))
              .then(() => void message.success('恢复码已复制'))
              .catch(() => void message.error('复制失败，请手动抄写或下载'))
          }
        >
          复制恢复码
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => saveBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), '动态口令恢复码.txt')}>
          下载恢复码
        </Button>
      </Space>
    </div>
  );
}
