import { Alert, Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { learningPlatformsApi, type PlatformRecordItem } from '@ce/shared';
import { usePagedList } from '../../api/queries';
import { formatDateTime } from '../../lib/format';

/**
 * 学习平台报送暂未计入的学时: records a base's learning platform reported for the person that were
 * held (waiting for the HRSS bureau) or not registered, with the reason. Shown only when there are some.
 */
export function MyPlatformRecords() {
  const list = usePagedList(learningPlatformsApi.mine, {}, { limit: 50 });
  if (list.rows.length === 0) return null;
  const columns: ColumnsType<PlatformRecordItem> = [
    { title: '学习平台', dataIndex: 'platformName', width: 180 },
    { title: '课程', dataIndex: 'courseTitle', width: 200, render: (t: string, r) => <>{t}<div><Typography.Text type="secondary">{r.subjectLabel}{r.series ? `·${r.series}` : ''}</Typography.Text></div></> },
    { title: '学时', dataIndex: 'hours', width: 70 },
    { title: '完成时间', dataIndex: 'finishedAt', width: 150, render: (t: string) => formatDateTime(t) },
    { title: '状态', dataIndex: 'statusLabel', width: 110, render: (l: string, r) => <Tag color={r.status === 'held' ? 'gold' : 'red'}>{l}</Tag> },
    { title: '原因', dataIndex: 'reason', width: 320 },
  ];
  return (
    <Card title="学习平台报送、暂未计入的学时" style={{ marginTop: 16 }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="以下记录由继续教育基地的学习平台报送，因下列原因暂未计入学时。“暂存待审核”的由人社部门核实后放行或不予登记；如职称系列有误，请先在个人信息中更正。"
      />
      <Table rowKey="id" size="small" columns={columns} dataSource={list.rows} pagination={false} scroll={{ x: 1000 }} />
    </Card>
  );
}
