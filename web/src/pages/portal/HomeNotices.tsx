import { useState } from 'react';
import { Card, Col, List, Row } from 'antd';
import { BookOutlined, CommentOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { noticesApi, POLICY_DOCUMENTS } from '@ce/shared';
import { errorMessage } from '../../api/client';
import { useEndpoint } from '../../api/queries';
import { CitySelect, saveCity, savedCity } from './CitySelect';
import { NoticeList } from './NoticeList';

/** The portal home's 通知公告 (the province's, plus a chosen city's) beside 政策法规, 帮助中心, 在线咨询. */
export function HomeNotices() {
  const [city, setCity] = useState(savedCity);
  const notices = useEndpoint(noticesApi.publicList, { query: { city, limit: 8 } });
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
      <Col xs={24} lg={16}>
        <Card
          title="通知公告"
          size="small"
          loading={notices.isPending}
          extra={
            <span style={{ display: 'inline-flex', gap: 12, alignItems: 'center' }}>
              <CitySelect
                value={city}
                onChange={(c) => {
                  setCity(c);
                  saveCity(c);
                }}
              />
              <Link to="/notices">更多</Link>
            </span>
          }
        >
          {notices.isError ? errorMessage(notices.error) : <NoticeList items={notices.data?.items ?? []} />}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title="政策法规" size="small" extra={<Link to="/policies">更多</Link>} style={{ marginBottom: 16 }}>
          <List
            size="small"
            dataSource={[...POLICY_DOCUMENTS.map((d) => ({ to: `/policies/${d.slug}`, title: d.title })), { to: '/policies/requirements', title: '各年度继续教育学时要求' }]}
            renderItem={(d) => (
              <List.Item>
                <Link to={d.to}>
                  <BookOutlined /> {d.title}
                </Link>
              </List.Item>
            )}
          />
        </Card>
        <Card size="small">
          <Row gutter={8}>
            <Col span={12}>
              <Link to="/help" className="home-quick">
                <QuestionCircleOutlined /> 帮助中心
              </Link>
            </Col>
            <Col span={12}>
              <Link to="/consult" className="home-quick">
                <CommentOutlined /> 在线咨询
              </Link>
            </Col>
          </Row>
        </Card>
      </Col>
    </Row>
  );
}
