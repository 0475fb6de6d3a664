/**
 * What the declaration pages need to know about the learning forms (学习形式): the form's own fields
 * with Chinese labels ("系统会根据学习形式自动载入需要录入的信息项"), which evidence applies, how the
 * standard hours read, and the colours of each state. The numbers themselves come from
 * `evaluateStandardHours` in @ce/shared, the same function the server runs.
 */
import {
  DECLARATION_STATUS_LABELS,
  type DeclarationStatus,
  evaluateStandardHours,
  formatHours,
  type FormCode,
  type StandardHours,
} from '@ce/shared';

export interface ParamOption {
  value: string | boolean;
  label: string;
}

/** One field of a learning form (params key → label, input kind, choices). */
export type ParamField =
  | {
      key: string;
      label: string;
      kind: 'select' | 'radio';
      options: ParamOption[];
      /** Shown only when it applies to what was chosen so far. */
      when?: (params: Record<string, unknown>) => boolean;
      extra?: string;
      /** May stay empty (the regulation's default applies). */
      optional?: boolean;
    }
  | {
      key: string;
      label: string;
      kind: 'number';
      min: number;
      max?: number;
      suffix?: string;
      when?: (params: Record<string, unknown>) => boolean;
      extra?: string;
      optional?: boolean;
    };

const LEVEL_OPTIONS: ParamOption[] = [
  { value: 'national', label: '国家级' },
  { value: 'provincial', label: '省级' },
];
const YES_NO: ParamOption[] = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];
const MAX_DAYS = 366;

/** The learning forms' own fields (shared/src/rules/hourStandards.ts formParamsSchemas), in Chinese. */
export const FORM_PARAM_FIELDS: Record<FormCode, ParamField[]> = {
  base_training: [],
  training: [],
  degree_education: [
    {
      key: 'mode',
      label: '学习方式',
      kind: 'radio',
      options: [
        { value: 'course', label: '学历、学位教育（课程考试）' },
        { value: 'study', label: '课程进修' },
      ],
    },
    {
      key: 'passedCourses',
      label: '考试合格课程门数',
      kind: 'number',
      min: 1,
      suffix: '门',
      when: (p) => p.mode === 'course',
    },
    {
      key: 'months',
      label: '进修月数',
      kind: 'number',
      min: 1,
      suffix: '个月',
      when: (p) => p.mode === 'study',
    },
  ],
  conference: [
    {
      key: 'level',
      label: '会议级别',
      kind: 'radio',
      options: [
        { value: 'national', label: '国家级（国家部委举办）' },
        { value: 'provincial', label: '省级' },
      ],
    },
    { key: 'days', label: '参会天数', kind: 'number', min: 1, max: MAX_DAYS, suffix: '天', extra: '按实际参会天数填写，半天按一天计' },
    { key: 'presented', label: '是否宣读、报告论文', kind: 'radio', options: YES_NO },
  ],
  research_project: [
    { key: 'level', label: '课题（项目）级别', kind: 'radio', options: LEVEL_OPTIONS },
    {
      key: 'role',
      label: '课题（项目）类别',
      kind: 'radio',
      options: [
        { value: 'main', label: '主课题（项目）组' },
        { value: 'sub', label: '子课题（项目）组' },
      ],
    },
    { key: 'rank', label: '按职责排序', kind: 'number', min: 1, suffix: '名', extra: '本人在课题（项目）组中的排名' },
  ],
  publication: [
    {
      key: 'kind',
      label: '著作或刊物类别',
      kind: 'select',
      options: [
        { value: 'book', label: '出版著作（译作）' },
        { value: 'journal_national', label: '国外及国家一级学会主办的专业刊物' },
        { value: 'journal_provincial_core', label: '省级专业刊物（核心期刊）' },
        { value: 'journal_issn_cn', label: '具有国际标准刊号（ISSN）和国内统一刊号（CN）的刊物' },
      ],
    },
    { key: 'rank', label: '署名排序', kind: 'number', min: 1, suffix: '名', extra: '署名前3名的作者计算学时' },
    { key: 'words', label: '本人撰写字数', kind: 'number', min: 1, suffix: '字', when: (p) => p.kind === 'book' },
    {
      key: 'supplement',
      label: '是否增刊、副刊',
      kind: 'radio',
      options: YES_NO,
      when: (p) => p.kind !== undefined && p.kind !== 'book',
      extra: '增刊、副刊上发表的论文不计学时',
      optional: true,
    },
  ],
  patent: [
    {
      key: 'kind',
      label: '专利类别',
      kind: 'radio',
      options: [
        { value: 'invention', label: '发明专利' },
        { value: 'utility_model', label: '实用新型专利' },
        { value: 'design', label: '外观设计专利' },
      ],
    },
    { key: 'rank', label: '专利权人排序', kind: 'number', min: 1, suffix: '名', extra: '署名前3名的专利权人计算学时' },
  ],
  award: [
    {
      key: 'level',
      label: '奖项级别',
      kind: 'radio',
      options: [
        { value: 'national', label: '国家级' },
        { value: 'provincial', label: '省（部）级' },
      ],
    },
    { key: 'rank', label: '获奖者排序', kind: 'number', min: 1, suffix: '名', extra: '署名前3名的获奖者计算学时' },
  ],
  qualification_exam: [
    {
      key: 'kind',
      label: '考试类别',
      kind: 'select',
      options: [
        { value: 'senior', label: '全国高级专业技术资格考试' },
        { value: 'intermediate', label: '全国中级专业技术资格考试' },
        { value: 'junior', label: '全国初级专业技术资格考试' },
        { value: 'practising', label: '全国执业资格或职业水平考试' },
      ],
    },
  ],
  endorsed_report: [],
  aid_assignment: [
    { key: 'months', label: '援派（挂职）月数', kind: 'number', min: 1, max: 12, suffix: '个月', extra: '满12个月可计算完成年度全部学时' },
  ],
  grassroots_service: [{ key: 'days', label: '服务天数', kind: 'number', min: 1, max: MAX_DAYS, suffix: '天' }],
  department_training: [],
  unit_training: [],
  reduction: [],
  other: [],
};

/** The fields of `form` that apply to what was chosen so far. */
export function visibleParamFields(form: FormCode | undefined, params: Record<string, unknown>): ParamField[] {
  if (!form) return [];
  return FORM_PARAM_FIELDS[form].filter((f) => !f.when || f.when(params));
}

/** Only the visible fields' filled values: what is sent to the server and evaluated. */
export function cleanParams(form: FormCode | undefined, params: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const p = params ?? {};
  for (const f of visibleParamFields(form, p)) {
    const v = p[f.key];
    if (v !== undefined && v !== null && v !== '') out[f.key] = v;
  }
  return out;
}

export type LiveStandard =
  | { state: 'none' }
  | { state: 'missing'; labels: string[] }
  | { state: 'invalid'; message: string }
  | { state: 'ok'; result: StandardHours };

/** The standard hours of what is on the form now (the same function the server runs). */
export function liveStandard(form: FormCode | undefined, params: Record<string, unknown> | undefined): LiveStandard {
  if (!form) return { state: 'none' };
  const clean = cleanParams(form, params);
  const missing = visibleParamFields(form, params ?? {})
    .filter((f) => clean[f.key] === undefined && !f.optional)
    .map((f) => f.label);
  if (missing.length > 0) return { state: 'missing', labels: missing };
  const evaluated = evaluateStandardHours(form, clean);
  return evaluated.ok ? { state: 'ok', result: evaluated.result } : { state: 'invalid', message: evaluated.message };
}

type StandardLike =
  | { hours: number | null; covers: 'professional' | 'all' | null }
  | { standardHours: number | null; standardCovers: 'professional' | 'all' | null };

/** "24 学时", or how a standard without a number reads. */
export function standardText(standard: StandardLike): string {
  const s = 'standardHours' in standard ? { hours: standard.standardHours, covers: standard.standardCovers } : standard;
  if (s.hours != null) return `${formatHours(s.hours)} 学时`;
  if (s.covers === 'professional') return '可计算完成年度全部专业科目学时';
  if (s.covers === 'all') return '可计算完成年度全部公需和专业科目学时';
  return '按实际学时认定（无固定标准）';
}

/** Readable values of a record's own fields, for the detail pages. */
export function paramItems(form: FormCode, params: Record<string, unknown>): { label: string; value: string }[] {
  return visibleParamFields(form, params).flatMap((f) => {
    const v = params[f.key];
    if (v === undefined || v === null) return [];
    if (f.kind === 'number') return [{ label: f.label, value: `${String(v)}${f.suffix ?? ''}` }];
    const option = f.options.find((o) => o.value === v);
    return [{ label: f.label, value: option?.label ?? String(v) }];
  });
}

/**
 * Whether an evidence item of seed 001 applies to this record: '（宣读、报告论文者）' only when a paper
 * was presented, '著作：' / '论文：' by the publication kind, '（进修学习）' only for course study.
 * `undefined` when it depends on facts the form does not ask (e.g. sick leave): "如适用".
 */
export function evidenceApplies(form: FormCode | undefined, item: string, params: Record<string, unknown>): boolean | undefined {
  if (form === 'conference' && item.includes('宣读')) return params.presented === undefined ? undefined : params.presented === true;
  if (form === 'publication' && item.startsWith('著作')) return params.kind === undefined ? undefined : params.kind === 'book';
  if (form === 'publication' && item.startsWith('论文')) return params.kind === undefined ? undefined : params.kind !== 'book';
  if (form === 'degree_education' && item.includes('（进修学习）')) return params.mode === undefined ? undefined : params.mode === 'study';
  if (/（[^）]*）$/.test(item)) return undefined;
  return true;
}

export const DECLARATION_STATUS_COLORS: Record<DeclarationStatus, string> = {
  draft: 'default',
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  revoked: 'warning',
};
export const declarationStatusLabel = (s: DeclarationStatus) => DECLARATION_STATUS_LABELS[s];

/** 1.5 MB, 320 KB … */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
