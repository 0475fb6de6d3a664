import { Card, Col, Result, Row, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { POLICY_DOCUMENTS, REQUIREMENT_RULES, policyBySlug, type RequirementRule } from '@ce/shared';
import { LinkButton } from '../../components/LinkButton';
import { PortalLayout } from '../../components/PortalLayout';
import './portal.css';

const REQUIREMENTS = {
  slug: 'requirements',
  title: '各年度继续教育学时要求',
  summary: '2013年以来每年应完成的公需科目、专业科目学时，平台认定年度完成情况即按此表。',
};

/** 政策法规: the regulation, the e-certificate notice and the yearly requirement table. */
export function PoliciesPage() {
  const entries = [...POLICY_DOCUMENTS.map((d) => ({ slug: d.slug, title: d.title, summary: d.summary, note: [d.docNo, d.date].filter(Boolean).join(' · ') })), { ...REQUIREMENTS, note: '依据常见问题“各年度学时要求”' }];
  return (
    <PortalLayout>
      <Typography.Title level={3} className="section-title">
        政策法规
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {entries.map((e) => (
          <Col key={e.slug} xs={24} md={12} lg={8}>
            <Card title={<Link to={`/policies/${e.slug}`}>{e.title}</Link>} style={{ height: '100%' }}>
              <Typography.Paragraph type="secondary">{e.note}</Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 0 }}>{e.summary}</Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
    </PortalLayout>
  );
}

const levelText = (r: RequirementRule) => {
  const levels = r.condition.titleLevels;
  if (!levels) return '不分职称等级';
  return levels.includes('junior') ? '初级（含员级）' : '中级、副高级、正高级';
};
const areaText = (r: RequirementRule) => {
  if (r.condition.regionPrefixes?.includes('4101')) return '郑州地区（不含巩义市）';
  if (r.fromYear <= 2017 && r.toYear !== null && r.toYear >= 2016) return '郑州以外地区';
  return '全省';
};

function RequirementsArticle() {
  return (
    <article className="article">
      <h1>{REQUIREMENTS.title}</h1>
      <div className="article-meta">依据：《河南省专业技术人员继续教育证书管理办法》第五条、第八条；平台常见问题“各年度学时要求”</div>
      <Table<RequirementRule>
        rowKey={(r) => `${r.fromYear}-${areaText(r)}-${levelText(r)}`}
        size="middle"
        pagination={false}
        dataSource={[...REQUIREMENT_RULES]}
        scroll={{ x: 560 }}
        columns={[
          { title: '年度', render: (_, r) => (r.toYear === null ? `${r.fromYear}年至今` : `${r.fromYear}—${r.toYear}年`) },
          { title: '适用范围', render: (_, r) => `${areaText(r)} · ${levelText(r)}` },
          { title: '公需科目（学时）', dataIndex: 'publicHours', align: 'right' },
          { title: '专业科目（学时）', dataIndex: 'professionalHours', align: 'right' },
          { title: '合计', align: 'right', render: (_, r) => r.publicHours + r.professionalHours },
        ]}
      />
      <div className="article-body" style={{ marginTop: 16 }}>
        <p>年度内在境外工作超过6个月、病假超过6个月、生育或经业务主管部门批准的其他情况，可按实际在岗时间折算应完成的学时（第八条）；参加援藏、援疆、援外及到基层、贫困地区支教、支农、支医、扶贫和挂职锻炼工作满一年的，可计算完成年度全部学时（第七条第十一项）。</p>
        <p>
          自己的完成情况请登录后在“年度完成情况”中查看：<Link to="/me/completion">年度完成情况</Link>。
        </p>
      </div>
    </article>
  );
}

export function PolicyPage() {
  const slug = useParams().slug ?? '';
  const doc = policyBySlug(slug);
  return (
    <PortalLayout>
      <div style={{ marginBottom: 12 }}>
        <Link to="/policies">政策法规</Link> / {doc?.title ?? (slug === REQUIREMENTS.slug ? REQUIREMENTS.title : '未找到')}
      </div>
      {slug === REQUIREMENTS.slug ? (
        <RequirementsArticle />
      ) : !doc ? (
        <Result status="404" title="没有找到该文件" extra={<LinkButton to="/policies">返回政策法规</LinkButton>} />
      ) : (
        <article className="article" data-testid="policy-document">
          <h1>{doc.title}</h1>
          <div className="article-meta">
            {[doc.docNo, doc.issuer, doc.date].filter(Boolean).join(' · ')} ·{' '}
            <a href={doc.sourceUrl} target="_blank" rel="noreferrer">
              原文
            </a>
          </div>
          <div className="article-body">
            {doc.sections.map((s, i) => (
              <section key={i}>
                {s.heading && (s.heading.startsWith('第') ? null : <p className="article-heading">{s.heading}</p>)}
                {s.paragraphs.map((p, j) => (
                  <p key={j}>
                    {j === 0 && s.heading?.startsWith('第') && <strong style={{ marginRight: '1em' }}>{s.heading}</strong>}
                    {p}
                  </p>
                ))}
              </section>
            ))}
            {doc.closing.map((c) => (
              <p key={c} style={{ textAlign: 'right' }}>
                {c}
              </p>
            ))}
          </div>
        </article>
      )}
    </PortalLayout>
  );
}
