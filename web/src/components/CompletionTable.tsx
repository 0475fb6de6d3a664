import type { ReactNode } from 'react';
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CompletionYear } from '../api/types';
import { missingText } from '../lib/completion';
import { formatHours } from '@ce/shared';

export const RESULT_COLORS: Record<CompletionYear['resultLabel'], string> = {
  通过: 'success',
  未通过: 'error',
  进行中: 'processing',
};

const hoursCell = (hours: number, covered: boolean) => (covered ? `${formatHours(hours)}（视为完成）` : formatHours(hours));

/**
 * 年度完成情况 as one compact table (issue 8 item 10): 年度 | 公需 | 专业 | 合计 | 要求 | 认定结果 | 操作.
 * The professional's own page and the 人员管理 drawer show it; `actions` fills 操作 (print, 详细).
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
    { title: '合计', key: 'total', width: 64, render: (_, y) => formatHours(y.publicHours + y.professionalHours) },
    {
      title: '要求（公需+专业）',
      key: 'requirement',
      width: 90,
      render: (_, y) => (
        <>
          {formatHours(y.requirement.publicHours)} + {formatHours(y.requirement.professionalHours)}
          {y.requirement.reducedMonths !== null && <div className="muted">按在岗 {y.requirement.reducedMonths} 个月折算</div>}
        </>
      ),
    },
    {
      title: '认定结果',
      key: 'result',
      width: 120,
      render: (_, y) => {
        const missing = missingText(y);
        return (
          <>
            <Tag color={RESULT_COLORS[y.resultLabel]}>{y.resultLabel}</Tag>
            {missing && !y.passed && <div className="muted">{missing}</div>}
          </>
        );
      },
    },
    ...(actions ? [{ title: '操作', key: 'actions', width: 90, render: (_: unknown, y: CompletionYear) => actions(y) }] : []),
  ];
  return (
    <Table<CompletionYear>
      rowKey="year"
      size={size}
      columns={columns}
      dataSource={years}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** The requirement's basis, cited once under the table (every year's basis that differs, once). */
export function CompletionBasis({ years }: { years: CompletionYear[] }) {
  const bases = [...new Set(years.map((y) => y.requirement.basis))];
  if (bases.length === 0) return null;
  return <p className="muted completion-basis">学时要求依据：{bases.join('；')}</p>;
}
