import { describe, expect, it } from 'vitest';
import { checkAttendance, checkPlannedTrainings, planReviewChain, planStatusLabel, planTransition, type PlanState, type PlannedTraining, type TrainingPlanAction } from './trainingPlans';

const province = { id: 1, kind: 'hrss' as const };
const city = { id: 2, kind: 'hrss' as const };
const dept = { id: 3, kind: 'department' as const };
const subDept = { id: 4, kind: 'department' as const };
const unit = { id: 5, kind: 'unit' as const };
const childUnit = { id: 6, kind: 'unit' as const };

describe('planReviewChain', () => {
  it.each([
    ['unit under a department: department → same-level HRSS', [province, city, dept, unit], [3, 2]],
    ['无主管部门 unit: HRSS only', [province, city, unit], [2]],
    ['unit under a parent unit: the parent unit is skipped', [province, city, dept, unit, childUnit], [3, 2]],
    ['unit under two departments: both, then HRSS', [province, city, dept, subDept, unit], [4, 3, 2]],
    ['a department files with the HRSS', [province, city, dept], [2]],
    ['a sub-department files with the HRSS only', [province, city, dept, subDept], [2]],
  ])('%s', (_name, path, chain) => {
    expect(planReviewChain(path)).toEqual(chain);
  });

  it('refuses a filer that is no unit or department', () => {
    expect(() => planReviewChain([province, city])).toThrow();
  });
});

const s = (status: PlanState['status'], currentLevel: number | null, inForce = false, chainLength = 2): PlanState => ({ status, currentLevel, chainLength, inForce });

describe('planTransition', () => {
  const cases: [string, PlanState | null, TrainingPlanAction, number | undefined, { status: string; currentLevel: number | null; inForce: boolean; event: string } | string][] = [
    ['first filing', null, 'submit', undefined, { status: 'pending', currentLevel: 0, inForce: false, event: 'submit' }],
    ['no plan to withdraw', null, 'withdraw', undefined, '培训计划不存在'],
    ['department approves → HRSS', s('pending', 0), 'approve', 0, { status: 'pending', currentLevel: 1, inForce: false, event: 'approve' }],
    ['HRSS approves → in force', s('pending', 1), 'approve', 1, { status: 'approved', currentLevel: null, inForce: true, event: 'final_approve' }],
    ['无主管部门: HRSS alone approves', s('pending', 0, false, 1), 'approve', 0, { status: 'approved', currentLevel: null, inForce: true, event: 'final_approve' }],
    ['HRSS before the department', s('pending', 0), 'approve', 1, '下级尚未审核通过，暂不能审核'],
    ['department again after passing it', s('pending', 1), 'reject', 0, '本机构已审核过该培训计划'],
    ['reject at any level', s('pending', 1), 'reject', 1, { status: 'rejected', currentLevel: null, inForce: false, event: 'reject' }],
    ['decide a decided plan', s('approved', null, true), 'approve', 0, '该培训计划已处理，请刷新后查看'],
    ['withdraw while pending', s('pending', 1), 'withdraw', undefined, { status: 'withdrawn', currentLevel: null, inForce: false, event: 'withdraw' }],
    ['withdraw an approved plan', s('approved', null, true), 'withdraw', undefined, '只有审核中的培训计划可以撤回'],
    ['withdraw an amendment: the approved version stays', s('pending', 0, true), 'withdraw', undefined, { status: 'approved', currentLevel: null, inForce: true, event: 'withdraw' }],
    ['resubmit after rejection', s('rejected', null), 'submit', undefined, { status: 'pending', currentLevel: 0, inForce: false, event: 'resubmit' }],
    ['resubmit after withdrawal', s('withdrawn', null), 'submit', undefined, { status: 'pending', currentLevel: 0, inForce: false, event: 'resubmit' }],
    ['amend an approved plan: reviewed again from the first level', s('approved', null, true), 'submit', undefined, { status: 'pending', currentLevel: 0, inForce: true, event: 'amend' }],
    ['amendment rejected: the approved version stays', s('pending', 1, true), 'reject', 1, { status: 'rejected', currentLevel: null, inForce: true, event: 'reject' }],
    ['amend again after a rejected amendment', s('rejected', null, true), 'submit', undefined, { status: 'pending', currentLevel: 0, inForce: true, event: 'amend' }],
    ['submit twice', s('pending', 0), 'submit', undefined, '培训计划正在审核中，请等待审核结果或先撤回'],
  ];
  it.each(cases)('%s', (_name, state, action, level, expected) => {
    const t = planTransition(state, action, level);
    if (typeof expected === 'string') expect(t).toEqual({ ok: false, message: expected });
    else {
      const { event, ...next } = expected;
      expect(t).toEqual({ ok: true, next, event });
    }
  });

  it.each([
    [{ status: 'pending', inForce: false }, '审核中'],
    [{ status: 'pending', inForce: true }, '变更审核中（原计划有效）'],
    [{ status: 'approved', inForce: true }, '已通过'],
    [{ status: 'rejected', inForce: false }, '审核不通过'],
    [{ status: 'rejected', inForce: true }, '变更未通过（原计划有效）'],
    [{ status: 'withdrawn', inForce: false }, '已撤回'],
  ] as const)('label %o → %s', (p, label) => expect(planStatusLabel(p)).toBe(label));
});

const t = (over: Partial<PlannedTraining> = {}): PlannedTraining => ({
  key: 'a',
  title: '新课标教学能力提升培训',
  organiser: '本单位教务处',
  startDate: '2026-05-10',
  endDate: '2026-05-12',
  place: '学校报告厅',
  hours: 24,
  subject: 'professional',
  expectedAttendees: 60,
  ...over,
});

describe('checkPlannedTrainings', () => {
  it.each([
    ['a good plan', [t(), t({ key: 'b', title: '班主任培训' })], null],
    ['empty', [], '培训计划至少要有一项培训'],
    ['duplicate key', [t(), t()], '第2项培训与前面的培训重复'],
    ['no title', [t({ title: ' ' })], '第1项培训：培训名称不能为空'],
    ['no place', [t({ place: '' })], '第1项培训（新课标教学能力提升培训）：培训地点不能为空'],
    ['end before start', [t({ endDate: '2026-05-01' })], '第1项培训（新课标教学能力提升培训）：结束日期不能早于开始日期'],
    ['outside the year', [t({ startDate: '2025-12-30' })], '第1项培训（新课标教学能力提升培训）：培训日期应在计划年度（2026年）内'],
    ['impossible date', [t({ endDate: '2026-02-30' })], '第1项培训（新课标教学能力提升培训）：起止日期应为 YYYY-MM-DD'],
    ['zero hours', [t({ hours: 0 })], '第1项培训（新课标教学能力提升培训）：计划学时应为大于0的数字，最多一位小数'],
    ['two decimals', [t({ hours: 1.25 })], '第1项培训（新课标教学能力提升培训）：计划学时应为大于0的数字，最多一位小数'],
    ['公需科目', [t({ subject: 'public' })], '第1项培训（新课标教学能力提升培训）：单位、主管部门组织的培训只能计入专业科目'],
    ['no attendees', [t({ expectedAttendees: 0 })], '第1项培训（新课标教学能力提升培训）：预计参训人数应为正整数'],
  ] as const)('%s', (_name, trainings, expected) => {
    expect(checkPlannedTrainings(2026, trainings)).toBe(expected);
  });

  it('an amendment keeps the trainings already attended', () => {
    expect(checkPlannedTrainings(2026, [t({ key: 'b' })], new Set(['a']))).toBe('已申报参训学时的培训不能从计划中删除');
    expect(checkPlannedTrainings(2026, [t({ key: 'a', title: '改名' })], new Set(['a']))).toBeNull();
  });
});

describe('checkAttendance', () => {
  it.each([
    ['inside the dates and hours', { startDate: '2026-05-10', endDate: '2026-05-12', hours: 24 }, null],
    ['one day of it', { startDate: '2026-05-11', endDate: '2026-05-11', hours: 8 }, null],
    ['before the training', { startDate: '2026-05-09', endDate: '2026-05-10', hours: 8 }, '参训日期（2026-05-09 至 2026-05-10）不在培训计划“新课标教学能力提升培训”的日期（2026-05-10 至 2026-05-12）内'],
    ['after the training', { startDate: '2026-05-12', endDate: '2026-05-13', hours: 8 }, '参训日期（2026-05-12 至 2026-05-13）不在培训计划“新课标教学能力提升培训”的日期（2026-05-10 至 2026-05-12）内'],
    ['above the planned hours', { startDate: '2026-05-10', endDate: '2026-05-12', hours: 24.5 }, '申报学时（24.5学时）超过培训计划“新课标教学能力提升培训”的计划学时（24学时）'],
    ['end before start', { startDate: '2026-05-12', endDate: '2026-05-10', hours: 8 }, '结束日期不能早于开始日期'],
    ['zero hours', { startDate: '2026-05-10', endDate: '2026-05-10', hours: 0 }, '学时应为大于0的数字，最多一位小数'],
  ] as const)('%s', (_name, a, expected) => {
    expect(checkAttendance(t(), a)).toBe(expected);
  });
});
