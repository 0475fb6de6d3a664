/** 查询统计's rollup and list rows → the answers of shared/src/endpoints/statistics.ts. */
import {
  DECLARATION_SOURCE_LABELS,
  type DeclarationSource,
  type FormCode,
  maskIdNumber,
  regionDisplayName,
  type StatFigures,
  TITLE_LEVEL_LABELS,
  type TitleLevel,
} from '@ce/shared';
import { formLabel } from '../declarations/presenters';
import type { childrenTotals, RollupRow, UnmetRow } from './repo';
import { missingHours, passRate } from './rules';

type ChildRow = Awaited<ReturnType<typeof childrenTotals>>['items'][number];
type Hours = { publicHours: number; professionalHours: number };

/** Rollup columns arrive as numbers or numeric strings (sums). */
export const num = (v: unknown) => Number(v ?? 0);

export const emptyFigures = (): StatFigures => ({
  registered: 0,
  withHours: 0,
  passed: 0,
  passRate: 0,
  publicHours: 0,
  professionalHours: 0,
  pending: 0,
});

/** The figures of several rollup rows together (hours to one decimal, the pass rate of the sums). */
export function figuresOf(rows: Pick<RollupRow, 'registered' | 'withHours' | 'passed' | 'publicHours' | 'professionalHours' | 'pending'>[]): StatFigures {
  const f = emptyFigures();
  for (const r of rows) {
    f.registered += num(r.registered);
    f.withHours += num(r.withHours);
    f.passed += num(r.passed);
    f.publicHours = Math.round((f.publicHours + num(r.publicHours)) * 10) / 10;
    f.professionalHours = Math.round((f.professionalHours + num(r.professionalHours)) * 10) / 10;
    f.pending += num(r.pending);
  }
  f.passRate = passRate(f.passed, f.registered);
  return f;
}

export function safeRegionName(code: string): string {
  try {
    return regionDisplayName(code);
  } catch {
    return code;
  }
}

/** A 工作部门's row (`wdId` null: people without one); `name` undefined: the 工作部门 was deleted. */
export const toWorkDepartmentRow = (r: RollupRow, wdId: number | null, name: string | undefined) => ({
  ...figuresOf([r]),
  workDepartmentId: wdId,
  workDepartmentName: wdId === null ? '未分配工作部门' : (name ?? '（已删除的工作部门）'),
});

export const toRegionRow = (code: string, rows: RollupRow[]) => ({ ...figuresOf(rows), regionCode: code, regionName: safeRegionName(code) });

/** A 职称系列 × 级别 row (the rollup key is `series|level`). */
export function toSeriesRow(r: RollupRow) {
  const [series = '', level = ''] = r.key.split('|');
  return { ...figuresOf([r]), titleSeries: series, titleLevel: level, titleLevelLabel: TITLE_LEVEL_LABELS[level as TitleLevel] ?? level };
}

export const toFormRow = (r: RollupRow) => ({
  form: r.key,
  formLabel: formLabel(r.key as FormCode),
  publicHours: num(r.publicHours),
  professionalHours: num(r.professionalHours),
  pending: num(r.pending),
});

export const toSourceRow = (r: RollupRow) => ({
  source: r.key,
  sourceLabel: DECLARATION_SOURCE_LABELS[r.key as DeclarationSource] ?? r.key,
  publicHours: num(r.publicHours),
  professionalHours: num(r.professionalHours),
  pending: num(r.pending),
});

/** A child organisation of the drill-down with its subtree's figures. */
export const toChildItem = (r: ChildRow) => ({
  ...figuresOf([{ registered: r.registered, withHours: r.with_hours, passed: r.passed, publicHours: num(r.public_hours), professionalHours: num(r.professional_hours), pending: r.pending }]),
  org: { id: Number(r.id), name: r.name, kind: r.kind, regionCode: r.region_code },
  hasChildren: Boolean(r.has_children),
});

export const toTrendItem = (figures: StatFigures, year: number, refreshedAt: Date | undefined) => ({ ...figures, year, refreshedAt: refreshedAt?.toISOString() ?? null });

/** A person of the 未达标名单: their counted hours, the year's requirement (`required`) and what is missing. */
export function toUnmetItem(r: UnmetRow, required: Hours) {
  const hours = { publicHours: num(r.public_hours), professionalHours: num(r.professional_hours) };
  return {
    accountId: Number(r.account_id),
    name: r.name,
    idNumberMasked: maskIdNumber(r.id_number),
    unit: { id: Number(r.unit_id), name: r.unit_name },
    workDepartment: r.wd_id === null ? null : { id: Number(r.wd_id), name: r.wd_name ?? '' },
    titleSeries: r.title_series,
    titleLevelLabel: TITLE_LEVEL_LABELS[r.title_level as TitleLevel] ?? r.title_level,
    ...hours,
    requiredPublic: required.publicHours,
    requiredProfessional: required.professionalHours,
    ...missingHours(hours, required),
  };
}
