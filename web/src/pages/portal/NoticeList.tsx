import { Empty, Tag } from 'antd';
import { Link } from 'react-router';
import type { NoticeSummary } from '@ce/shared';
import { formatDate } from '../../lib/format';
import './portal.css';

/** Notices as a list of titles with publisher and date; pinned ones marked. */
export function NoticeList({ items, emptyText = '暂无通知公告' }: { items: NoticeSummary[]; emptyText?: string }) {
  if (items.length === 0) return <Empty className="notice-list" style={{ padding: 24, margin: 0 }} description={emptyText} />;
  return (
    <div className="notice-list" data-testid="notice-list">
      {items.map((n) => (
        <div key={n.id} className="notice-row">
          <Link to={`/notices/${n.id}`}>
            {n.pinned && <Tag color="red">置顶</Tag>}
            {n.title}
          </Link>
          <span className="notice-meta">
            {n.publisherName} · {n.publishedAt ? formatDate(n.publishedAt) : ''}
          </span>
        </div>
      ))}
    </div>
  );
}
