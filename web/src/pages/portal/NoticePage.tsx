import { List, Result, Skeleton } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { noticesApi } from '@ce/shared';
import { errorMessage, href } from '../../api/client';
import { useEndpoint } from '../../api/queries';
import { LinkButton } from '../../components/LinkButton';
import { PortalLayout } from '../../components/PortalLayout';
import { formatDate } from '../../lib/format';
import './portal.css';

const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** One notice: its sanitised body (the server stores only allowlisted HTML) and attachments. */
export function NoticePage() {
  const id = Number(useParams().id);
  const notice = useEndpoint(noticesApi.detail, { params: { id } }, { retry: false });
  return (
    <PortalLayout>
      {notice.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : notice.isError ? (
        <Result status="404" title="通知不存在或已撤回" subTitle={errorMessage(notice.error)} extra={<LinkButton to="/notices">返回通知公告</LinkButton>} />
      ) : (
        <article className="article">
          <h1>{notice.data.title}</h1>
          <div className="article-meta">
            发布单位：{notice.data.publisherName} · 发布日期：{formatDate(notice.data.publishedAt)}
          </div>
          {/* Sanitised on the server (sanitize-html allowlist) before it was stored. */}
          <div className="article-body" dangerouslySetInnerHTML={{ __html: notice.data.bodyHtml }} />
          {notice.data.attachments.length > 0 && (
            <div className="article-attachments">
              <List
                header="附件"
                size="small"
                dataSource={notice.data.attachments}
                renderItem={(a) => (
                  <List.Item>
                    <a href={href(noticesApi.attachment, { params: { id, fileId: a.fileId } })} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {a.name}
                    </a>
                    <span className="notice-meta">{size(a.size)}</span>
                  </List.Item>
                )}
              />
            </div>
          )}
        </article>
      )}
    </PortalLayout>
  );
}
