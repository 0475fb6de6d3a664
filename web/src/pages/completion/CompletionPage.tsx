import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Drawer,
  Empty,
  Grid,
  Progress,
  Result,
  Select,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import {
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  FileSearchOutlined,
  PrinterOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { formatHours, SUBJECT_LABELS, TRANSFER_MARK } from '@ce/shared';
import { api, errorMessage } from '../../api/client';
import type { CompletionDetail, CompletionList, CompletionYear } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlatformTag } from '../../components/DeclarationParts';
import { ProfessionalLayout } from '../../components/ProfessionalLayout';
import { coversText, missingText, percentOf, rangePdfUrl, yearCredentialUrl, yearPdfUrl } from '../../lib/completion';
import { checkFile } from '../../lib/download';
import './completion.css';
import { dayText } from '../../lib/format';

export const MY_COMPLETION_KEY = ['my', 'completion'] as const;

const RESULT_COLORS: Record<CompletionYear['resultLabel'], string> = {
  通过: 'success',
  未通过: 'error',
  进行中: 'processing',
};

/**
 * 年度完成情况 (R-21, user manual): every year with its public and professional hours against the
 * requirement and the 认定结果; what is still missing; 详细 (教育历程); 证书打印 for a passed year and
 * 合并打印 of a year range. Read on a phone as often as on a computer.
 */
export function CompletionPage() {
  return (
    <ProfessionalLayout>
      <CompletionContent />
    </ProfessionalLayout>
  );
}

function CompletionContent() {
  const list = useQuery({
    queryKey: MY_COMPLETION_KEY,
    queryFn: () => api.get<CompletionList>('/api/me/completion'),
  });
  const [detail, setDetail] = useState<CompletionYear | null>(null);

  if (list.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (list.isError) return <Result status="error" title="加载失败" subTitle={errorMessage(list.error)} />;
  const years = list.data.years;
  const passed = years.filter((y) => y.passed).length;
  const failed = years.filter((y) => y.resultLabel === '未通过');

  return (
    <div className="cmp">
      <Card className="cmp-summary">
        <h1 className="cmp-title">年度完成情况</h1>
        <p className="cmp-intro">
          每年度公需科目和专业科目学时均达到要求，认定结果为“通过”，即可打印该年度继续教育电子证书。只有审核通过的学时才计入年度完成情况。
        </p>
        {years.length > 0 && (
          <div className="cmp-summary-line">
            <span>
              共 {years.length} 个年度，已通过 <b>{passed}</b> 个
              {failed.length > 0 && (
                <>
                  ，未通过 <b className="cmp-bad">{failed.length}</b> 个（
                  {failed.map((y) => `${y.year}`).join('、')}年度）
                </>
              )}
            </span>
            {passed > 1 && (
              <a href="#merged-print" className="cmp-jump">
                合并打印多个年度
              </a>
            )}
          </div>
        )}
      </Card>

      {years.length === 0 ? (
        <Card>
          <Empty description="暂无年度学时记录" />
        </Card>
      ) : (
        <>
          <div className="cmp-years">
            {years.map((y) => (
              <YearCard key={y.year} y={y} onDetail={() => setDetail(y)} />
            ))}
          </div>
          <MergedPrint years={years} />
        </>
      )}
      <RecordsDrawer year={detail} onClose={() => setDetail(null)} />
    </div>
  );
}

function YearCard({ y, onDetail }: { y: CompletionYear; onDetail: () => void }) {
  const missing = missingText(y);
  const coverAll = y.covers.includes('all');
  const coverProfessional = coverAll || y.covers.includes('professional');
  const notes = coversText(y.covers);
  const req = y.requirement;
  return (
    <Card size="small" className="cmp-year" data-testid={`year-${y.year}`}>
      <div className="cmp-year-head">
        <span className="cmp-year-title">{y.year}年度</span>
        <Tag color={RESULT_COLORS[y.resultLabel]} className="cmp-result">
          {y.resultLabel}
        </Tag>
        {y.transferredFrom.length > 0 && (
          <Tag color="purple" className="cmp-result">
            {TRANSFER_MARK}（{y.transferredFrom.join('、')}）
          </Tag>
        )}
      </div>

      <HoursBar
        label="公需科目"
        hours={y.publicHours}
        required={req.publicHours}
        covered={coverAll}
        failed={y.resultLabel === '未通过'}
      />
      <HoursBar
        label="专业科目"
        hours={y.professionalHours}
        required={req.professionalHours}
        covered={coverProfessional}
        failed={y.resultLabel === '未通过'}
      />

      {missing && (
        <div className={y.resultLabel === '未通过' ? 'cmp-missing' : 'cmp-missing cmp-missing-open'}>
          <ExclamationCircleOutlined /> {missing}
          {y.resultLabel === '进行中' && (
            <span className="cmp-missing-note">（本年度尚未结束，可继续申报）</span>
          )}
          {y.resultLabel === '未通过' && (
            <div className="cmp-missing-note">
              往年学时申报已截止；确有特殊情况的，请联系所在单位，由人社部门为您开通该年度补报。
            </div>
          )}
        </div>
      )}
      {notes.map((n) => (
        <div key={n} className="cmp-note">
          <CheckCircleOutlined /> {n}
        </div>
      ))}

      <div className="cmp-basis">
        本年度要求：公需科目 {formatHours(req.publicHours)} 学时，专业科目{' '}
        {formatHours(req.professionalHours)} 学时
        {req.reducedMonths !== null && (
          <Tag color="orange" className="cmp-reduced">
            已按在岗时间折算
          </Tag>
        )}
        <div className="cmp-basis-text">依据：{req.basis}</div>
      </div>

      <CertificateLine y={y} />

      <div className="cmp-actions">
        <Button icon={<FileSearchOutlined />} onClick={onDetail}>
          详细
        </Button>
        {y.certificate.printable && (
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            href={yearPdfUrl(y.year)}
            target="_blank"
            rel="noreferrer"
          >
            证书打印
          </Button>
        )}
        {y.certificate.printable && (
          <Button icon={<SafetyCertificateOutlined />} href={yearCredentialUrl(y.year)} download>
            下载可验证凭证
          </Button>
        )}
      </div>
    </Card>
  );
}

function HoursBar({
  label,
  hours,
  required,
  covered,
  failed,
}: {
  label: string;
  hours: number;
  required: number;
  covered: boolean;
  /** The year is over and did not pass: a short part shows red. */
  failed: boolean;
}) {
  const met = covered || hours >= required;
  return (
    <div className="cmp-bar">
      <div className="cmp-bar-label">
        <span>{label}</span>
        <span className={met ? 'cmp-bar-num cmp-good' : 'cmp-bar-num'}>
          {formatHours(hours)} / {formatHours(required)} 学时
          {covered && hours < required ? '（视为完成）' : ''}
        </span>
      </div>
      <Progress
        percent={covered ? 100 : percentOf(hours, required)}
        status={met ? 'success' : failed ? 'exception' : 'normal'}
        showInfo={false}
        size="small"
        aria-label={`${label}完成${formatHours(hours)}学时，要求${formatHours(required)}学时`}
      />
    </div>
  );
}

function CertificateLine({ y }: { y: CompletionYear }) {
  const c = y.certificate;
  if (c.status === 'valid') {
    return (
      <div className="cmp-cert">
        <SafetyCertificateOutlined className="cmp-cert-icon" />
        电子证书：<Tag color="green">有效</Tag>
        <span className="cmp-cert-meta">
          {[c.issuerName, c.issuedAt ? `${dayText(c.issuedAt)}发证` : null].filter(Boolean).join(' · ')}
        </span>
      </div>
    );
  }
  if (c.status === 'revoked') {
    return (
      <div className="cmp-cert">
        <SafetyCertificateOutlined className="cmp-cert-icon" />
        电子证书：<Tag color="orange">已撤销</Tag>
        <span className="cmp-cert-meta">
          {c.revokedAt ? `${dayText(c.revokedAt)}撤销` : ''}
          {c.issuerName ? `${c.revokedAt ? ' · ' : ''}${c.issuerName}` : ''}
        </span>
        {c.notPrintableReason && <div className="cmp-cert-reason">{c.notPrintableReason}</div>}
      </div>
    );
  }
  return (
    <div className="cmp-cert">
      <SafetyCertificateOutlined className="cmp-cert-icon" />
      电子证书：<Tag>未发证</Tag>
      {c.notPrintableReason && <span className="cmp-cert-meta">{c.notPrintableReason}</span>}
    </div>
  );
}

/** 合并打印: choose a range, ask the server, and print only when every year in it passed. */
function MergedPrint({ years }: { years: CompletionYear[] }) {
  const ascending = [...years].map((y) => y.year).sort((a, b) => a - b);
  const printable = years.filter((y) => y.certificate.printable).map((y) => y.year);
  const [from, setFrom] = useState<number>(printable.length ? Math.min(...printable) : ascending[0]!);
  const [to, setTo] = useState<number>(printable.length ? Math.max(...printable) : ascending.at(-1)!);
  const check = useMutation({
    mutationFn: async (range: { from: number; to: number }) => {
      await checkFile(rangePdfUrl(range.from, range.to));
      return range;
    },
  });
  const options = ascending.map((y) => ({ value: y, label: `${y}年度` }));
  const reversed = from > to;
  const checked = check.isSuccess && check.data.from === from && check.data.to === to ? check.data : null;
  const failedHere = check.isError && check.variables.from === from && check.variables.to === to;

  return (
    <Card title="合并打印" id="merged-print" className="cmp-merged" data-testid="merged-print">
      <p className="cmp-intro">
        选择打印的年度区间，点击“查询”。所选年度均达标时，可将多个年度的电子证书合并打印在一页纸上；所选年度中有任一年度未达标，则不能合并打印。
      </p>
      <div className="cmp-range">
        <Select
          aria-label="起始年度"
          value={from}
          options={options}
          onChange={(v) => setFrom(v)}
          className="cmp-range-select"
        />
        <span>至</span>
        <Select
          aria-label="截止年度"
          value={to}
          options={options}
          onChange={(v) => setTo(v)}
          className="cmp-range-select"
        />
        <Button
          type="primary"
          ghost
          disabled={reversed}
          loading={check.isPending}
          onClick={() => check.mutate({ from, to })}
        >
          查询
        </Button>
      </div>
      {reversed && (
        <Alert type="warning" showIcon title="起始年度不能晚于截止年度" style={{ marginTop: 12 }} />
      )}
      {failedHere && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(check.error)}
          description="请在上方查看该年度缺少的学时；可缩小年度区间，或按年度分别打印。"
          style={{ marginTop: 12 }}
        />
      )}
      {checked && (
        <div className="cmp-merged-ok">
          <Alert
            type="success"
            showIcon
            title={
              checked.from === checked.to
                ? `${checked.from}年度已达标，可以打印`
                : `${checked.from}—${checked.to}年度均已达标，可以合并打印`
            }
          />
          <Button
            type="primary"
            size="large"
            icon={<PrinterOutlined />}
            href={rangePdfUrl(checked.from, checked.to)}
            target="_blank"
            rel="noreferrer"
          >
            合并打印
          </Button>
        </div>
      )}
    </Card>
  );
}

/** 详细: the year's records (教育历程), counted or not, and why not. */
function RecordsDrawer({ year, onClose }: { year: CompletionYear | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const detail = useQuery({
    queryKey: [...MY_COMPLETION_KEY, year?.year],
    queryFn: () => api.get<CompletionDetail>(`/api/me/completion/${year!.year}`),
    enabled: year !== null,
  });
  return (
    <Drawer
      open={year !== null}
      onClose={onClose}
      title={year ? `${year.year}年度 教育历程` : '教育历程'}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
    >
      {year && (
        <div className="cmp-detail-sum">
          计入本年度：公需科目 <b>{formatHours(year.publicHours)}</b> 学时，专业科目{' '}
          <b>{formatHours(year.professionalHours)}</b> 学时。只有审核通过的记录计入年度完成情况。
        </div>
      )}
      {detail.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : detail.isError ? (
        <ErrorAlert error={detail.error} />
      ) : (
        <ul className="cmp-records" aria-label="本年度学时记录">
          {detail.data.records.length === 0 && <li className="cmp-records-empty">本年度暂无学时申报记录</li>}
          {detail.data.records.map((r) => (
            <li key={r.id} className="cmp-rec" data-testid={`record-${r.id}`}>
              <div className="cmp-rec-head">
                <span className="cmp-rec-title">{r.title} <PlatformTag name={r.sourcePlatformName} /></span>
                <span className="cmp-rec-hours">{formatHours(r.hours)} 学时</span>
              </div>
              <div className="cmp-rec-meta">
                {SUBJECT_LABELS[r.subject]} · {r.formLabel}
                {r.approvedAt ? ` · ${dayText(r.approvedAt)}${r.sourcePlatformName ? '自动登记' : '审核通过'}` : ''}
              </div>
              <Space size={6} wrap>
                {r.counted ? <Tag color="green">已计入</Tag> : <Tag>未计入</Tag>}
                <span className={r.counted ? 'cmp-rec-status' : 'cmp-rec-status cmp-rec-why'}>
                  {r.statusLabel}
                </span>
              </Space>
            </li>
          ))}
        </ul>
      )}
    </Drawer>
  );
}
