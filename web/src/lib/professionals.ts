import {
  CHANGE_FIELD_LABELS,
  ETHNICITIES,
  GENDER_LABELS,
  MAJOR_CATALOGUE,
  TITLE_LEVEL_LABELS,
  TITLE_LEVELS,
  TITLE_SERIES,
  type ChangeRequestStatus,
  type TitleLevel,
  type TransferStatus,
} from '@ce/shared';

/** 民族, 职称系列, 职称级别, 所学专业 as select options (the stored value is the Chinese name itself). */
export const ethnicityOptions = ETHNICITIES.map((e) => ({ value: e, label: e }));
export const titleSeriesOptions = TITLE_SERIES.map((s) => ({ value: s, label: s }));
export const titleLevelOptions = TITLE_LEVELS.map((l) => ({ value: l, label: TITLE_LEVEL_LABELS[l] }));
/** 所学专业, grouped by 门类 (FAQ: "所学专业选择大类或者相近专业即可"). */
export const majorOptions = MAJOR_CATALOGUE.map((c) => ({
  label: c.category,
  title: c.category,
  options: c.classes.map((m) => ({ value: m, label: m })),
}));
export const genderOptions = (['male', 'female'] as const).map((g) => ({
  value: g,
  label: GENDER_LABELS[g],
}));

const isTitleLevel = (v: string): v is TitleLevel => (TITLE_LEVELS as readonly string[]).includes(v);

/** 中小学教师 · 中级 */
export const titleText = (series: string, level: string) =>
  `${series} · ${isTitleLevel(level) ? TITLE_LEVEL_LABELS[level] : level}`;

/** A change request's value as a person reads it (职称级别 codes become 初级/中级…). */
export const changeValueText = (field: string, value: string | undefined) =>
  value === undefined
    ? '—'
    : field === 'titleLevel' && isTitleLevel(value)
      ? TITLE_LEVEL_LABELS[value]
      : value;

/** The fields of a change request that differ, as "label: before → after" pairs. */
export function changedPairs(before: Record<string, string>, after: Record<string, string>) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => before[k] !== after[k])
    .map((k) => ({
      key: k,
      label: CHANGE_FIELD_LABELS[k] ?? k,
      before: changeValueText(k, before[k]),
      after: changeValueText(k, after[k]),
    }));
}

export const CHANGE_STATUS_COLORS: Record<ChangeRequestStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

export const TRANSFER_STATUS_COLORS: Record<TransferStatus, string> = {
  pending_out: 'gold',
  pending_in: 'blue',
  completed: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

/** A transfer that still waits for a unit's decision. */
export const transferLive = (status: TransferStatus) => status === 'pending_out' || status === 'pending_in';
