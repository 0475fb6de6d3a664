/**
 * 单位培训计划 (SPEC R-28, seed 003 FAQ "用人单位提交的【单位培训计划】由谁审核？", seed 001 items 13
 * and 14): who reviews a plan, its state machine, the checks of its trainings and of an attendance
 * declared against one of them. Pure: no database, no clock.
 */
import type { OrgKind } from '../domain';

export type TrainingPlanStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';
export type TrainingPlanAction = 'submit' | 'withdraw' | 'approve' | 'reject';

/** One planned training (a row of the plan's list). */
export interface PlannedTraining {
  /** Stable within the plan: attendance names the training by it, also across amendments. */
  key: string;
  title: string;
  organiser: string;
  startDate: string;
  endDate: string;
  place: string;
  hours: number;
  subject: 'public' | 'professional';
  expectedAttendees: number;
}

/** The plan as the state machine sees it. */
export interface PlanState {
  status: TrainingPlanStatus;
  /** The level now deciding (index into the review chain); null unless pending. */
  currentLevel: number | null;
  chainLength: number;
  /** An earlier version was approved and still stands (the plan is in force). */
  inForce: boolean;
}

export type PlanTransition =
  | { ok: true; next: Pick<PlanState, 'status' | 'currentLevel' | 'inForce'>; event: PlanEvent }
  | { ok: false; message: string };

/** What the history calls each step. */
export type PlanEvent = 'submit' | 'resubmit' | 'amend' | 'withdraw' | 'approve' | 'final_approve' | 'reject';

export const PLAN_EVENT_LABELS: Record<PlanEvent, string> = {
  submit: '提交计划',
  resubmit: '修改后重新提交',
  amend: '提交计划变更',
  withdraw: '撤回',
  approve: '审核通过，报上一级审核',
  final_approve: '审核通过（计划生效）',
  reject: '审核不通过',
};

/**
 * The review chain of a plan: from the filer upwards, its competent department(s) and then the
 * first HRSS bureau (主管部门 → 同级人社; a 无主管部门 unit → 人社 only; a department → 人社).
 * `path` lists the organisations from the root down to the filer (the filer last).
 */
export function planReviewChain(path: readonly { id: number; kind: OrgKind }[]): number[] {
  const filer = path[path.length - 1];
  if (!filer || (filer.kind !== 'unit' && filer.kind !== 'department')) throw new Error('plan review chain: the filer must be a unit or a department');
  const chain: number[] = [];
  for (let i = path.length - 2; i >= 0; i--) {
    const org = path[i]!;
    if (org.kind === 'hrss') return [...chain, org.id];
    if (org.kind === 'department' && filer.kind === 'unit') chain.push(org.id);
  }
  throw new Error('plan review chain: no HRSS bureau above the filer');
}

/**
 * The plan's state machine. `submit` files new content: the first filing, a resubmission after a
 * rejection or withdrawal, or an amendment of a plan in force (reviewed again from the first level;
 * the approved version stays in force meanwhile). `withdraw` while pending; `approve`/`reject` by the
 * level whose turn it is (`level`).
 */
export function planTransition(state: PlanState | null, action: TrainingPlanAction, level?: number): PlanTransition {
  if (state == null) {
    if (action !== 'submit') return { ok: false, message: '培训计划不存在' };
    return { ok: true, next: { status: 'pending', currentLevel: 0, inForce: false }, event: 'submit' };
  }
  const { status, inForce } = state;
  switch (action) {
    case 'submit':
      if (status === 'pending') return { ok: false, message: '培训计划正在审核中，请等待审核结果或先撤回' };
      return {
        ok: true,
        next: { status: 'pending', currentLevel: 0, inForce },
        // An approved plan is in force: new content is an amendment of it.
        event: inForce ? 'amend' : 'resubmit',
      };
    case 'withdraw':
      if (status !== 'pending') return { ok: false, message: '只有审核中的培训计划可以撤回' };
      // Withdrawing an amendment leaves the approved version in force.
      return { ok: true, next: { status: inForce ? 'approved' : 'withdrawn', currentLevel: null, inForce }, event: 'withdraw' };
    case 'approve':
    case 'reject': {
      if (status !== 'pending' || state.currentLevel == null) return { ok: false, message: '该培训计划已处理，请刷新后查看' };
      if (level !== state.currentLevel) return { ok: false, message: level != null && level < state.currentLevel ? '本机构已审核过该培训计划' : '下级尚未审核通过，暂不能审核' };
      if (action === 'reject') return { ok: true, next: { status: 'rejected', currentLevel: null, inForce }, event: 'reject' };
      if (level + 1 >= state.chainLength) return { ok: true, next: { status: 'approved', currentLevel: null, inForce: true }, event: 'final_approve' };
      return { ok: true, next: { status: 'pending', currentLevel: level + 1, inForce }, event: 'approve' };
    }
  }
}

/** The plan's state as people read it. */
export function planStatusLabel(p: { status: TrainingPlanStatus; inForce: boolean }): string {
  if (p.status === 'pending') return p.inForce ? '变更审核中（原计划有效）' : '审核中';
  if (p.status === 'approved') return '已通过';
  if (p.status === 'rejected') return p.inForce ? '变更未通过（原计划有效）' : '审核不通过';
  return p.inForce ? '已通过' : '已撤回';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

export const MAX_PLANNED_TRAININGS = 200;

/**
 * The trainings of a plan for `year`: the first problem in Chinese, or null. `attended` names the
 * trainings that already have attendance declared: an amendment may not drop them.
 */
export function checkPlannedTrainings(year: number, trainings: readonly PlannedTraining[], attended: ReadonlySet<string> = new Set()): string | null {
  if (trainings.length === 0) return '培训计划至少要有一项培训';
  if (trainings.length > MAX_PLANNED_TRAININGS) return `一个培训计划最多${MAX_PLANNED_TRAININGS}项培训`;
  const keys = new Set<string>();
  for (const [i, t] of trainings.entries()) {
    const n = `第${i + 1}项培训`;
    if (keys.has(t.key)) return `${n}与前面的培训重复`;
    keys.add(t.key);
    if (!t.title.trim()) return `${n}：培训名称不能为空`;
    if (!t.organiser.trim()) return `${n}（${t.title}）：主办单位不能为空`;
    if (!t.place.trim()) return `${n}（${t.title}）：培训地点不能为空`;
    if (!validDate(t.startDate) || !validDate(t.endDate)) return `${n}（${t.title}）：起止日期应为 YYYY-MM-DD`;
    if (t.endDate < t.startDate) return `${n}（${t.title}）：结束日期不能早于开始日期`;
    if (Number(t.startDate.slice(0, 4)) !== year || Number(t.endDate.slice(0, 4)) !== year) return `${n}（${t.title}）：培训日期应在计划年度（${year}年）内`;
    if (!(t.hours > 0) || t.hours > 1000 || Math.round(t.hours * 10) !== t.hours * 10) return `${n}（${t.title}）：计划学时应为大于0的数字，最多一位小数`;
    // Seed 001 items 13 and 14 are 专业科目培训 by name.
    if (t.subject !== 'professional') return `${n}（${t.title}）：单位、主管部门组织的培训只能计入专业科目`;
    if (!Number.isInteger(t.expectedAttendees) || t.expectedAttendees < 1) return `${n}（${t.title}）：预计参训人数应为正整数`;
  }
  for (const key of attended) {
    if (!keys.has(key)) return '已申报参训学时的培训不能从计划中删除';
  }
  return null;
}

/**
 * An attendance declared against a planned training: dates inside the training's dates and hours
 * not above the planned hours. The first problem in Chinese, or null.
 */
export function checkAttendance(training: PlannedTraining, a: { startDate: string; endDate: string; hours: number }): string | null {
  if (!validDate(a.startDate) || !validDate(a.endDate)) return '参训起止日期应为 YYYY-MM-DD';
  if (a.endDate < a.startDate) return '结束日期不能早于开始日期';
  if (a.startDate < training.startDate || a.endDate > training.endDate) {
    return `参训日期（${a.startDate} 至 ${a.endDate}）不在培训计划“${training.title}”的日期（${training.startDate} 至 ${training.endDate}）内`;
  }
  if (!(a.hours > 0) || Math.round(a.hours * 10) !== a.hours * 10) return '学时应为大于0的数字，最多一位小数';
  if (a.hours > training.hours) return `申报学时（${a.hours}学时）超过培训计划“${training.title}”的计划学时（${training.hours}学时）`;
  return null;
}

/** The learning form an attendance counts as (seed 001 items 13 and 14). */
export const attendanceForm = (filerKind: 'unit' | 'department') => (filerKind === 'unit' ? 'unit_training' : 'department_training');
