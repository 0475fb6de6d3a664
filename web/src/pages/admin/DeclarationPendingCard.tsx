import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import type { AdminSummary, Me } from '../../api/types';
import { can, pageAllowed } from './access';

/**
 * The console home's count of declarations waiting for this organisation, all 认证年度 together
 * the queue opens on the current year and says how many wait in other years.
 */
export function DeclarationPendingCard({ me, summary, loading }: { me: Me; summary?: AdminSummary; loading: boolean }) {
  if (!pageAllowed.declarations(me) || !can(me, 'declaration.review')) return null;
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={24} md={8}>
        <Card>
          <Statistic
            title="待审核学时"
            value={summary?.pendingDeclarations ?? '—'}
            loading={loading}
            suffix={summary ? '条' : undefined}
          />
          <Link to="/admin/declarations">去审核</Link>
        </Card>
      </Col>
    </Row>
  );
}
