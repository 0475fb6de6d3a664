/**
 * 外省学时转入 (issue 14 item 4): a professional who moved to Henan declares hours of past years
 * recorded by another province's continuing-education authority. Pure rules shared by the server
 * (checks) and the web (the form's choices and hints).
 */

/** The other 30 provincial-level regions of the mainland (GB/T 2260 codes), Henan (41) excluded. */
export const OTHER_PROVINCES = [
  { code: '110000', name: '北京市' },
  { code: '120000', name: '天津市' },
  { code: '130000', name: '河北省' },
  { code: '140000', name: '山西省' },
  { code: '150000', name: '内蒙古自治区' },
  { code: '210000', name: '辽宁省' },
  { code: '220000', name: '吉林省' },
  { code: '230000', name: '黑龙江省' },
  { code: '310000', name: '上海市' },
  { code: '320000', name: '江苏省' },
  { code: '330000', name: '浙江省' },
  { code: '340000', name: '安徽省' },
  { code: '350000', name: '福建省' },
  { code: '360000', name: '江西省' },
  { code: '370000', name: '山东省' },
  { code: '420000', name: '湖北省' },
  { code: '430000', name: '湖南省' },
  { code: '440000', name: '广东省' },
  { code: '450000', name: '广西壮族自治区' },
  { code: '460000', name: '海南省' },
  { code: '500000', name: '重庆市' },
  { code: '510000', name: '四川省' },
  { code: '520000', name: '贵州省' },
  { code: '530000', name: '云南省' },
  { code: '540000', name: '西藏自治区' },
  { code: '610000', name: '陕西省' },
  { code: '620000', name: '甘肃省' },
  { code: '630000', name: '青海省' },
  { code: '640000', name: '宁夏回族自治区' },
  { code: '650000', name: '新疆维吾尔自治区' },
] as const;

export type OtherProvinceCode = (typeof OTHER_PROVINCES)[number]['code'];
export const OTHER_PROVINCE_CODES = OTHER_PROVINCES.map((p) => p.code) as unknown as readonly [OtherProvinceCode, ...OtherProvinceCode[]];

/** The province's name, or null for a code outside the closed list (Henan included). */
export function otherProvinceName(code: string): string | null {
  return OTHER_PROVINCES.find((p) => p.code === code)?.name ?? null;
}

/** The mark shown on completion, certificates and review queues. */
export const TRANSFER_MARK = '外省转入';

/** Bounds of one application. */
export const PROVINCE_TRANSFER_LIMITS = {
  /** Years in one application. */
  maxYears: 10,
  /** Hours of one subject in one year: far above any year's requirement, below absurd. */
  maxHoursPerSubject: 200,
} as const;

export interface TransferYearEntry {
  year: number;
  publicHours: number;
  professionalHours: number;
}

const oneDecimal = (n: number) => Math.abs(Math.round(n * 10) - n * 10) < 1e-9;

/**
 * Checks the years of an application; returns the first problem in Chinese, or null. Only past
 * years (the current year's hours are declared here as they are earned), from the first year with
 * a requirement, each once, each with some hours.
 */
export function checkTransferEntries(
  entries: readonly TransferYearEntry[],
  opts: { currentYear: number; firstYear: number },
): string | null {
  if (entries.length === 0) return '请至少填写一个年度的学时';
  if (entries.length > PROVINCE_TRANSFER_LIMITS.maxYears) return `一次最多转入${PROVINCE_TRANSFER_LIMITS.maxYears}个年度`;
  const seen = new Set<number>();
  for (const e of entries) {
    if (!Number.isInteger(e.year)) return '年度不正确';
    if (e.year >= opts.currentYear) return `只能转入往年（${opts.currentYear - 1}年度及以前）的学时；当年学时请在本平台申报`;
    if (e.year < opts.firstYear) return `${opts.firstYear}年度以前没有年度学时要求，不能转入`;
    if (seen.has(e.year)) return `${e.year}年度填写了两次，每个年度只填写一行`;
    seen.add(e.year);
    for (const [label, hours] of [['公需科目', e.publicHours], ['专业科目', e.professionalHours]] as const) {
      if (!Number.isFinite(hours) || hours < 0) return `${e.year}年度${label}学时不能为负数`;
      if (!oneDecimal(hours)) return `${e.year}年度${label}学时最多保留一位小数`;
      if (hours > PROVINCE_TRANSFER_LIMITS.maxHoursPerSubject) {
        return `${e.year}年度${label}学时不能超过${PROVINCE_TRANSFER_LIMITS.maxHoursPerSubject}学时，请按外省证书核实后填写`;
      }
    }
    if (e.publicHours === 0 && e.professionalHours === 0) return `${e.year}年度公需科目和专业科目学时不能都为0`;
  }
  return null;
}

/**
 * The flag reviewers see when a year holds both hours earned here (本省) and hours transferred in,
 * and together they exceed the year's requirement: one of them may count the same learning twice.
 * `local` and `transferred` are the year's live hours (approved or under review) of each kind,
 * `required` the year's total requirement. Returns the warning for a record of kind `kind`, or null.
 */
export function transferOverlapWarning(
  kind: 'transfer' | 'local',
  year: number,
  hours: { local: number; transferred: number; required: number },
): string | null {
  if (hours.local <= 0 || hours.transferred <= 0) return null;
  const total = Math.round((hours.local + hours.transferred) * 10) / 10;
  if (total <= hours.required) return null;
  const detail = `（本省${hours.local}学时，外省转入${hours.transferred}学时，合计${total}学时，年度要求${hours.required}学时），请核实是否重复申报`;
  return kind === 'transfer'
    ? `${year}年度已有本省学时，合计超出年度要求${detail}`
    : `${year}年度已有外省转入学时，合计超出年度要求${detail}`;
}
