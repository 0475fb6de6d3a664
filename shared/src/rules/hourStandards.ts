/**
 * Standard hours of one declaration (学时折算标准): 《河南省专业技术人员继续教育证书管理办法》
 * (豫人社〔2017〕121号) 第七条, as fixed by CONTRACT `POST /api/hour-standards/evaluate` and SPEC §6.
 *
 * `hours: null` means the regulation leaves the figure to the organiser, the base's approving
 * department or the local bureau: the claimed hours stand. `covers` says the record completes the
 * year's professional part ('professional') or the whole year ('all'), SPEC R-20.
 *
 * Days are whole days: the regulation counts "实际天数" at a fixed number of hours per day and has no
 * smaller unit, so a half-day session is entered as one day (the standard only serves to flag claims
 * above it, so rounding a half day up never flags an honest claim).
 */
import { z } from 'zod';

export const FORM_CODES = [
  'base_training',
  'training',
  'degree_education',
  'conference',
  'research_project',
  'publication',
  'patent',
  'award',
  'qualification_exam',
  'endorsed_report',
  'aid_assignment',
  'grassroots_service',
  'department_training',
  'unit_training',
  'reduction',
  'other',
] as const;
export type FormCode = (typeof FORM_CODES)[number];

export interface LearningForm {
  code: FormCode;
  /** 学习形式 as the declaration form shows it (SPEC §5). */
  label: string;
  /** 需提交的证明材料 (seed 001 "专业学时申报类型需提交相关材料说明"). */
  evidence: readonly string[];
  /** When the evidence is (not) needed, where the seed says so. */
  evidenceNote?: string;
}

/** The 16 learning forms in the order of SPEC §5 and seed 001. */
export const LEARNING_FORMS: readonly LearningForm[] = [
  {
    code: 'base_training',
    label: '继续教育基地培训班',
    evidence: ['培训通知', '结业证书', '单位证明材料'],
    evidenceNote: '继续教育基地统一申报的，可不提供证明材料',
  },
  { code: 'training', label: '培训、研修活动', evidence: ['培训通知', '结业证书', '单位证明材料'] },
  {
    code: 'degree_education',
    label: '学历、学位教育',
    evidence: ['当年度成绩单', '单位派出证明（进修学习）', '进修单位考核证明（进修学习）'],
    evidenceNote: '进修学习的还需提供单位派出证明、进修单位考核证明',
  },
  {
    code: 'conference',
    label: '学术会议',
    evidence: ['会议通知', '单位证明材料', '宣读论文或报告的证明材料（宣读、报告论文者）'],
    evidenceNote: '宣读论文或报告的，需提供有关证明材料',
  },
  {
    code: 'research_project',
    label: '课题研究与项目开发',
    evidence: ['参加国家级、省级课题/项目研究证明材料'],
  },
  {
    code: 'publication',
    label: '出版著作（译作）或发表论文',
    evidence: ['著作：封面、扉页、目录', '论文：杂志封面、目录、文章'],
  },
  { code: 'patent', label: '专利', evidence: ['专利证书'] },
  { code: 'award', label: '获奖', evidence: ['获奖证书'] },
  { code: 'qualification_exam', label: '资格考试', evidence: ['资格证书'] },
  { code: 'endorsed_report', label: '调研报告获批示', evidence: ['领导批示件'] },
  {
    code: 'aid_assignment',
    label: '援藏援疆援外、基层支教支农支医扶贫挂职',
    evidence: ['用人单位或主管部门印发的相关文件', '年度考核证明'],
  },
  {
    code: 'grassroots_service',
    label: '服务基层活动',
    evidence: ['服务活动通知', '组织方出具的参与证明', '本单位证明材料'],
  },
  {
    code: 'department_training',
    label: '行业主管部门组织的专业科目培训',
    evidence: ['培训通知', '参与培训相关证明材料'],
    evidenceNote: '培训项目须列入年度计划，并报人社部门备案',
  },
  {
    code: 'unit_training',
    label: '用人单位组织的本单位专业科目培训',
    evidence: ['单位培训通知', '参与培训相关证明材料'],
    evidenceNote: '培训项目须纳入主管部门年度培训计划，并报人社部门备案',
  },
  {
    code: 'reduction',
    label: '境外工作/病假超6个月、生育等',
    evidence: ['单位证明', '医院证明（病假）'],
    evidenceNote: '境外工作、生育提供单位证明；病假提供单位和医院证明',
  },
  {
    code: 'other',
    label: '其他',
    evidence: ['按确认学时的人社部门或省业务主管部门要求提供的证明材料'],
    evidenceNote: '由省辖市、省直管县（市）人社部门或省业务主管部门参照专业科目学时折算标准确认学时',
  },
];

/** The numbers of 第七条, as data. Arrays are indexed by rank − 1; a rank past the end earns 0. */
export const STANDARD_HOURS = {
  degreeEducation: { perPassedCourse: 15, studyPerMonth: 10, studyMonthsForProfessional: 6 },
  conference: {
    national: { perDay: 6, presented: 6 },
    provincial: { perDay: 4, presented: 4 },
  },
  researchProject: {
    national: { main: [68, 60, 52, 44, 36], sub: [52, 44, 36] },
    provincial: { main: [60, 52, 44], sub: [44, 36, 28] },
  },
  /** book: per 10,000 characters; journals: per paper. */
  publication: {
    book: [16, 12, 8],
    journal_national: [52, 44, 36],
    journal_provincial_core: [44, 36, 28],
    journal_issn_cn: [36, 28, 20],
  },
  patent: { maxRank: 3, invention: 68, utility_model: 60, design: 60 },
  award: { maxRank: 3, national: 68, provincial: 60 },
  qualificationExam: { senior: 68, intermediate: 60, junior: 52, practising: 68 },
  endorsedReport: 20,
  aidAssignment: { monthsForWholeYear: 12 },
  grassrootsService: { perDay: 6 },
} as const;

// ------------------------------------------------------------------ parameter schemas

const MAX_DAYS = 366; // one record counts for one year (计入年度)

const missingOr = (field: string, code: string, rule: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `缺少参数“${field}”（${code}）` : `参数“${field}”（${code}）${rule}`,
});

const positiveInt = (field: string, code: string, max?: number) => {
  const rule = max === undefined ? '应为正整数' : `应为1至${max}的整数`;
  const base = z
    .number(missingOr(field, code, rule))
    .int(missingOr(field, code, rule))
    .min(1, missingOr(field, code, rule));
  // `meta` last: Zod keeps metadata per instance, and the batch template reads it (formParamColumns.ts).
  return (max === undefined ? base : base.max(max, missingOr(field, code, rule))).meta({ title: field });
};

const oneOf = <const T extends readonly [string, ...string[]]>(
  field: string,
  code: string,
  values: T,
  labels: Record<T[number], string>,
  /** The column header where `field` alone would be vague (the batch template). */
  header = field,
) =>
  z
    .enum(values, missingOr(field, code, `应为${values.map((v) => `${v}（${labels[v as T[number]]}）`).join('、')}之一`))
    .meta({ title: header, options: labels });

const bool = (field: string, code: string) =>
  z.boolean(missingOr(field, code, '应为 true 或 false')).meta({ title: field });

/** The discriminator of a form with alternative field sets (学历、学位教育: 课程考试 or 课程进修). */
const mode = <const V extends string>(value: V, label: string) => z.literal(value).meta({ title: '学习方式', options: { [value]: label } });

const PARAMS_OBJECT = { error: '参数（params）应为对象' };
const obj = <S extends z.ZodRawShape>(shape: S) => z.object(shape, PARAMS_OBJECT);

const level = oneOf('级别', 'level', ['national', 'provincial'], { national: '国家级', provincial: '省级' });
const rank = positiveInt('排名', 'rank');
const noParams = obj({});

export const formParamsSchemas = {
  base_training: noParams,
  training: noParams,
  degree_education: z.discriminatedUnion(
    'mode',
    [
      obj({ mode: mode('course', '学历、学位教育（课程考试）'), passedCourses: positiveInt('考试合格课程门数', 'passedCourses') }),
      obj({ mode: mode('study', '课程进修'), months: positiveInt('进修月数', 'months') }),
    ],
    {
      error: (issue) =>
        typeof issue.input !== 'object' || issue.input === null || Array.isArray(issue.input)
          ? PARAMS_OBJECT.error
          : '参数“方式”（mode）应为 course（学历、学位教育课程）或 study（课程进修）',
    },
  ),
  conference: obj({
    level,
    days: positiveInt('天数', 'days', MAX_DAYS),
    presented: bool('是否宣读、报告论文', 'presented'),
  }),
  research_project: obj({
    level,
    role: oneOf('课题角色', 'role', ['main', 'sub'], { main: '主课题（项目）', sub: '子课题（项目）' }),
    rank,
  }),
  publication: obj({
    kind: oneOf('类别', 'kind', ['book', 'journal_national', 'journal_provincial_core', 'journal_issn_cn'], {
      book: '著作（译作）',
      journal_national: '国外及国家一级学会主办的专业刊物',
      journal_provincial_core: '省级专业刊物（核心期刊）',
      journal_issn_cn: '具有ISSN和CN刊号的刊物',
    }, '著作（刊物）类别'),
    rank,
    words: positiveInt('字数', 'words').optional(),
    supplement: bool('是否增刊、副刊', 'supplement').optional(),
  }).superRefine((p, ctx) => {
    if (p.kind === 'book' && p.words === undefined) {
      ctx.addIssue({ code: 'custom', path: ['words'], message: '出版著作（译作）须填写参数“字数”（words）' });
    }
  }),
  patent: obj({
    kind: oneOf('专利类别', 'kind', ['invention', 'utility_model', 'design'], {
      invention: '发明专利',
      utility_model: '实用新型专利',
      design: '外观设计专利',
    }),
    rank,
  }),
  award: obj({ level, rank }),
  qualification_exam: obj({
    kind: oneOf('考试类别', 'kind', ['senior', 'intermediate', 'junior', 'practising'], {
      senior: '高级专业技术资格',
      intermediate: '中级专业技术资格',
      junior: '初级专业技术资格',
      practising: '执业资格或职业水平',
    }),
  }),
  endorsed_report: noParams,
  aid_assignment: obj({ months: positiveInt('援派月数', 'months', 12) }),
  grassroots_service: obj({ days: positiveInt('天数', 'days', MAX_DAYS) }),
  department_training: noParams,
  unit_training: noParams,
  reduction: noParams,
  other: noParams,
} as const satisfies Record<FormCode, z.ZodType>;

export type FormParams = { [F in FormCode]: z.output<(typeof formParamsSchemas)[F]> };

// ------------------------------------------------------------------ evaluation

export interface StandardHours {
  hours: number | null;
  covers: null | 'professional' | 'all';
  basis: string;
}

export type StandardHoursResult = { ok: true; result: StandardHours } | { ok: false; message: string };

const ART7 = '《河南省专业技术人员继续教育证书管理办法》第七条';
const item = (n: string) => `${ART7}第（${n}）项：`;

const LEVEL_TEXT = { national: '国家级', provincial: '省级' } as const;
const ROLE_TEXT = { main: '主课题（项目）组人员', sub: '子课题（项目）组人员' } as const;
const PUBLICATION_TEXT = {
  book: '出版著作（译作）每万字',
  journal_national: '在国外及国家一级学会主办的专业刊物发表论文每篇',
  journal_provincial_core: '在省级专业刊物（核心期刊）发表论文每篇',
  journal_issn_cn: '在具有国际标准刊号（ISSN）和国内统一刊号（CN）的刊物发表论文每篇',
} as const;
const PATENT_TEXT = {
  invention: '发明专利',
  utility_model: '实用新型专利',
  design: '外观设计专利',
} as const;
const EXAM_TEXT = {
  senior: '通过全国高级专业技术资格考试',
  intermediate: '通过全国中级专业技术资格考试',
  junior: '通过全国初级专业技术资格考试',
  practising: '通过全国执业资格或职业水平考试',
} as const;

const claimed = (basis: string): StandardHours => ({ hours: null, covers: null, basis });
const fixed = (hours: number, basis: string): StandardHours => ({ hours, covers: null, basis });
const byRank = (table: readonly number[], r: number): number => table[r - 1] ?? 0;
const list = (table: readonly number[]) => table.join('、');

const isFormCode = (form: string): form is FormCode => (FORM_CODES as readonly string[]).includes(form);

/** The standard hours of one record of `form` with its own fields `params` (CONTRACT). */
export function evaluateStandardHours(form: string, params: unknown): StandardHoursResult {
  if (!isFormCode(form)) return { ok: false, message: '未知的学习形式' };
  // An omitted `params` is read as {}; forms with fields then report the first missing one.
  const parsed = formParamsSchemas[form].safeParse(params === undefined ? {} : params);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? '参数无效' };
  // The schema of `form` produced `parsed.data`, so the pair is a ParsedForm.
  return { ok: true, result: standardHoursOf({ form, params: parsed.data } as ParsedForm) };
}

type ParsedForm = { [F in FormCode]: { form: F; params: FormParams[F] } }[FormCode];

function standardHoursOf(record: ParsedForm): StandardHours {
  const S = STANDARD_HOURS;
  switch (record.form) {
    case 'base_training':
      return claimed(
        `${item('一')}参加各级继续教育基地举办的继续教育培训班学习，学时由基地审批部门按实际学习时间确定`,
      );
    case 'training':
      return claimed(
        `${item('二')}参加国家部委举办的培训、研修活动，学时由主办单位或选派单位的主管部门确定；参加省市有关部门、行业组织主办或委托举办的培训、研修活动，学时由主办单位确定`,
      );
    case 'degree_education': {
      const d = record.params;
      const rule = S.degreeEducation;
      if (d.mode === 'course') {
        const hours = d.passedCourses * rule.perPassedCourse;
        return fixed(
          hours,
          `${item('三')}参加学历、学位教育，考试合格者每门课按${rule.perPassedCourse}学时确定（${d.passedCourses}门×${rule.perPassedCourse}=${hours}学时）`,
        );
      }
      const full = rule.studyMonthsForProfessional;
      if (d.months > full) {
        return {
          hours: null,
          covers: 'professional',
          basis: `${item('三')}课程进修考核合格，超过${full}个月的，可计算完成年度全部专业科目的学时`,
        };
      }
      const hours = d.months * rule.studyPerMonth;
      const exactly =
        d.months === full
          ? `，超过${full}个月的可计算完成年度全部专业科目的学时；满${full}个月未超过${full}个月，按每月${rule.studyPerMonth}学时计`
          : '';
      return fixed(
        hours,
        `${item('三')}课程进修考核合格，不满${full}个月的，每月按${rule.studyPerMonth}学时认定${exactly}（${d.months}个月×${rule.studyPerMonth}=${hours}学时）`,
      );
    }
    case 'conference': {
      const c = record.params;
      const rule = S.conference[c.level];
      const hours = c.days * rule.perDay + (c.presented ? rule.presented : 0);
      const who = c.level === 'national' ? '参加国家部委举办的学术活动' : '参加省级学术活动';
      const calc = `${c.days}天×${rule.perDay}${c.presented ? `+${rule.presented}` : ''}=${hours}学时`;
      return fixed(
        hours,
        `${item('四')}${who}，根据实际天数按每天${rule.perDay}学时确定，宣读、报告论文者另加${rule.presented}学时（${calc}）`,
      );
    }
    case 'research_project': {
      const r = record.params;
      const table = S.researchProject[r.level][r.role];
      const hours = byRank(table, r.rank);
      const outcome =
        r.rank <= table.length
          ? `第${r.rank}名${hours}学时`
          : `第${r.rank}名不在前${table.length}名，不计学时`;
      return fixed(
        hours,
        `${item('五')}${LEVEL_TEXT[r.level]}课题（项目）${ROLE_TEXT[r.role]}按职责排序前${table.length}名，每年分别确定为${list(table)}学时（${outcome}）`,
      );
    }
    case 'publication': {
      const pub = record.params;
      const table = S.publication[pub.kind];
      const rule = `${item('六')}署名前${table.length}名的作者按职责排序计算学时，${PUBLICATION_TEXT[pub.kind]}分别计${list(table)}学时`;
      if (pub.supplement === true) return fixed(0, `${rule}；增刊、副刊除外，不计学时`);
      if (pub.rank > table.length)
        return fixed(0, `${rule}（第${pub.rank}名不在前${table.length}名，不计学时）`);
      const rate = byRank(table, pub.rank);
      if (pub.kind === 'book') {
        const words = pub.words ?? 0; // required for books by the schema
        // Integer arithmetic: words × rate / 10000 without floating-point drift.
        const hours = Math.floor((words * rate) / 10000);
        return fixed(hours, `${rule}（第${pub.rank}名，${words}字÷10000×${rate}，向下取整为${hours}学时）`);
      }
      return fixed(rate, `${rule}（第${pub.rank}名${rate}学时）`);
    }
    case 'patent': {
      const pat = record.params;
      const rule = S.patent;
      const per = rule[pat.kind];
      const hours = pat.rank <= rule.maxRank ? per : 0;
      const outcome =
        hours > 0 ? `第${pat.rank}名${hours}学时` : `第${pat.rank}名不在前${rule.maxRank}名，不计学时`;
      return fixed(
        hours,
        `${item('七')}获得国家知识产权局授予的${PATENT_TEXT[pat.kind]}，署名前${rule.maxRank}名的专利权人每项计${per}学时（${outcome}）`,
      );
    }
    case 'award': {
      const a = record.params;
      const rule = S.award;
      const per = rule[a.level];
      const hours = a.rank <= rule.maxRank ? per : 0;
      const what =
        a.level === 'national' ? '获得国家科技进步奖等国家级奖项' : '获得省（部）级科技进步奖等奖项';
      const outcome =
        hours > 0 ? `第${a.rank}名${hours}学时` : `第${a.rank}名不在前${rule.maxRank}名，不计学时`;
      return fixed(
        hours,
        `${item('八')}${what}，署名前${rule.maxRank}名的获奖者每项计${per}学时（${outcome}）`,
      );
    }
    case 'qualification_exam': {
      const q = record.params;
      const hours = S.qualificationExam[q.kind];
      return fixed(hours, `${item('九')}${EXAM_TEXT[q.kind]}的，计${hours}学时`);
    }
    case 'endorsed_report':
      return fixed(
        S.endorsedReport,
        `${item('十')}专题调研报告被省委、省政府领导或当地党委、政府主要领导、主管领导批示的，确定为${S.endorsedReport}学时`,
      );
    case 'aid_assignment': {
      const a = record.params;
      const rule = `${item('十一')}参加援藏、援疆、援外及到基层、贫困地区参加支教、支农、支医、扶贫和挂职锻炼工作满一年的专业技术人员，可计算完成年度全部公需和专业科目的学时`;
      if (a.months >= S.aidAssignment.monthsForWholeYear) return { hours: null, covers: 'all', basis: rule };
      return claimed(`${rule}（${a.months}个月，不满一年，学时以审核认定为准）`);
    }
    case 'grassroots_service': {
      const g = record.params;
      const per = S.grassrootsService.perDay;
      const hours = g.days * per;
      return fixed(
        hours,
        `${item('十二')}参加人力资源社会保障行政部门或本单位、行业组织的服务基层活动，按每天${per}学时确定（${g.days}天×${per}=${hours}学时）`,
      );
    }
    case 'department_training':
      return claimed(
        '行业主管部门组织的专业科目培训：培训项目列入年度计划并报人社部门备案，学时按培训计划确定',
      );
    case 'unit_training':
      return claimed(
        '用人单位组织的本单位专业科目培训：培训项目纳入主管部门年度培训计划并报人社部门备案，学时按培训计划确定',
      );
    case 'reduction':
      return claimed(
        '《河南省专业技术人员继续教育证书管理办法》第八条：年度内在境外工作超过6个月、因病假超过6个月、生育或经业务主管部门批准的其他情况，可按实际在岗时间折算应完成年度继续教育学时（本记录不计学时，而是折减当年应完成学时）',
      );
    case 'other':
      return claimed(
        `${item('十三')}其他类别的继续教育形式，由省辖市、省直管县（市）人力资源社会保障行政部门或省业务主管部门参照上述标准确认学时，并报省人力资源社会保障厅备案`,
      );
  }
}
