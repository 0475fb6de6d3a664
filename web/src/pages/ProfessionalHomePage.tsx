import { Alert, Card, Col, Result, Row, Skeleton } from 'antd';
import { Link } from 'react-router';
import { CHANGE_REQUEST_KIND_LABELS } from '@ce/shared';
import { errorMessage } from '../api/client';
import { PROFESSIONAL_MODULES, ProfessionalLayout } from '../components/ProfessionalLayout';
import { titleText } from '../lib/professionals';
import { useMyProfile } from './profile/queries';
import { ChainNoticesCard } from './portal/ChainNoticesCard';

/** The professional's home (个人中心): who they are, their certificate number, and their modules. */
export function ProfessionalHomePage() {
  return (
    <ProfessionalLayout>
      <HomeContent />
    </ProfessionalLayout>
  );
}

function HomeContent() {
  const profile = useMyProfile();
  if (profile.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (profile.isError)
    return <Result status="error" title="加载失败" subTitle={errorMessage(profile.error)} />;
  const p = profile.data;
  return (
    <>
      <section className="pro-identity" aria-label="个人信息">
        <div className="pro-identity-name">{p.name}</div>
        <div className="pro-identity-unit">
          {p.unit.name}
          {p.workDepartment ? ` · ${p.workDepartment.name}` : ''}
        </div>
        <div className="pro-certno-label">证书管理号（一人一号，调转单位不变）</div>
        <div className="pro-certno" data-testid="cert-no">
          {p.certNo}
        </div>
        <div className="pro-identity-title">专业技术职务：{titleText(p.titleSeries, p.titleLevel)}</div>
      </section>

      {p.pendingChanges.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`您的${p.pendingChanges.map((k) => CHANGE_REQUEST_KIND_LABELS[k]).join('、')}申请正在由所在单位审核`}
          action={<Link to="/me/profile?tab=history">查看变更记录</Link>}
        />
      )}
      {p.liveTransferId !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="您的单位调转正在办理中"
          action={<Link to="/me/profile?tab=transfer">查看进度</Link>}
        />
      )}

      <ChainNoticesCard />

      <Row gutter={[16, 16]}>
        {PROFESSIONAL_MODULES.map((m) => (
          <Col key={m.path} xs={24} sm={12}>
            <Link to={m.path} className="pro-module-link">
              <Card hoverable>
                <div className="pro-module">
                  <span className="pro-module-icon">{m.icon}</span>
                  <div>
                    <div className="pro-module-name">{m.label}</div>
                    <div className="muted">{m.note}</div>
                  </div>
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
