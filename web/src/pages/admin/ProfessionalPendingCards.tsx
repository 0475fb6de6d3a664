import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import type { AdminSummary, Me } from '../../api/types';
import { pageAllowed } from './access';

/** The console home's counts of what waits for this unit about its people: registrations, changes, transfers. */
export function ProfessionalPendingCards({
  me,
  summary,
  loading,
}: {
  me: Me;
  summary?: AdminSummary;
  loading: boolean;
}) {
  const cards = [
    {
      key: 'registrations',
      title: '待审核人员注册',
      value: summary?.pendingProfessionalRegistrations,
      to: '/admin/professional-registrations',
      allowed: pageAllowed.professionalRegistrations(me),
    },
    {
      key: 'changes',
      title: '待审核信息变更',
      value: summary?.pendingProfessionalChanges,
      to: '/admin/professional-changes',
      allowed: pageAllowed.professionalChanges(me),
    },
    {
      key: 'transfers',
      title: '待处理人员调转',
      value: summary?.pendingTransfers,
      to: '/admin/transfers',
      allowed: pageAllowed.transfers(me),
    },
  ].filter((c) => c.allowed);
  if (cards.length === 0) return null;
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      {cards.map((c) => (
        <Col key={c.key} xs={24} md={8}>
          <Card>
            <Statistic
              title={c.title}
              value={c.value ?? '—'}
              loading={loading}
              suffix={summary ? '人' : undefined}
            />
            <Link to={c.to}>去处理</Link>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
