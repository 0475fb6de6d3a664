import { Alert, Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ORG_KIND_LABELS, regionDisplayName } from '@ce/shared';
import { api, errorMessage } from '../../api/client';
import type { AdminSummary } from '../../api/types';
import { useSignedIn } from '../../components/RequireAdmin';
import { pageAllowed } from './access';
import { DeclarationPendingCard } from './DeclarationPendingCard';
import { ProfessionalPendingCards } from './ProfessionalPendingCards';

function safeRegionName(code: string) {
  try {
    return regionDisplayName(code);
  } catch {
    return code;
  }
}

/** Console home: what waits for this admin and the size of their organisation subtree. */
export function DashboardPage() {
  const me = useSignedIn();
  const summary = useQuery({
    queryKey: ['admin', 'summary'],
    queryFn: () => api.get<AdminSummary>('/api/admin/summary'),
  });
  const canReview = pageAllowed.registrations(me);
  const canList = pageAllowed.organisations(me);
  const s = summary.data;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <div className="welcome">
          <div className="welcome-name">{me.org.name}</div>
          <div className="muted">
            {ORG_KIND_LABELS[me.org.kind]} · {safeRegionName(me.org.regionCode)} · 管理员 {me.name}
            {me.workDepartmentScope && me.workDepartmentScope.length > 0 && (
              <> · 管理范围：{me.workDepartmentScope.map((w) => w.name).join('、')}</>
            )}
          </div>
        </div>
      </Card>
      {summary.isError && (
        <Alert type="error" showIcon title={errorMessage(summary.error)} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title="待审核注册"
              value={s?.pendingOrganisationRegistrations ?? '—'}
              loading={summary.isPending}
              suffix={s ? '个' : undefined}
            />
            {canReview ? (
              <Link to="/admin/registrations">去审核</Link>
            ) : (
              <span className="muted">您没有注册审核权限</span>
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title="下级机构（已通过）"
              value={s?.childOrganisations ?? '—'}
              loading={summary.isPending}
              suffix={s ? '个' : undefined}
            />
            {canList ? (
              <Link to="/admin/organisations">查看机构</Link>
            ) : (
              <span className="muted">直接隶属于本机构</span>
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title="辖区机构总数"
              value={s?.subtreeOrganisations ?? '—'}
              loading={summary.isPending}
              suffix={s ? '个' : undefined}
            />
            <span className="muted">本机构以下各级机构</span>
          </Card>
        </Col>
      </Row>
      <ProfessionalPendingCards me={me} summary={s} loading={summary.isPending} />
      <DeclarationPendingCard me={me} summary={s} loading={summary.isPending} />
    </>
  );
}
