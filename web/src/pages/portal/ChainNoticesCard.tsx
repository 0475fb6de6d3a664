import { Card } from 'antd';
import { Link } from 'react-router';
import { noticesApi } from '@ce/shared';
import { errorMessage } from '../../api/client';
import { useEndpoint } from '../../api/queries';
import { NoticeList } from './NoticeList';

/** A signed-in user's home: notices of their organisation and every organisation above it. */
export function ChainNoticesCard() {
  const notices = useEndpoint(noticesApi.mine, { query: { limit: 8 } });
  return (
    <Card title="通知公告" size="small" extra={<Link to="/notices">更多</Link>} style={{ marginBottom: 16 }} loading={notices.isPending} data-testid="chain-notices">
      {notices.isError ? errorMessage(notices.error) : <NoticeList items={notices.data?.items ?? []} emptyText="上级部门暂无通知" />}
    </Card>
  );
}
