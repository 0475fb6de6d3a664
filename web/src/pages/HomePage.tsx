import { Card, Col, Row, Typography } from 'antd';
import {
  ApartmentOutlined,
  BankOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS, type AccountRole } from '@ce/shared';
import type { ReactNode } from 'react';
import { LinkButton } from '../components/LinkButton';
import { PortalLayout } from '../components/PortalLayout';
import { HomeNotices } from './portal/HomeNotices';

interface Entry {
  role: AccountRole;
  icon: ReactNode;
  note: string;
  /** Self-registration route; absent where accounts come another way. */
  register?: string;
}

const ENTRIES: Entry[] = [
  {
    role: 'professional',
    icon: <UserOutlined />,
    note: '在所在单位下注册，申报学时、打印证书',
    register: '/register/professional',
  },
  { role: 'unit', icon: <TeamOutlined />, note: '审核本单位人员注册与学时', register: '/register/unit' },
  {
    role: 'department',
    icon: <ApartmentOutlined />,
    note: '审核所属单位注册与学时',
    register: '/register/department',
  },
  { role: 'hrss', icon: <BankOutlined />, note: '账号由上级人社部门创建' },
  { role: 'base', icon: <ReadOutlined />, note: '为培训人员申报学时', register: '/register/base' },
];

/** Portal home: the platform in a few honest words and the 管理入口 of every role. */
export function HomePage() {
  return (
    <PortalLayout>
      <section className="home-intro">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          继续教育服务窗口
        </Typography.Title>
        <Typography.Paragraph>
          {'本平台供全省各级人社部门、行业主管部门、用人单位和继续教育基地登记、审核、查询专业技术人员继续教育信息，' +
            '专业技术人员在此申报学时并打印继续教育电子证书。本平台为管理平台，不提供继续教育课程学习服务。'}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {'注册顺序：主管部门在同级人社部门下注册 → 用人单位在主管部门（或人社部门、上级单位）下注册 → ' +
            '专业技术人员在所在单位下注册。每一级注册均由上级机构管理员人工审核，审核通过后方可登录。'}
        </Typography.Paragraph>
      </section>

      <HomeNotices />

      <Typography.Title level={4} className="section-title">
        管理入口
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {ENTRIES.map((e) => (
          <Col key={e.role} xs={24} sm={12} lg={8} xl={8}>
            <Card className="entry-card" data-testid={`entry-${e.role}`}>
              <div className="entry-head">
                <span className="entry-icon">{e.icon}</span>
                <div>
                  <div className="entry-name">{ROLE_LABELS[e.role]}</div>
                  <div className="entry-note">{e.note}</div>
                </div>
              </div>
              <div className="entry-actions">
                <LinkButton type="primary" to={`/login?role=${e.role}`}>
                  登录
                </LinkButton>
                {e.register && <LinkButton to={e.register}>注册</LinkButton>}
              </div>
            </Card>
          </Col>
        ))}
        <Col xs={24} sm={12} lg={8} xl={8}>
          <Card className="entry-card">
            <div className="entry-head">
              <span className="entry-icon">
                <SearchOutlined />
              </span>
              <div>
                <div className="entry-name">注册审核进度查询</div>
                <div className="entry-note">查看注册申请由哪个机构审核、审核结果，可撤回待审核的申请</div>
              </div>
            </div>
            <div className="entry-actions">
              <LinkButton to="/progress" icon={<SafetyCertificateOutlined />}>
                查询进度
              </LinkButton>
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={8} xl={8}>
          <Card className="entry-card" data-testid="entry-certificates">
            <div className="entry-head">
              <span className="entry-icon">
                <SafetyCertificateOutlined />
              </span>
              <div>
                <div className="entry-name">证书查询</div>
                <div className="entry-note">
                  按证书管理号或身份证号+姓名查询继续教育电子证书，扫码核验证书真伪
                </div>
              </div>
            </div>
            <div className="entry-actions">
              <LinkButton type="primary" to="/certificates" icon={<SearchOutlined />}>
                查询证书
              </LinkButton>
              <LinkButton to="/verify">证书验证</LinkButton>
            </div>
          </Card>
        </Col>
      </Row>
    </PortalLayout>
  );
}
