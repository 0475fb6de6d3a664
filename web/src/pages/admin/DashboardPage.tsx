import { Alert, Card, Col, Empty, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  ORG_KIND_LABELS,
  homeApi,
  organisationsApi,
  regionDisplayName,
  waitingDays,
  type QueueSummary,
} from '@ce/shared';
import { errorMessage } from '../../api/client';
import { useEndpoint } from '../../api/queries';
import { useSignedIn } from '../../components/RequireAdmin';
import { pageAllowed } from './access';
import { ChainNoticesCard } from '../portal/ChainNoticesCard';

function safeRegionName(code: string) {
  try {
    return regionDisplayName(code);
  } catch {
    return code;
  }
}

/** One work queue: how many wait, how many are 逾期, how long the oldest has waited, the way in. */
function QueueCard({ q, days }: { q: QueueSummary; days: number }) {
  const waited = q.oldestSince ? waitingDays(q.oldestSince, new Date()) : null;
  return (
    <Card size="small" className={q.overdue > 0 ? 'queue-card queue-card-overdue' : 'queue-card'}>
      <Statistic title={q.label} value={q.count} suffix={q.unit} />
      <div className="queue-card-meta">
        {q.overdue > 0 && <Tag color="red">逾期 {q.overdue}</Tag>}
        {waited === null ? (
          <span className="muted">暂无待办</span>
        ) : (
          <span className={waited > days ? 'queue-card-late' : 'muted'}>最久已等待 {waited} 天</span>
        )}
      </div>
      <Link to={q.link}>{q.count > 0 ? '去处理' : '查看'}</Link>
    </Card>
  );
}

/** 首页: what waits in each of this admin's queues (one server registry), and the size of their subtree. */
export function DashboardPage() {
  const me = useSignedIn();
  const home = useEndpoint(homeApi.queues, {});
  const summary = useEndpoint(organisationsApi.adminSummary, {});
  const canList = pageAllowed.organisations(me);
  const h = home.data;
  const s = summary.data;
  const overdue = h?.queues.reduce((n, q) => n + q.overdue, 0) ?? 0;
  // A unit with no units under it has no subtree to show ("下级机构 0个" says nothing).
  const showSubtree = me.org.kind !== 'unit' || (s?.childOrganisations ?? 0) > 0;
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
      {home.isError && (
        <Alert type="error" showIcon title={errorMessage(home.error)} style={{ marginBottom: 16 }} />
      )}
      <Card
        title="待办事项"
        loading={home.isPending}
        style={{ marginBottom: 16 }}
        extra={h && <span className="muted">审核时限：每级 {h.reviewDeadlineDays} 天，超过即为逾期</span>}
      >
        {h && overdue > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`有 ${overdue} 项待办已超过审核时限，请优先处理标有“逾期”的事项。`}
          />
        )}
        {h && h.queues.length === 0 ? (
          <Empty description="您的角色没有需要审核的事项" />
        ) : (
          <Row gutter={[16, 16]}>
            {h?.queues.map((q) => (
              <Col key={q.key} xs={24} sm={12} lg={8} xl={6}>
                <QueueCard q={q} days={h.reviewDeadlineDays} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      {summary.isError && (
        <Alert type="error" showIcon title={errorMessage(summary.error)} style={{ marginBottom: 16 }} />
      )}
      {showSubtree && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Card size="small">
              <Statistic
                title="下级机构（已通过）"
                value={s?.childOrganisations ?? '—'}
                loading={summary.isPending}
                suffix={s ? '个' : undefined}
              />
              {canList ? (
                <Link to="/admin/organisations">查看机构</Link>
              ) : (
                <Typography.Text type="secondary">直接隶属于本机构</Typography.Text>
              )}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small">
              <Statistic
                title="辖区机构总数"
                value={s?.subtreeOrganisations ?? '—'}
                loading={summary.isPending}
                suffix={s ? '个' : undefined}
              />
              <Typography.Text type="secondary">本机构以下各级机构</Typography.Text>
            </Card>
          </Col>
        </Row>
      )}
      <div style={{ marginTop: 16 }}>
        <ChainNoticesCard />
      </div>
    </>
  );
}
