import { useState } from 'react';
import { Alert, Button, Card, Drawer, Empty, Grid, Result, Select, Skeleton, Space, Tag } from 'antd';
import {
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  FileSearchOutlined,
  PrinterOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { completionApi, formatHours, SUBJECT_LABELS, TRANSFER_MARK, type CompletionYear } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CompletionBasis, CompletionTable } from '../../components/CompletionTable';
import { NOT_FILLED, PlatformTag } from '../../components/DeclarationParts';
import { ProfessionalLayout } from '../../components/ProfessionalLayout';
import { coversText, rangePdfUrl, yearCredentialUrl, yearPdfUrl } from '../../lib/completion';
import { checkFile } from '../../lib/download';
import './completion.css';
import { dayText } from '../../lib/format';

export const MY_COMPLETION_KEY = ['my', 'completion'] as const;

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
    queryFn: () => call(completionApi.years),
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
          <Card className="cmp-table-card">
            <CompletionTable
              years={years}
              actions={(y) => <YearActions y={y} onDetail={() => setDetail(y)} />}
            />
            <YearNotes years={years} />
            <CompletionBasis years={years} />
          </Card>
          <MergedPrint years={years} />
        </>
      )}
      <RecordsDrawer year={detail} onClose={() => setDetail(null)} />
    </div>
  );
}

/** 操作 of a year: its certificate's state, 详细 (教育历程), 证书打印 and the verifiable credential. */
function YearActions({ y, onDetail }: { y: CompletionYear; onDetail: () => void }) {
  return (
    <div className="cmp-actions">
      <CertificateState y={y} />
      <Space size={4} wrap>
        <Button size="small" icon={<FileSearchOutlined />} onClick={onDetail}>
          详细
        </Button>
        {y.certificate.printable && (
          <Button
            size="small"
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
          <Button
            size="small"
            icon={<SafetyCertificateOutlined />}
            href={yearCredentialUrl(y.year)}
            download
            aria-label={`下载${y.year}年度可验证凭证`}
          >
            凭证
          </Button>
        )}
      </Space>
    </div>
  );
}

/** The electronic certificate of the year, in a few words (有效 · issuer · date; 已撤销; 未发证). */
function CertificateState({ y }: { y: CompletionYear }) {
  const c = y.certificate;
  const meta =
    c.status === 'valid'
      ? [c.issuerName, c.issuedAt ? `${dayText(c.issuedAt)}发证` : null].filter(Boolean).join(' · ')
      : c.status === 'revoked'
        ? [c.revokedAt ? `${dayText(c.revokedAt)}撤销` : null, c.notPrintableReason]
            .filter(Boolean)
            .join(' · ')
        : (c.notPrintableReason ?? '');
  return (
    <div className="cmp-cert">
      电子证书：
      <Tag color={c.status === 'valid' ? 'green' : c.status === 'revoked' ? 'orange' : undefined}>
        {c.status === 'valid' ? '有效' : c.status === 'revoked' ? '已撤销' : '未发证'}
      </Tag>
      {meta && <div className="cmp-cert-meta">{meta}</div>}
    </div>
  );
}

/**
 * What the table cannot say in a cell, once per year that has it: a full-year rule, hours
 * transferred in from another province, and how a failed past year can still be completed.
 */
function YearNotes({ years }: { years: CompletionYear[] }) {
  const notes = years.flatMap((y) => [
    ...coversText(y.covers).map((text) => ({ key: `${y.year}-c-${text}`, year: y.year, text })),
    ...(y.transferredFrom.length > 0
      ? [
          {
            key: `${y.year}-t`,
            year: y.year,
            text: `含${TRANSFER_MARK}学时（${y.transferredFrom.join('、')}）。`,
          },
        ]
      : []),
  ]);
  const failed = years.some((y) => y.resultLabel === '未通过');
  const open = years.find((y) => y.resultLabel === '进行中' && !y.passed);
  if (notes.length === 0 && !failed && !open) return null;
  return (
    <ul className="cmp-notes">
      {notes.map((n) => (
        <li key={n.key}>
          <CheckCircleOutlined /> {n.year}年度：{n.text}
        </li>
      ))}
      {open && (
        <li>
          <ExclamationCircleOutlined /> {open.year}年度尚未结束，可继续申报。
        </li>
      )}
      {failed && (
        <li className="cmp-missing">
          <ExclamationCircleOutlined />{' '}
          未通过的年度：往年学时申报已截止；确有特殊情况的，请联系所在单位，由人社部门为您开通该年度补报。
        </li>
      )}
    </ul>
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
    queryFn: () => call(completionApi.year, { params: { year: year!.year } }),
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
                <span className="cmp-rec-title">
                  {r.title || '（未填写学习内容）'} <PlatformTag name={r.sourcePlatformName} />
                </span>
                <span className="cmp-rec-hours">
                  {r.hours != null ? `${formatHours(r.hours)} 学时` : NOT_FILLED}
                </span>
              </div>
              <div className="cmp-rec-meta">
                {r.subject ? SUBJECT_LABELS[r.subject] : `计入科目${NOT_FILLED}`} · {r.formLabel}
                {r.approvedAt
                  ? ` · ${dayText(r.approvedAt)}${r.sourcePlatformName ? '自动登记' : '审核通过'}`
                  : ''}
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
