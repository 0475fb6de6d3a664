import { Alert, Button, Card, Descriptions, Result, Skeleton, Tag } from 'antd';
import { PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { formatHours, sharingApi, type SharedView, type SharedYear, SUBJECT_LABELS } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import { PortalLayout } from '../../components/PortalLayout';
import './sharing.css';
import { dayText } from '../../lib/format';

/**
 * 共享查看 (issue 14): what a title-review committee or an employer opens from the holder's share
 * link — no account, read-only, printable, readable on a phone. Only the shared years; an expired or
 * revoked link says so.
 */
export function SharePage() {
  const { token = '' } = useParams();
  const page = useQuery({
    queryKey: ['shared', token],
    queryFn: () => call(sharingApi.view, { params: { token } }),
    retry: false,
    staleTime: Infinity,
  });
  return (
    <PortalLayout>
      <div className="share">
        {page.isPending ? (
          <Skeleton active paragraph={{ rows: 10 }} />
        ) : page.isError ? (
          <Result status="warning" title="无法打开共享链接" subTitle={errorMessage(page.error)} />
        ) : page.data.state !== 'active' ? (
          <Result
            status="warning"
            title={page.data.state === 'expired' ? '共享链接已过期' : '共享链接已撤销'}
            subTitle={page.data.message}
          />
        ) : (
          <Shared view={page.data} />
        )}
      </div>
    </PortalLayout>
  );
}

function Shared({ view }: { view: SharedView }) {
  const holder = view.holder!;
  return (
    <>
      <Card className="share-head">
        <h1 className="share-title">专业技术人员继续教育学时记录</h1>
        <p className="share-sub">
          共享给：<b>{view.recipient}</b> 有效期至 {dayText(view.expiresAt)} 查看时间 {dayText(view.viewedAt)}
        </p>
        <Alert type="info" showIcon className="share-note" message={view.message} />
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 3 }}
          className="share-holder"
          items={[
            { key: 'name', label: '姓名', children: holder.name },
            {
              key: 'id',
              label: '身份证号',
              children: (
                <>
                  {holder.idNumber}
                  {holder.idNumberMasked && <span className="share-muted">（持证人选择脱敏显示）</span>}
                </>
              ),
            },
            { key: 'cert', label: '证书管理号', children: holder.certNo },
          ]}
        />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="share-print">
          打印本页
        </Button>
      </Card>
      {view.years.map((y) => (
        <YearBlock key={y.year} y={y} />
      ))}
      <p className="share-foot">
        证书真伪可在本平台“证书查询”页按证书管理号查询，或扫描纸质证书上的二维码验证。本页内容为平台实时记录，不含持证人的其他信息。
      </p>
    </>
  );
}

function YearBlock({ y }: { y: SharedYear }) {
  const c = y.certificate;
  return (
    <Card
      className="share-year"
      title={
        <span>
          {y.year}年度 <Tag color={y.resultLabel === '通过' ? 'success' : y.resultLabel === '进行中' ? 'processing' : 'error'}>{y.resultLabel}</Tag>
        </span>
      }
    >
      <div className="share-hours">
        <div>
          公需科目 <b>{formatHours(y.publicHours)}</b> / {formatHours(y.requirement.publicHours)} 学时
        </div>
        <div>
          专业科目 <b>{formatHours(y.professionalHours)}</b> / {formatHours(y.requirement.professionalHours)} 学时
        </div>
      </div>
      <div className="share-cert">
        <SafetyCertificateOutlined /> 电子证书：
        <Tag color={c.status === 'valid' ? 'green' : c.status === 'revoked' ? 'orange' : 'default'}>{c.statusLabel}</Tag>
        {c.status === 'valid' && (
          <span className="share-muted">
            {c.issuerName} · {dayText(c.issuedOn)}发证 · 平台记录核验有效
          </span>
        )}
        {c.status === 'revoked' && (
          <span className="share-muted">
            {dayText(c.revokedAt)}撤销{c.revokeReason ? `（${c.revokeReason}）` : ''}
          </span>
        )}
      </div>
      {y.byForm.length > 0 && (
        <div className="share-forms">
          按学习形式：
          {y.byForm.map((f) => (
            <Tag key={f.formLabel}>
              {f.formLabel} {formatHours(f.hours)} 学时
            </Tag>
          ))}
        </div>
      )}
      <ol className="share-records">
        {y.records.map((r, i) => (
          <li key={i} className="share-record">
            <div className="share-record-title">
              {r.title} <span className="share-record-hours">{formatHours(r.hours)} 学时</span>
            </div>
            <div className="share-muted">
              {SUBJECT_LABELS[r.subject]} · {r.formLabel} · {r.organiser} · {r.startDate} 至 {r.endDate}
            </div>
            <div className="share-muted">来源：{r.source}</div>
            <div className="share-trail">
              {r.trail.map((t, j) => (
                <span key={j}>
                  {dayText(t.at)} {t.orgName ?? ''}
                  {t.label}
                </span>
              ))}
            </div>
          </li>
        ))}
        {y.records.length === 0 && <li className="share-muted">本年度没有审核通过的学时记录</li>}
      </ol>
    </Card>
  );
}
