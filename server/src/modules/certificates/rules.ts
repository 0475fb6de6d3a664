import {
  REQUIREMENT_RULES,
  TITLE_LEVEL_LABELS,
  applyReduction,
  endOfChinaYear,
  regionByCode,
  yearCompletion,
  type Covers,
  type FormCode,
  type RequirementRule,
  type TitleLevel,
  type YearCompletion,
  type YearRequirement,
} from '@ce/shared';

/**
 * The certificate's sentence (seed 002, 附件1), with the holder's name and the year(s) filled in.
 * A merged print (R-23) lists every year of the range joined by 、 ("2024、2025年度"): the template's
 * blank is "____年度", and naming each year keeps the wording the template's while leaving no doubt
 * which years are certified.
 */
export function certificateSentence(holderName: string, years: readonly number[]): string {
  const list = [...years].sort((a, b) => a - b).join('、');
  return `${holderName} 参加专业技术人员继续教育学习，经审核，已完成${list}年度专业技术人员继续教育学习任务，根据《河南省专业技术人员继续教育条例》，特发此证。`;
}

/** The region name carved on a bureau's seal: 河南省, 郑州市, 巩义市, 济源市. */
/** Text of the bureau's e-seal (R-22): "{地区}专业技术人员继续教育专用章". */
export const sealText = (regionName: string) => `${regionName}专业技术人员继续教育专用章`;

export function sealRegionName(regionCode: string): string {
  const region = regionByCode(regionCode);
  if (!region) throw new Error(`unknown region ${regionCode}`);
  return region.name;
}

// ---------------------------------------------------------------- 年度完成情况 (SPEC §7, R-19 – R-21)

/** A counted record of a year as the completion sees it (approvedHoursByYear). */
export interface CountedRecord {
  id: number;
  subject: 'public' | 'professional';
  form: FormCode;
  hours: number;
  covers: Covers | null;
  approvedAt: Date | null;
  monthsOnDuty: number | null;
}

export interface YearState {
  requirement: YearRequirement;
  /** Months of the year not on duty (第八条), or null without an approved reduction. */
  reducedMonths: number | null;
  publicHours: number;
  professionalHours: number;
  covers: Covers[];
  completion: YearCompletion;
}

const addTenths = (a: number, b: number) => (Math.round(a * 10) + Math.round(b * 10)) / 10;

/**
 * A year's state from its counted records and the person's base requirement: hours per subject
 * (form 15 adds none), the full-year rules (R-20), and the reduction (R-19). With several approved
 * form-15 records the fewest months on duty apply: each states the months on duty of the whole
 * year, and every one of them was approved by the chain.
 */
export function yearState(base: YearRequirement, records: readonly CountedRecord[]): YearState {
  let publicHours = 0;
  let professionalHours = 0;
  let monthsOnDuty: number | null = null;
  const covers = new Set<Covers>();
  for (const r of records) {
    if (r.form === 'reduction') {
      if (r.monthsOnDuty != null) monthsOnDuty = Math.min(monthsOnDuty ?? 12, r.monthsOnDuty);
      continue;
    }
    if (r.subject === 'public') publicHours = addTenths(publicHours, r.hours);
    else professionalHours = addTenths(professionalHours, r.hours);
    if (r.covers) covers.add(r.covers);
  }
  const requirement = monthsOnDuty == null ? base : applyReduction(base, monthsOnDuty);
  const coverList = (['professional', 'all'] as const).filter((c) => covers.has(c));
  return {
    requirement,
    reducedMonths: monthsOnDuty == null ? null : 12 - monthsOnDuty,
    publicHours,
    professionalHours,
    covers: coverList,
    completion: yearCompletion({ requirement, publicHours, professionalHours, covers: coverList }),
  };
}

/**
 * When the year passed: the approval (备案) after which the records approved so far first met the
 * requirement. Passing is monotonic along the approvals (hours only add up, a reduction only lowers
 * the requirement), so this is the record that made the year pass. Null when it does not pass.
 */
export function passingApproval(
  base: YearRequirement,
  records: readonly CountedRecord[],
): { at: Date; declarationId: number } | null {
  const ordered = [...records].sort(
    (a, b) => (a.approvedAt?.getTime() ?? 0) - (b.approvedAt?.getTime() ?? 0) || a.id - b.id,
  );
  for (let i = 0; i < ordered.length; i++) {
    if (yearState(base, ordered.slice(0, i + 1)).completion.passed) {
      const r = ordered[i]!;
      return { at: r.approvedAt ?? new Date(0), declarationId: r.id };
    }
  }
  return null;
}

/** A province rule row as the rule engine reads it. */
export interface RequirementRuleRow {
  fromYear: number;
  toYear: number | null;
  titleLevels: TitleLevel[] | null;
  regionPrefixes: string[] | null;
  notRegionPrefixes: string[] | null;
  publicHours: number;
  professionalHours: number;
  basis: string;
}

/** The rules in the order they are tried: the province's (newest first, pass them so), then the regulation's. */
export function effectiveRules(provinceNewestFirst: readonly RequirementRuleRow[]): RequirementRule[] {
  return [
    ...provinceNewestFirst.map((r) => ({
      fromYear: r.fromYear,
      toYear: r.toYear,
      condition: {
        ...(r.titleLevels ? { titleLevels: r.titleLevels } : {}),
        ...(r.regionPrefixes ? { regionPrefixes: r.regionPrefixes } : {}),
        ...(r.notRegionPrefixes ? { notRegionPrefixes: r.notRegionPrefixes } : {}),
      },
      publicHours: r.publicHours,
      professionalHours: r.professionalHours,
      basis: r.basis,
    })),
    ...REQUIREMENT_RULES,
  ];
}

/** The first year any rule covers (the regulation's table starts in 2013). */
export const firstRequirementYear = (rules: readonly RequirementRule[]) =>
  Math.min(...rules.map((r) => r.fromYear));


/**
 * A value (title level, unit region) as it stood at the end of `year`, from its approved changes
 * (ascending by time) and its value today: the last change before the year's end wins; with none,
 * the value before the first later change; with no change at all, today's value.
 */
export function valueAtEndOfYear<T>(
  year: number,
  today: T,
  changes: readonly { at: Date; before: T; after: T }[],
): T {
  const end = endOfChinaYear(year).getTime();
  let last: { after: T } | null = null;
  for (const c of changes) {
    if (c.at.getTime() < end) last = c;
    else return last ? last.after : c.before;
  }
  return last ? last.after : today;
}

/** Chinese words of a rule's condition: who it applies to. */
export function conditionText(c: {
  titleLevels?: readonly TitleLevel[] | null;
  regionPrefixes?: readonly string[] | null;
  notRegionPrefixes?: readonly string[] | null;
}): string {
  const parts: string[] = [];
  if (c.titleLevels?.length) parts.push(`职称级别：${c.titleLevels.map((l) => TITLE_LEVEL_LABELS[l]).join('、')}`);
  if (c.regionPrefixes?.length) parts.push(`地区：${c.regionPrefixes.map(prefixName).join('、')}`);
  if (c.notRegionPrefixes?.length) parts.push(`不含：${c.notRegionPrefixes.map(prefixName).join('、')}`);
  return parts.length ? parts.join('；') : '全体专业技术人员';
}

function prefixName(prefix: string): string {
  const region = regionByCode(prefix.padEnd(6, '0'));
  if (prefix.length <= 2) return `全省（${prefix}）`;
  return region ? `${region.name}（${prefix}）` : prefix;
}

/** A name for public pages: the surname stays, the rest is masked (张伟 → 张*). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** The file name of a certificate PDF (Chinese), and its ASCII stand-in for old clients. */
export function certificateFileName(certNo: string, years: readonly number[]): { name: string; ascii: string } {
  const span = years.length === 1 ? String(years[0]) : `${years[0]}-${years[years.length - 1]}`;
  return { name: `河南省专业技术人员继续教育证书_${certNo}_${span}.pdf`, ascii: `certificate_${certNo}_${span}.pdf` };
}

/** `Content-Disposition` with a Chinese file name (RFC 6266/5987, filename*) and the ASCII fallback. */
export function pdfDisposition(file: { name: string; ascii: string }): string {
  const encoded = encodeURIComponent(file.name).replace(
    /['()*!]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${file.ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The certificate's note on hours transferred in from other provinces (外省转入), or null when no
 * printed year has any: 注：2023年度含外省转入学时（湖北省）；2024年度含外省转入学时（湖北省、湖南省）.
 */
export function transferNote(years: readonly { year: number; provinces: readonly string[] }[]): string | null {
  const marked = years.filter((y) => y.provinces.length > 0);
  if (marked.length === 0) return null;
  return `注：${marked.map((y) => `${y.year}年度含外省转入学时（${y.provinces.join('、')}）`).join('；')}`;
}
