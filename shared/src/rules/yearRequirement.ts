/**
 * The yearly minimum hours (年度学时要求, SPEC §7: 第五条 of the regulation, with the yearly figures
 * the province published, FAQ "各年度学时要求" in seed 003), the
 * pro-rating for time off duty (第八条, SPEC R-19) and the year's completion (SPEC §7, R-20).
 *
 * The requirement table is data: the province can add rows for future years (or load them from
 * the database) and pass them to `yearRequirement`.
 */

export const TITLE_LEVELS = ['junior', 'intermediate', 'deputy_senior', 'senior'] as const;
/** 专业技术职务等级: 初级 / 中级 / 副高级 / 正高级. */
export type TitleLevel = (typeof TITLE_LEVELS)[number];

/** Who a rule applies to; an absent field matches everybody. */
export interface RequirementCondition {
  /** The person's 专业技术职务等级 is one of these. */
  titleLevels?: readonly TitleLevel[];
  /** The unit's region code starts with one of these. */
  regionPrefixes?: readonly string[];
  /** ... and with none of these. */
  notRegionPrefixes?: readonly string[];
}

export interface RequirementRule {
  fromYear: number;
  /** Last year the rule applies to; null = still in force. */
  toYear: number | null;
  condition: RequirementCondition;
  /** 公需科目 minimum. */
  publicHours: number;
  /** 专业科目 minimum. */
  professionalHours: number;
  basis: string;
}

export interface YearRequirement {
  publicHours: number;
  professionalHours: number;
  basis: string;
}

/** The regulation that sets the yearly hours (seed 004: 豫人社〔2017〕121号, 2017-08-17). */
export const CE_CERTIFICATE_REGULATION = '《河南省专业技术人员继续教育证书管理办法》（豫人社〔2017〕121号）';

/**
 * 第五条 as it reads (seeds 000 and 004), cited once under every 年度完成情况 table. Seed 001's copy
 * carries the 2018 change in place: 公需科目 "24+6（2018）" hours, the 30 of the rules below.
 */
export const YEARLY_HOURS_ARTICLE = {
  article: '第五条',
  text: '专业技术人员每年累计完成不少于90学时的继续教育任务，其中，公需科目每人每年不少于24学时，专业科目一般不少于总学时的三分之二。',
} as const;

/** "依据《…》第五条：“…”" — the one citation of the yearly requirement. */
export const YEARLY_HOURS_CITATION = `依据${CE_CERTIFICATE_REGULATION}${YEARLY_HOURS_ARTICLE.article}：“${YEARLY_HOURS_ARTICLE.text}”`;

const ART5 = `${CE_CERTIFICATE_REGULATION}第五条`;

/**
 * Rules are tried in order and the first match wins, so a specific row (Zhengzhou) precedes the
 * catch-all row of the same years.
 *
 * 2016–2017 "郑州地区" is the area of the Zhengzhou city bureau: region codes 4101xx except 巩义
 * (410181). 巩义 is a 省直管县（市）, which the regulation (第十二条, 第十三条) treats as a peer of the
 * 省辖市 with its own bureau issuing its certificates, so it follows the provincial standard of the
 * time (第五条: 公需科目 24). 省直 units (410000) are not "郑州地区" either.
 */
export const REQUIREMENT_RULES: readonly RequirementRule[] = [
  {
    fromYear: 2013,
    toYear: 2015,
    condition: { titleLevels: ['junior'] },
    publicHours: 22,
    professionalHours: 52,
    // Before the 2017 regulation: the figures the province published for those years (FAQ, seed 003).
    basis: '2013—2015年（第五条施行前，按省平台公布的当年要求）：初级总学时不少于74学时，其中公需科目不少于22学时，专业科目不少于52学时',
  },
  {
    fromYear: 2013,
    toYear: 2015,
    condition: { titleLevels: ['intermediate', 'deputy_senior', 'senior'] },
    publicHours: 26,
    professionalHours: 60,
    basis: '2013—2015年（第五条施行前，按省平台公布的当年要求）：中高级总学时不少于86学时，其中公需科目不少于26学时，专业科目不少于60学时',
  },
  {
    fromYear: 2016,
    toYear: 2017,
    condition: { regionPrefixes: ['4101'], notRegionPrefixes: ['410181'] },
    publicHours: 30,
    professionalHours: 60,
    basis: `${ART5}：每年不少于90学时；2016—2017年郑州地区公需科目30学时、专业科目60学时`,
  },
  {
    fromYear: 2016,
    toYear: 2017,
    condition: {},
    publicHours: 24,
    professionalHours: 66,
    basis: `${ART5}：每年不少于90学时，其中公需科目不少于24学时，专业科目一般不少于总学时的三分之二（2016—2017年郑州以外地区：公需科目24学时、专业科目66学时）`,
  },
  {
    fromYear: 2018,
    toYear: null,
    condition: {},
    publicHours: 30,
    professionalHours: 60,
    basis: `${ART5}：每年不少于90学时；2018年起公需科目增加6学时（24+6），不分地区公需科目30学时、专业科目60学时`,
  },
];

function matches(c: RequirementCondition, titleLevel: TitleLevel, regionCode: string): boolean {
  if (c.titleLevels && !c.titleLevels.includes(titleLevel)) return false;
  if (c.regionPrefixes && !c.regionPrefixes.some((p) => regionCode.startsWith(p))) return false;
  if (c.notRegionPrefixes && c.notRegionPrefixes.some((p) => regionCode.startsWith(p))) return false;
  return true;
}

/**
 * The minimum hours of `year` for a person, or null when no rule covers the year (before 2013).
 * A person without a title level (null) is counted with 初级, the group that includes 员级.
 */
export function yearRequirement(
  rules: readonly RequirementRule[],
  input: { year: number; titleLevel: TitleLevel | null; unitRegionCode: string },
): YearRequirement | null {
  const level = input.titleLevel ?? 'junior';
  const rule = rules.find(
    (r) =>
      input.year >= r.fromYear &&
      (r.toYear === null || input.year <= r.toYear) &&
      matches(r.condition, level, input.unitRegionCode),
  );
  if (!rule) return null;
  return { publicHours: rule.publicHours, professionalHours: rule.professionalHours, basis: rule.basis };
}

/**
 * 第八条: the requirement of a year with time off duty (abroad or sick leave over six months,
 * maternity, other approved reasons) is pro-rated by the whole months actually on duty (0–12).
 *
 * Each part is rounded down to a whole hour: every figure in the regulation and the FAQ is a whole
 * number of hours, 第八条 is a relief for the person so a fraction is not demanded, and the seeds'
 * only worked example (66 required, half a year of maternity leave → 33) is exact under this rule.
 */
export function applyReduction(req: YearRequirement, monthsOnDuty: number): YearRequirement {
  if (!Number.isInteger(monthsOnDuty) || monthsOnDuty < 0 || monthsOnDuty > 12) {
    throw new RangeError(`monthsOnDuty must be an integer 0–12: ${monthsOnDuty}`);
  }
  if (monthsOnDuty === 12) return req;
  return {
    publicHours: Math.floor((req.publicHours * monthsOnDuty) / 12),
    professionalHours: Math.floor((req.professionalHours * monthsOnDuty) / 12),
    basis: `${req.basis}；按《河南省专业技术人员继续教育证书管理办法》第八条，按实际在岗${monthsOnDuty}个月折算（不足1学时的部分不计）`,
  };
}

export type Covers = 'professional' | 'all';

export interface YearCompletion {
  passed: boolean;
  missingPublic: number;
  missingProfessional: number;
}

/** Avoids 0.30000000000000004-style remainders when hours carry decimals. */
const roundHours = (n: number) => Math.round(n * 100) / 100;

/**
 * Whether a year passes (public ≥ P and professional ≥ Q from approved records), SPEC §7.
 * an approved record covering 'all' (a full year of aid assignment) completes the whole year;
 * one covering 'professional' (course study over six months) completes the professional part.
 */
export function yearCompletion(input: {
  requirement: Pick<YearRequirement, 'publicHours' | 'professionalHours'>;
  publicHours: number;
  professionalHours: number;
  covers: readonly Covers[];
}): YearCompletion {
  if (input.covers.includes('all')) return { passed: true, missingPublic: 0, missingProfessional: 0 };
  const missingPublic = Math.max(0, roundHours(input.requirement.publicHours - input.publicHours));
  const missingProfessional = input.covers.includes('professional')
    ? 0
    : Math.max(0, roundHours(input.requirement.professionalHours - input.professionalHours));
  return { passed: missingPublic === 0 && missingProfessional === 0, missingPublic, missingProfessional };
}

/** Hours as printed and shown: whole numbers plain, fractions with up to two decimals ("30", "30.5"). */
export const formatHours = (hours: number): string => String(Math.round(hours * 100) / 100);
