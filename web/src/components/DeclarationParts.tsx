import { useState } from 'react';
import { Alert, Button, Descriptions, Empty, Grid, Image, Space, Steps, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ExportOutlined, FileImageOutlined, FilePdfOutlined, FileZipOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type AnomalyFlagItem, formatHours, TRANSFER_MARK } from '@ce/shared';
import type { AttachmentDto, DeclarationDetail, DeclarationSummary } from '../api/types';
import {
  DECLARATION_STATUS_COLORS,
  evidenceApplies,
  formatBytes,
  paramItems,
  standardText,
} from '../lib/declarations';
import { formatDateTime } from '../lib/format';
import './DeclarationParts.css';

/** 待提交 / 待审核 / 审核通过 / 审核不通过 / 抽查撤销. */
export function DeclarationStatusTag({ d }: { d: Pick<DeclarationSummary, 'status' | 'statusLabel'> }) {
  return <Tag color={DECLARATION_STATUS_COLORS[d.status]}>{d.statusLabel}</Tag>;
}

/** 外省转入 (issue 14): the mark of a record transferring in another province's hours, or nothing. */
export function TransferTag({ d }: { d: Pick<DeclarationSummary, 'originProvinceName'> & Partial<Pick<DeclarationSummary, 'sourcePlatformName'>> }) {
  return (
    <>
      {d.originProvinceName && <Tag color="purple">{`${TRANSFER_MARK}·${d.originProvinceName}`}</Tag>}
      <PlatformTag name={d.sourcePlatformName ?? null} />
    </>
  );
}

/**
 * Anomaly checks (issue 11 item 3): a batch record's flags — 异常, with each flag's label and message
 * on hover (and for screen readers) — or nothing.
 */
export function AnomalyTag({ flags }: { flags: readonly AnomalyFlagItem[] }) {
  if (flags.length === 0) return null;
  const lines = flags.map((f) => `${f.label}：${f.message}`);
  return (
    <Tooltip
      title={
        <div>
          {lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      }
    >
      <Tag color="red" icon={<WarningOutlined />} aria-label={`异常：${lines.join('；')}`} tabIndex={0}>
        异常
      </Tag>
    </Tooltip>
  );
}

/** 学习平台报送: the mark of a record an online learning platform registered, or nothing. */
export function PlatformTag({ name }: { name: string | null }) {
  if (!name) return null;
  return <Tag color="cyan">{`学习平台·${name}`}</Tag>;
}

/** A continuing-education base's declaration, as the person sees it: 继续教育基地申报·<the base>. */
export function BaseTag({ d }: { d: Pick<DeclarationSummary, 'batch'> }) {
  if (!d.batch?.baseName) return null;
  return <Tag color="geekblue" style={{ whiteSpace: 'normal' }}>{`${d.batch.marker}·${d.batch.baseName}`}</Tag>;
}

/** Where a pending record waits: "待郑州市教育局审核（第2级/共3级）". */
export function whereItWaits(d: Pick<DeclarationSummary, 'status' | 'currentReviewerName' | 'currentLevel' | 'chainLength'>) {
  if (d.status !== 'pending' || !d.currentReviewerName) return null;
  return `待${d.currentReviewerName}审核（第${d.currentLevel}级/共${d.chainLength}级）`;
}

/** A field a draft (保存暂不提交) has not filled yet. */
export const NOT_FILLED = '未填写';

/** Claimed vs standard hours: red with the difference when the claim is above the standard. */
export function HoursCompare({
  d,
  compact = false,
}: {
  d: Pick<DeclarationSummary, 'claimedHours' | 'standardHours' | 'standardCovers' | 'standardBasis' | 'overStandardBy'>;
  compact?: boolean;
}) {
  const over = d.overStandardBy;
  return (
    <span className="hours-compare" data-testid="hours-compare">
      <span className={over ? 'hours-over' : undefined}>申报 {d.claimedHours != null ? formatHours(d.claimedHours) : NOT_FILLED}</span>
      <span className="muted"> / 标准 {d.standardHours != null ? formatHours(d.standardHours) : compact || !d.standardBasis ? '—' : standardText(d)}</span>
      {over != null && (
        <Tag color="red" style={{ marginLeft: 6 }}>
          超标准 {formatHours(over)}
        </Tag>
      )}
    </span>
  );
}

/** Every field of a declaration, the form's own fields included. */
export function DeclarationFacts({ d, showPerson = false }: { d: DeclarationDetail; showPerson?: boolean }) {
  const screens = Grid.useBreakpoint();
  const items = [
    ...(showPerson
      ? [
          { key: 'person', label: '姓名', children: `${d.person.name}（${d.person.idNumberMasked}）` },
          {
            key: 'unit',
            label: '所在单位',
            children: d.workDepartmentName ? `${d.unitName} · ${d.workDepartmentName}` : d.unitName,
          },
        ]
      : []),
    { key: 'year', label: '计入年度', children: `${d.year}年度` },
    { key: 'subject', label: '计入科目', children: d.subjectLabel ?? NOT_FILLED },
    { key: 'form', label: '学习形式', children: d.formLabel ?? NOT_FILLED },
    ...(d.form ? paramItems(d.form, d.params) : []).map((p) => ({ key: `p-${p.label}`, label: p.label, children: p.value })),
    ...(d.monthsOnDuty != null ? [{ key: 'months', label: '实际在岗月数', children: `${d.monthsOnDuty}个月` }] : []),
    { key: 'title', label: '学习内容', children: d.title || NOT_FILLED },
    { key: 'organiser', label: '主办单位', children: d.organiser || NOT_FILLED },
    { key: 'dates', label: '起止日期', children: `${d.startDate ?? NOT_FILLED} 至 ${d.endDate ?? NOT_FILLED}` },
    { key: 'result', label: '考核结果', children: d.assessmentResult || NOT_FILLED },
    { key: 'claimed', label: '申报学时', children: d.claimedHours != null ? `${formatHours(d.claimedHours)} 学时` : NOT_FILLED },
    {
      key: 'standard',
      label: '标准学时',
      children: (
        <>
          <div>
            {/* A draft's standard is known once its form and the form's fields are filled. */}
            {d.standardBasis ? standardText(d) : '填写学习形式及其信息后自动计算'}
            {d.overStandardBy != null && (
              <Tag color="red" style={{ marginLeft: 8 }}>
                申报学时超出标准 {formatHours(d.overStandardBy)} 学时
              </Tag>
            )}
          </div>
          <div className="muted">{d.standardBasis}</div>
        </>
      ),
    },
    { key: 'note', label: '备注', children: d.note || '—' },
    { key: 'submitted', label: d.status === 'draft' ? '上次提交' : '提交时间', children: formatDateTime(d.submittedAt) },
  ];
  return <Descriptions className="decl-facts" bordered size="small" column={screens.md ? 2 : 1} items={items} />;
}

const STEP_STATUS = { approved: 'finish', current: 'process', waiting: 'wait', rejected: 'error' } as const;
const STEP_TEXT = { approved: '已审核通过', current: '审核中', waiting: '待审核', rejected: '审核不通过' } as const;
/** A higher level's refusal is 驳回 (seed 003 FAQ "学时申报错误，如何撤销"). */
const stepText = (s: { level: number; state: keyof typeof STEP_TEXT }) =>
  s.state === 'rejected' && s.level > 1 ? '驳回' : STEP_TEXT[s.state];

/** The review chain of the current (or last) submission, each level with its state. */
export function ReviewChain({ d }: { d: Pick<DeclarationDetail, 'chain' | 'status'> }) {
  const screens = Grid.useBreakpoint();
  if (d.chain.length === 0) {
    return (
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        尚未提交。提交后依次由 用人单位 → 主管部门 → 人社部门 逐级审核，全部审核通过后学时计入。
      </Typography.Paragraph>
    );
  }
  // The step where the record stands (none for a draft): antd highlights it.
  const at = d.chain.findIndex((s) => s.state === 'current' || s.state === 'rejected');
  const current = at >= 0 ? at : d.chain.every((s) => s.state === 'approved') ? d.chain.length - 1 : -1;
  return (
    <Steps
      orientation={screens.md ? 'horizontal' : 'vertical'}
      size="small"
      current={current}
      items={d.chain.map((s) => ({
        key: s.level,
        title: s.orgName,
        status: STEP_STATUS[s.state],
        content: d.status === 'draft' ? `第${s.level}级（上次提交）` : `第${s.level}级 · ${stepText(s)}`,
      }))}
    />
  );
}

const EVENT_COLORS: Record<string, string> = {
  approve: 'green',
  sample_confirm: 'green',
  reject: 'red',
  return: 'red',
  sample_revoke: 'red',
  submit: 'blue',
};

/** Every action on the record, oldest first: who, which organisation, when, decision, reason. */
export function DeclarationHistory({ d }: { d: Pick<DeclarationDetail, 'history'> }) {
  if (d.history.length === 0) return <Empty description="暂无操作记录" />;
  return (
    <Timeline
      items={d.history.map((e) => ({
        key: e.id,
        color: EVENT_COLORS[e.action] ?? 'gray',
        content: (
          <div data-testid="history-item">
            <div>
              <strong>{e.actionLabel}</strong>
              {e.level != null && <span className="muted">（第{e.level}级）</span>}
              <span className="muted" style={{ marginLeft: 8 }}>
                {formatDateTime(e.at)}
              </span>
            </div>
            <div>
              {[e.orgName, e.actorName].filter(Boolean).join(' · ') || '—'}
              {e.submissionNo > 0 && <span className="muted">（第{e.submissionNo}次提交）</span>}
            </div>
            {e.reason && (
              <div className="history-reason">
                {e.action === 'approve' ? '审核意见' : '原因'}：{e.reason}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

/** The evidence the form needs (seed 001), as a reminder beside what was uploaded. */
export function EvidenceNeeded({ d }: { d: Pick<DeclarationDetail, 'form' | 'params' | 'evidence' | 'evidenceNote'> }) {
  return (
    <div className="muted" style={{ marginBottom: 8 }}>
      需提交：
      {d.evidence
        .filter((item) => evidenceApplies(d.form ?? undefined, item, d.params) !== false)
        .map((item) => (
          <Tag key={item} style={{ marginBottom: 4 }}>
            {item}
          </Tag>
        ))}
      {d.evidenceNote && <div>{d.evidenceNote}</div>}
    </div>
  );
}

/**
 * Whether the server lets the page show this file in a frame: the answer's own headers decide
 * (`frame-ancestors 'none'` or `X-Frame-Options: DENY` forbid it), so the viewer falls back to a
 * link instead of a broken frame.
 */
function useFramable(url: string | null) {
  return useQuery({
    queryKey: ['framable', url],
    enabled: url !== null,
    staleTime: Infinity,
    retry: false,
    queryFn: async () => {
      const res = await fetch(url!, { method: 'HEAD', credentials: 'same-origin' });
      if (!res.ok) return false;
      const csp = res.headers.get('content-security-policy') ?? '';
      const xfo = (res.headers.get('x-frame-options') ?? '').toUpperCase();
      return !/frame-ancestors\s+'none'/.test(csp) && xfo !== 'DENY';
    },
  });
}

const typeIcon = (a: EvidenceFile) =>
  a.contentType === 'application/pdf' ? (
    <FilePdfOutlined />
  ) : a.contentType === 'application/zip' ? (
    <FileZipOutlined />
  ) : (
    <FileImageOutlined />
  );

/**
 * Evidence files shown in the page: images as pictures, PDFs in a frame (or a link where the server
 * forbids framing), archives as downloads. `urlOf` gives the file's address for the signed-in side.
 */
/** A file to show: a record's attachment, or a batch's evidence. */
export type EvidenceFile = Pick<AttachmentDto, 'id' | 'name' | 'size'> & { contentType: string; uploadedAt?: string };

export function EvidenceViewer<F extends EvidenceFile>({ attachments, urlOf }: { attachments: F[]; urlOf: (a: F) => string }) {
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = attachments.find((a) => a.id === selectedId) ?? attachments[0] ?? null;
  if (attachments.length === 0) return <Empty description="未上传证明材料" />;
  return (
    <div className="evidence-viewer">
      <Space wrap style={{ marginBottom: 8 }}>
        {attachments.map((a) => (
          <Button
            key={a.id}
            size="small"
            type={selected?.id === a.id ? 'primary' : 'default'}
            icon={typeIcon(a)}
            onClick={() => setSelectedId(a.id)}
            title={`${a.name}（${formatBytes(a.size)}）`}
          >
            <span className="evidence-name">{a.name}</span>
          </Button>
        ))}
      </Space>
      {selected && <EvidencePane a={selected} url={urlOf(selected)} />}
    </div>
  );
}

function EvidencePane({ a, url }: { a: EvidenceFile; url: string }) {
  const isPdf = a.contentType === 'application/pdf';
  const framable = useFramable(isPdf ? url : null);
  const openLink = (
    <a href={url} target="_blank" rel="noopener noreferrer">
      <ExportOutlined /> {a.contentType === 'application/zip' ? '下载' : '在新窗口打开'}
    </a>
  );
  return (
    <div className="evidence-pane" data-testid="evidence-pane">
      <div className="evidence-pane-head">
        <span>
          {a.name} <span className="muted">（{formatBytes(a.size)}{a.uploadedAt && `，上传于 ${formatDateTime(a.uploadedAt)}`}）</span>
        </span>
        {openLink}
      </div>
      {a.contentType.startsWith('image/') ? (
        <Image src={url} alt={a.name} style={{ maxWidth: '100%' }} />
      ) : isPdf ? (
        framable.data === true ? (
          <iframe className="evidence-frame" src={url} title={a.name} />
        ) : framable.isPending ? (
          <div className="muted">正在打开 PDF 文件…</div>
        ) : (
          <Alert
            type="info"
            showIcon
            title="PDF 文件请在新窗口中查看"
            description={<>浏览器不允许在本页内嵌显示该文件，{openLink}</>}
          />
        )
      ) : (
        <Alert type="info" showIcon title="ZIP 压缩包需下载后解压查看" description={openLink} />
      )}
    </div>
  );
}
