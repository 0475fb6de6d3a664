import { describe, expect, it } from 'vitest';
import { canPerson } from '../declarations/rules';
import { ALL_HEADERS, batchStartLevel, dateOf, parseBatchRow, type Cell } from './rules';

const ID = '410105198001010017';
const base: Record<string, Cell> = {
  身份证号: ID,
  姓名: '张三',
  计入年度: 2026,
  计入科目: '专业科目',
  学习形式: '学术会议',
  学习内容: '全国学术年会',
  主办单位: '中国学会',
  开始日期: new Date(Date.UTC(2026, 4, 12)),
  结束日期: '2026-05-13',
  考核结果: '合格',
  学时: 18,
  天数: 2,
  级别: '国家级',
  '是否宣读、报告论文': '是',
};
const row = (over: Record<string, Cell> = {}) => ALL_HEADERS.map((h) => ({ ...base, ...over })[h] ?? null);
const caps = new Map();

describe('parseBatchRow', () => {
  it('reads a conference row with its parameters and computes the standard hours as for a person', () => {
    const r = parseBatchRow(row(), caps);
    expect(r.ok && r.fields).toMatchObject({ form: 'conference', startDate: '2026-05-12', endDate: '2026-05-13', params: { level: 'national', days: 2, presented: true }, standard: { hours: 18 } });
  });
  it.each([
    [{ 身份证号: '410105198001010016' }, '身份证号不正确'],
    [{ 姓名: '' }, '姓名不能为空'],
    [{ 计入年度: '二〇二六' }, '计入年度应为四位年份'],
    [{ 计入科目: '选修' }, '计入科目应为'],
    [{ 学习形式: '境外工作/病假超6个月、生育等' }, '不在可批量申报的学习形式中'],
    [{ 开始日期: '2026-13-01' }, '开始日期应为日期'],
    [{ 结束日期: '2026-05-11' }, '结束日期不能早于开始日期'],
    [{ 学时: 0 }, '学时应为大于0的数字'],
    [{ 学时: 1.25 }, '最多一位小数'],
    [{ 天数: null }, '天数'],
    [{ 天数: 5 }, '超过了起止日期之间的天数'],
    [{ '是否宣读、报告论文': '对' }, '是否宣读、报告论文应填写“是”或“否”'],
    [{ 天数: 400 }, '天数应为1至366的整数'],
    [{ 级别: '市级' }, '级别应为'],
    [{ 计入科目: '公需科目', 学习形式: '用人单位组织的本单位专业科目培训' }, '只能计入专业科目'],
  ])('%o → %s', (over, reason) => {
    const r = parseBatchRow(row(over as Record<string, Cell>), caps);
    expect(r.ok ? null : r.reason).toContain(reason);
  });
  it.each([
    [{ 学习形式: '出版著作（译作）或发表论文', '著作（刊物）类别': '省级专业刊物（核心期刊）', 排名: 2, 学时: 36 }, { kind: 'journal_provincial_core', rank: 2 }, 36],
    [{ 学习形式: '专利', 专利类别: '发明专利', 排名: 1, 学时: 68 }, { kind: 'invention', rank: 1 }, 68],
    [{ 学习形式: '学历、学位教育', 学习方式: '学历、学位教育（课程考试）', 考试合格课程门数: 2, 学时: 30 }, { mode: 'course', passedCourses: 2 }, 30],
    [{ 学习形式: '援藏援疆援外、基层支教支农支医扶贫挂职', 援派月数: 6, 学时: 30 }, { months: 6 }, null],
  ])('reads the form’s own columns only: %o', (over, params, hours) => {
    const r = parseBatchRow(row(over as Record<string, Cell>), caps);
    expect(r.ok && r.fields).toMatchObject({ params, standard: { hours } });
    if (r.ok) expect(Object.keys(r.fields.params).sort()).toEqual(Object.keys(params).sort());
  });
  it('offers every field of the shared hour-standard rules as a column', () => {
    expect(ALL_HEADERS.slice(11)).toEqual(expect.arrayContaining(['天数', '级别', '是否宣读、报告论文', '排名', '专利类别', '考试类别', '援派月数', '学习方式']));
    expect(new Set(ALL_HEADERS).size).toBe(ALL_HEADERS.length);
  });
  it('applies the province cap', () => {
    const r = parseBatchRow(row(), new Map([['conference', 10]]));
    expect(r.ok ? null : r.reason).toContain('每条不能超过10学时');
  });
});

describe('dateOf', () => {
  it.each([
    ['2026-05-01', '2026-05-01'],
    ['2026/5/1', '2026-05-01'],
    ['2026-02-30', null],
    ['', null],
  ])('%s → %s', (input, out) => expect(dateOf(input)).toBe(out));
});

describe('batchStartLevel', () => {
  it.each([
    [[10, 20, 30], 10, 1], // unit batch → department
    [[10, 20, 30], 20, 2], // department batch → HRSS
    [[10, 30], 10, 1], // 无主管部门 unit → HRSS
    [[10, 20, 30], 30, null], // the last level declares nothing for review
    [[10, 20, 30], 99, null], // not on the chain
  ])('%o declared by %i starts at %o', (chain, declarer, level) => expect(batchStartLevel(chain, declarer)).toBe(level));
});

describe('the person and batch records', () => {
  it.each(['edit', 'delete', 'submit', 'revoke', 'upload'] as const)('cannot %s a batch record', (action) => {
    expect(canPerson({ status: 'pending', currentLevel: 0, batchId: 7 }, action)).toBe(false);
    expect(canPerson({ status: 'rejected', currentLevel: null, batchId: 7 }, action)).toBe(false);
  });
});
