import type { HTMLAttributes, ReactNode } from 'react';
import { Grid, Table, Tag } from 'antd';
import { YEARLY_HOURS_ARTICLE, YEARLY_HOURS_CITATION } from '@ce/shared';
import type { ColumnsType } from 'antd/es/table';
import type { CompletionYear } from '../api/types';
import { missingText } from '../lib/completion';
import { formatHours } from '@ce/shared';
import './CompletionTable.css';

export const RESULT_COLORS: Record<CompletionYear['resultLabel'], string> = {
  通过: 'success',
  未通过: 'error',
  进行中: 'processing',
};

const hoursCell = (hours: number, covered: boolean) =>
  covered ? `${formatHours(hours)}（视为完成）` : formatHours(hours);

const requirementCell = (y: CompletionYear) => (
  <>
    {formatHours(y.requirement.publicHours)} + {formatHours(y.requirement.professionalHours)}
    {y.requirement.reducedMonths !== null && <div className="muted">按在岗 {y.requirement.reducedMonths} 个月折算</div>}
  </>
);

const resultCell = (y: CompletionYear) => {
  const missing = missingText(y);
  return (
    <>
      <Tag className="cmp-result" color={RESULT_COLORS[y.resultLabel]}>
        {y.resultLabel}
      </Tag>
      {missing && !y.passed && <div className="muted">{missing}</div>}
    </>
  );
};

/**
 * 年度完成情况 as one compact table (issue 8 item 10): 年度 | 公需 | 专业 | 合计 | 要求 | 认定结果 | 操作.
 * The professional's own page and the 人员管理 drawer show it; `actions` fills 操作 (print, 详细).
 * On a phone (below antd's `sm`, 576 px) the seven columns do not fit: each year is a card with the
 * same figures instead, read without scrolling sideways.
 */
export function CompletionTable({
  years,
  actions,
  size = 'middle',
}: {
  years: CompletionYear[];
  actions?: (y: CompletionYear) => ReactNode;
  size?: 'small' | 'middle';
}) {
  const screens = Grid.useBreakpoint();
  if (screens.xs) return <CompletionCards years={years} actions={actions} />;
  const columns: ColumnsType<CompletionYear> = [
    { title: '年度', dataIndex: 'year', width: 70, render: (y: number) => `${y}` },
    {
      title: '公需',
      key: 'public',
      width: 70,
      render: (_, y) => hoursCell(y.publicHours, y.covers.includes('all')),
    },
    {
      title: '专业',
      key: 'professional',
      width: 70,
      render: (_, y) => hoursCell(y.professionalHours, y.covers.length > 0),
    },
    {
      title: '合计',
      key: 'total',
      width: 64,
      render: (_, y) => formatHours(y.publicHours + y.professionalHours),
    },
    {
      title: '要求（公需+专业）',
      key: 'requirement',
      width: 90,
      render: (_, y) => requirementCell(y),
    },
    {
      title: '认定结果',
      key: 'result',
      width: 120,
      render: (_, y) => resultCell(y),
    },
    ...(actions
      ? [{ title: '操作', key: 'actions', width: 90, render: (_: unknown, y: CompletionYear) => actions(y) }]
      : []),
  ];
  return (
    <Table<CompletionYear>
      rowKey="year"
      size={size}
      columns={columns}
      dataSource={years}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(y) => ({ 'data-testid': `year-${y.year}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}

/** A phone's 年度完成情况: one card a year, the table's columns as labelled figures. */
function CompletionCards({ years, actions }: { years: CompletionYear[]; actions?: (y: CompletionYear) => ReactNode }) {
  return (
    <ul className="cmp-cards">
      {years.map((y) => (
        <li key={y.year} className="cmp-card" data-testid={`year-${y.year}`}>
          <div className="cmp-card-head">
            <span className="cmp-card-year">{y.year}年度</span>
            <div className="cmp-card-result">{resultCell(y)}</div>
          </div>
          <dl className="cmp-card-figures">
            <div>
              <dt>公需</dt>
              <dd>{hoursCell(y.publicHours, y.covers.includes('all'))}</dd>
            </div>
            <div>
              <dt>专业</dt>
              <dd>{hoursCell(y.professionalHours, y.covers.length > 0)}</dd>
            </div>
            <div>
              <dt>合计</dt>
              <dd>{formatHours(y.publicHours + y.professionalHours)}</dd>
            </div>
            <div>
              <dt>要求（公需+专业）</dt>
              <dd>{requirementCell(y)}</dd>
            </div>
          </dl>
          {actions && <div className="cmp-card-actions">{actions(y)}</div>}
        </li>
      ))}
    </ul>
  );
}

/**
 * The requirement's basis, cited once under the table (issue 8 item 10): 第五条 of the regulation;
 * a year whose rule rests on something else (before 2016, or a rule the province added) is named
 * once more; a pro-rated year points to 第八条. Each year's figures are in the table's 要求 column.
 */
export function CompletionBasis({ years }: { years: CompletionYear[] }) {
  if (years.length === 0) return null;
  // A year's basis without its 第八条 suffix (the pro-rating, mentioned once below).
  const own = (y: CompletionYear) => y.requirement.basis.split('；按《')[0]!;
  const others = [...new Set(years.map(own).filter((b) => !b.includes(YEARLY_HOURS_ARTICLE.article)))];
  const reduced = years.some((y) => y.requirement.reducedMonths !== null);
  return (
    <div className="muted completion-basis" data-testid="completion-basis">
      <p>学时要求{YEARLY_HOURS_CITATION}各年度公需、专业科目的具体学时见上表“要求”栏。</p>
      {others.length > 0 && <p>{others.join('；')}。</p>}
      {reduced && (
        <p>
          “要求”栏注明按在岗月数折算的年度，依据同一办法第八条按实际在岗时间折算应完成学时（不足1学时的部分不计）。
        </p>
      )}
    </div>
  );
}
