import { Fragment } from 'react';
import { Button, Card, Col, Collapse, Empty, Input, Result, Row, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { consultationsApi, HELP_AUDIENCE_LABELS, helpArticle, searchHelp, type HelpArticle, type HelpBlock } from '@ce/shared';
import { usePagedList } from '../../api/queries';
import { LinkButton } from '../../components/LinkButton';
import { PortalLayout } from '../../components/PortalLayout';
import './portal.css';

/** 帮助中心 (R-32): user guides and FAQ written for this platform, searchable, plus bureaus' FAQ entries. */
export function HelpPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const articles = searchHelp(q);
  const guides = articles.filter((a) => a.kind === 'guide');
  const faq = articles.filter((a) => a.kind === 'faq');
  const published = usePagedList(consultationsApi.publicFaq, { query: { q: q || undefined } }, { limit: 20 });
  return (
    <PortalLayout>
      <Typography.Title level={3} className="section-title">
        帮助中心
      </Typography.Title>
      <Input.Search
        size="large"
        placeholder="输入关键字搜索，例如：忘记密码、证书打印、可验证凭证"
        defaultValue={q}
        allowClear
        enterButton="搜索"
        style={{ maxWidth: 560, marginBottom: 20 }}
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
      />
      <Typography.Title level={4}>使用指南</Typography.Title>
      {guides.length === 0 ? (
        <Empty description="没有找到相关的使用指南" />
      ) : (
        <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
          {guides.map((a) => (
            <Col key={a.slug} xs={24} sm={12} lg={8}>
              <Card size="small" title={<Link to={`/help/${a.slug}`}>{a.title}</Link>} extra={<Tag>{HELP_AUDIENCE_LABELS[a.audience]}</Tag>} style={{ height: '100%' }}>
                {a.summary}
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Typography.Title level={4}>常见问题</Typography.Title>
      {faq.length + published.rows.length === 0 ? (
        <Empty description="没有找到相关问题，可以在线咨询" />
      ) : (
        <Collapse
          data-testid="faq"
          items={[
            ...faq.map((a) => ({ key: a.slug, label: a.title, children: <ArticleBody article={a} /> })),
            ...published.rows.map((f) => ({
              key: `faq-${f.id}`,
              label: (
                <>
                  {f.question} <Tag>{f.categoryLabel}</Tag>
                </>
              ),
              children: (
                <>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.answer}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {f.publisherName}答复 · {f.publishedAt.slice(0, 10)}
                  </Typography.Text>
                </>
              ),
            })),
          ]}
        />
      )}
      {published.hasNextPage && (
        <Button style={{ marginTop: 12 }} loading={published.isFetchingNextPage} onClick={() => void published.fetchNextPage()}>
          更多常见问题
        </Button>
      )}
      <Card style={{ marginTop: 24 }}>
        没有找到答案？ <LinkButton type="primary" to="/consult">在线咨询</LinkButton>
      </Card>
    </PortalLayout>
  );
}

function Block({ block }: { block: HelpBlock }) {
  if ('h' in block) return <Typography.Title level={5}>{block.h}</Typography.Title>;
  if ('p' in block) return <Typography.Paragraph>{block.p}</Typography.Paragraph>;
  if ('steps' in block)
    return (
      <ol className="help-steps">
        {block.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    );
  return (
    <div className="help-links">
      {block.links.map((l) => (
        <LinkButton key={l.to} size="small" to={l.to}>
          {l.label}
        </LinkButton>
      ))}
    </div>
  );
}

export function ArticleBody({ article }: { article: HelpArticle }) {
  return (
    <>
      {article.body.map((b, i) => (
        <Fragment key={i}>
          <Block block={b} />
        </Fragment>
      ))}
    </>
  );
}

export function HelpArticlePage() {
  const article = helpArticle(useParams().slug ?? '');
  return (
    <PortalLayout>
      <div style={{ marginBottom: 12 }}>
        <Link to="/help">帮助中心</Link> / {article?.title ?? '未找到'}
      </div>
      {!article ? (
        <Result status="404" title="没有找到该帮助文章" extra={<LinkButton to="/help">返回帮助中心</LinkButton>} />
      ) : (
        <article className="article" data-testid="help-article">
          <h1>{article.title}</h1>
          <div className="article-meta">适用于：{HELP_AUDIENCE_LABELS[article.audience]}</div>
          <ArticleBody article={article} />
        </article>
      )}
    </PortalLayout>
  );
}
