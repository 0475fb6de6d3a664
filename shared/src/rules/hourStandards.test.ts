import { describe, expect, it } from 'vitest';
import {
  FORM_CODES,
  LEARNING_FORMS,
  STANDARD_HOURS,
  evaluateStandardHours,
  formParamsSchemas,
} from './hourStandards';

type Row = [form: string, params: unknown, hours: number | null, covers?: null | 'professional' | 'all'];

const ok = ([form, params, hours, covers = null]: Row) => {
  const r = evaluateStandardHours(form, params);
  if (!r.ok) throw new Error(`${form} ${JSON.stringify(params)}: ${r.message}`);
  expect({ hours: r.result.hours, covers: r.result.covers }).toEqual({ hours, covers });
  expect(r.result.basis).toMatch(/[\u4e00-\u9fff]/);
  return r.result;
};

describe('learning forms', () => {
  it('lists the 16 forms of SPEC §5 in order, each with Chinese evidence items', () => {
    expect(LEARNING_FORMS.map((f) => f.code)).toEqual([...FORM_CODES]);
    expect(LEARNING_FORMS).toHaveLength(16);
    expect(LEARNING_FORMS[0]?.label).toBe('继续教育基地培训班');
    expect(LEARNING_FORMS[14]?.label).toBe('境外工作/病假超6个月、生育等');
    expect(LEARNING_FORMS[15]?.label).toBe('其他');
    for (const form of LEARNING_FORMS) {
      expect(form.evidence.length).toBeGreaterThan(0);
      expect(Object.keys(formParamsSchemas)).toContain(form.code);
    }
  });
});

describe('evaluateStandardHours: forms whose hours are set elsewhere', () => {
  it.each<Row>([
    ['base_training', {}, null],
    ['training', {}, null],
    ['department_training', {}, null],
    ['unit_training', {}, null],
    ['other', {}, null],
    ['reduction', {}, null],
    ['base_training', undefined, null], // no params at all is the same as {}
    ['training', { anything: 1 }, null], // unknown fields are ignored
  ])('%s %j → null', (...row) => {
    ok(row);
  });

  it('names the regulation in the basis', () => {
    expect(ok(['base_training', {}, null]).basis).toContain('第七条第（一）项');
    expect(ok(['reduction', {}, null]).basis).toContain('第八条');
    expect(ok(['other', {}, null]).basis).toContain('第七条第（十三）项');
  });
});

describe('evaluateStandardHours: degree_education', () => {
  it.each<Row>([
    ['degree_education', { mode: 'course', passedCourses: 1 }, 15],
    ['degree_education', { mode: 'course', passedCourses: 4 }, 60],
    ['degree_education', { mode: 'course', passedCourses: 7 }, 105],
    ['degree_education', { mode: 'study', months: 1 }, 10],
    ['degree_education', { mode: 'study', months: 5 }, 50],
    ['degree_education', { mode: 'study', months: 6 }, 60, null], // "超过6个月" is needed for the whole part
    ['degree_education', { mode: 'study', months: 7 }, null, 'professional'],
    ['degree_education', { mode: 'study', months: 12 }, null, 'professional'],
    ['degree_education', { mode: 'study', months: 18 }, null, 'professional'],
  ])('%s %j → %s', (...row) => {
    ok(row);
  });

  it('shows the computation', () => {
    expect(ok(['degree_education', { mode: 'course', passedCourses: 4 }, 60]).basis).toContain(
      '4门×15=60学时',
    );
  });
});

describe('evaluateStandardHours: conference', () => {
  it.each<Row>([
    ['conference', { level: 'national', days: 1, presented: false }, 6],
    ['conference', { level: 'national', days: 3, presented: false }, 18],
    ['conference', { level: 'national', days: 1, presented: true }, 12],
    ['conference', { level: 'national', days: 3, presented: true }, 24],
    ['conference', { level: 'provincial', days: 1, presented: false }, 4],
    ['conference', { level: 'provincial', days: 2, presented: false }, 8],
    ['conference', { level: 'provincial', days: 1, presented: true }, 8],
    ['conference', { level: 'provincial', days: 2, presented: true }, 12],
  ])('%s %j → %s', (...row) => {
    ok(row);
  });

  it('basis names the rule', () => {
    expect(ok(['conference', { level: 'national', days: 2, presented: true }, 18]).basis).toBe(
      '《河南省专业技术人员继续教育证书管理办法》第七条第（四）项：参加国家部委举办的学术活动，根据实际天数按每天6学时确定，宣读、报告论文者另加6学时（2天×6+6=18学时）',
    );
  });
});

describe('evaluateStandardHours: research_project', () => {
  const table = STANDARD_HOURS.researchProject;
  const rows: Row[] = [];
  for (const level of ['national', 'provincial'] as const) {
    for (const role of ['main', 'sub'] as const) {
      const hours = table[level][role];
      hours.forEach((h, i) => rows.push(['research_project', { level, role, rank: i + 1 }, h]));
      rows.push(['research_project', { level, role, rank: hours.length + 1 }, 0]); // first rank beyond
      rows.push(['research_project', { level, role, rank: 50 }, 0]);
    }
  }

  it('keeps the regulation numbers', () => {
    expect(table).toEqual({
      national: { main: [68, 60, 52, 44, 36], sub: [52, 44, 36] },
      provincial: { main: [60, 52, 44], sub: [44, 36, 28] },
    });
  });

  it.each(rows)('%s %j → %s', (...row) => {
    ok(row);
  });

  it.each<Row>([
    ['research_project', { level: 'national', role: 'main', rank: 5 }, 36],
    ['research_project', { level: 'national', role: 'main', rank: 6 }, 0],
    ['research_project', { level: 'national', role: 'sub', rank: 4 }, 0],
    ['research_project', { level: 'provincial', role: 'main', rank: 1 }, 60],
    ['research_project', { level: 'provincial', role: 'sub', rank: 3 }, 28],
  ])('spot check %j → %s', (...row) => {
    ok(row);
  });
});

describe('evaluateStandardHours: publication', () => {
  it.each<Row>([
    // journals, ranks 1–3 then the first rank beyond
    ['publication', { kind: 'journal_national', rank: 1 }, 52],
    ['publication', { kind: 'journal_national', rank: 2 }, 44],
    ['publication', { kind: 'journal_national', rank: 3 }, 36],
    ['publication', { kind: 'journal_national', rank: 4 }, 0],
    ['publication', { kind: 'journal_provincial_core', rank: 1 }, 44],
    ['publication', { kind: 'journal_provincial_core', rank: 2 }, 36],
    ['publication', { kind: 'journal_provincial_core', rank: 3 }, 28],
    ['publication', { kind: 'journal_provincial_core', rank: 4 }, 0],
    ['publication', { kind: 'journal_issn_cn', rank: 1 }, 36],
    ['publication', { kind: 'journal_issn_cn', rank: 2 }, 28],
    ['publication', { kind: 'journal_issn_cn', rank: 3 }, 20],
    ['publication', { kind: 'journal_issn_cn', rank: 4 }, 0],
    // supplements (增刊、副刊) never count
    ['publication', { kind: 'journal_national', rank: 1, supplement: true }, 0],
    ['publication', { kind: 'journal_issn_cn', rank: 3, supplement: true }, 0],
    ['publication', { kind: 'journal_national', rank: 1, supplement: false }, 52],
    ['publication', { kind: 'book', rank: 1, words: 100000, supplement: true }, 0],
    // words are ignored for journals
    ['publication', { kind: 'journal_provincial_core', rank: 1, words: 8000 }, 44],
    // books: ⌊words / 10000 × rate⌋
    ['publication', { kind: 'book', rank: 1, words: 10000 }, 16],
    ['publication', { kind: 'book', rank: 2, words: 10000 }, 12],
    ['publication', { kind: 'book', rank: 3, words: 10000 }, 8],
    ['publication', { kind: 'book', rank: 4, words: 10000 }, 0],
    ['publication', { kind: 'book', rank: 1, words: 250000 }, 400],
    ['publication', { kind: 'book', rank: 1, words: 15000 }, 24],
    ['publication', { kind: 'book', rank: 1, words: 9999 }, 15], // 15.9984 → 15
    ['publication', { kind: 'book', rank: 2, words: 12345 }, 14], // 14.814 → 14
    ['publication', { kind: 'book', rank: 3, words: 1249 }, 0], // 0.9992 → 0
    ['publication', { kind: 'book', rank: 3, words: 1250 }, 1], // exactly 1
    ['publication', { kind: 'book', rank: 1, words: 1 }, 0],
    ['publication', { kind: 'book', rank: 2, words: 35000 }, 42],
  ])('%s %j → %s', (...row) => {
    ok(row);
  });
});

describe('evaluateStandardHours: patent, award, exam, report', () => {
  it.each<Row>([
    ['patent', { kind: 'invention', rank: 1 }, 68],
    ['patent', { kind: 'invention', rank: 2 }, 68],
    ['patent', { kind: 'invention', rank: 3 }, 68],
    ['patent', { kind: 'invention', rank: 4 }, 0],
    ['patent', { kind: 'utility_model', rank: 1 }, 60],
    ['patent', { kind: 'utility_model', rank: 3 }, 60],
    ['patent', { kind: 'utility_model', rank: 4 }, 0],
    ['patent', { kind: 'design', rank: 1 }, 60],
    ['patent', { kind: 'design', rank: 3 }, 60],
    ['patent', { kind: 'design', rank: 4 }, 0],
    ['award', { level: 'national', rank: 1 }, 68],
    ['award', { level: 'national', rank: 2 }, 68],
    ['award', { level: 'national', rank: 3 }, 68],
    ['award', { level: 'national', rank: 4 }, 0],
    ['award', { level: 'provincial', rank: 1 }, 60],
    ['award', { level: 'provincial', rank: 2 }, 60],
    ['award', { level: 'provincial', rank: 3 }, 60],
    ['award', { level: 'provincial', rank: 4 }, 0],
    ['qualification_exam', { kind: 'senior' }, 68],
    ['qualification_exam', { kind: 'intermediate' }, 60],
    ['qualification_exam', { kind: 'junior' }, 52],
    ['qualification_exam', { kind: 'practising' }, 68],
    ['endorsed_report', {}, 20],
  ])('%s %j → %s', (...row) => {
    ok(row);
  });
});

describe('evaluateStandardHours: aid assignment and grassroots service', () => {
  it.each<Row>([
    ['aid_assignment', { months: 1 }, null, null],
    ['aid_assignment', { months: 6 }, null, null],
    ['aid_assignment', { months: 11 }, null, null],
    ['aid_assignment', { months: 12 }, null, 'all'],
    ['grassroots_service', { days: 1 }, 6],
    ['grassroots_service', { days: 5 }, 30],
    ['grassroots_service', { days: 366 }, 2196],
  ])('%s %j → %s %s', (...row) => {
    ok(row);
  });
});

describe('evaluateStandardHours: invalid input', () => {
  it.each<[form: string, params: unknown, message: string]>([
    ['nonsense', {}, '未知的学习形式'],
    ['', {}, '未知的学习形式'],
    ['toString', {}, '未知的学习形式'],
    ['conference', null, '参数（params）应为对象'],
    ['conference', [], '参数（params）应为对象'],
    ['conference', 'x', '参数（params）应为对象'],
    ['degree_education', 5, '参数（params）应为对象'],
    ['degree_education', {}, '参数“方式”（mode）应为 course（学历、学位教育课程）或 study（课程进修）'],
    [
      'degree_education',
      { mode: 'phd' },
      '参数“方式”（mode）应为 course（学历、学位教育课程）或 study（课程进修）',
    ],
    ['degree_education', { mode: 'course' }, '缺少参数“考试合格课程门数”（passedCourses）'],
    [
      'degree_education',
      { mode: 'course', passedCourses: 0 },
      '参数“考试合格课程门数”（passedCourses）应为正整数',
    ],
    ['degree_education', { mode: 'study' }, '缺少参数“进修月数”（months）'],
    ['degree_education', { mode: 'study', months: 0 }, '参数“进修月数”（months）应为正整数'],
    ['degree_education', { mode: 'study', months: 2.5 }, '参数“进修月数”（months）应为正整数'],
    ['conference', { days: 2, presented: false }, '缺少参数“级别”（level）'],
    [
      'conference',
      { level: 'city', days: 2, presented: false },
      '参数“级别”（level）应为national（国家级）、provincial（省级）之一',
    ],
    ['conference', { level: 'national', presented: false }, '缺少参数“天数”（days）'],
    ['conference', { level: 'national', days: 0, presented: false }, '参数“天数”（days）应为1至366的整数'],
    ['conference', { level: 'national', days: -1, presented: false }, '参数“天数”（days）应为1至366的整数'],
    ['conference', { level: 'national', days: 0.5, presented: false }, '参数“天数”（days）应为1至366的整数'],
    ['conference', { level: 'national', days: 1.5, presented: false }, '参数“天数”（days）应为1至366的整数'],
    ['conference', { level: 'national', days: 367, presented: false }, '参数“天数”（days）应为1至366的整数'],
    ['conference', { level: 'national', days: '2', presented: false }, '参数“天数”（days）应为1至366的整数'],
    ['conference', { level: 'national', days: 2 }, '缺少参数“是否宣读、报告论文”（presented）'],
    [
      'conference',
      { level: 'national', days: 2, presented: 'yes' },
      '参数“是否宣读、报告论文”（presented）应为 true 或 false',
    ],
    ['research_project', { level: 'national', role: 'main' }, '缺少参数“排名”（rank）'],
    ['research_project', { level: 'national', role: 'main', rank: 0 }, '参数“排名”（rank）应为正整数'],
    [
      'research_project',
      { level: 'national', role: 'lead', rank: 1 },
      '参数“课题角色”（role）应为main（主课题（项目））、sub（子课题（项目））之一',
    ],
    ['publication', { kind: 'book', rank: 1 }, '出版著作（译作）须填写参数“字数”（words）'],
    ['publication', { kind: 'book', rank: 1, words: 0 }, '参数“字数”（words）应为正整数'],
    [
      'publication',
      { kind: 'blog', rank: 1 },
      '参数“类别”（kind）应为book（著作（译作））、journal_national（国外及国家一级学会主办的专业刊物）、journal_provincial_core（省级专业刊物（核心期刊））、journal_issn_cn（具有ISSN和CN刊号的刊物）之一',
    ],
    ['publication', { kind: 'journal_national', rank: 1.5 }, '参数“排名”（rank）应为正整数'],
    [
      'publication',
      { kind: 'journal_national', rank: 1, supplement: 'no' },
      '参数“是否增刊、副刊”（supplement）应为 true 或 false',
    ],
    [
      'patent',
      { kind: 'software', rank: 1 },
      '参数“专利类别”（kind）应为invention（发明专利）、utility_model（实用新型专利）、design（外观设计专利）之一',
    ],
    ['patent', { kind: 'invention' }, '缺少参数“排名”（rank）'],
    ['award', { rank: 1 }, '缺少参数“级别”（level）'],
    ['award', { level: 'national', rank: -3 }, '参数“排名”（rank）应为正整数'],
    ['qualification_exam', {}, '缺少参数“考试类别”（kind）'],
    ['aid_assignment', {}, '缺少参数“援派月数”（months）'],
    ['aid_assignment', { months: 0 }, '参数“援派月数”（months）应为1至12的整数'],
    ['aid_assignment', { months: 13 }, '参数“援派月数”（months）应为1至12的整数'],
    ['grassroots_service', { days: 0 }, '参数“天数”（days）应为1至366的整数'],
    ['grassroots_service', {}, '缺少参数“天数”（days）'],
  ])('%s %j → %s', (form, params, message) => {
    expect(evaluateStandardHours(form, params)).toEqual({ ok: false, message });
  });
});
