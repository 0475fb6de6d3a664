import { attendanceForm, checkAttendance, LEARNING_FORMS, type PlannedTraining } from '@ce/shared';
import type { Queryable } from '../../db';
import type { BatchRowFields } from '../declaration-batches/rules';
import { findPlan } from './repo';

const FORM_LABEL = new Map(LEARNING_FORMS.map((f) => [f.code, f.label]));

/**
 * The check of one row of an attendance batch against its planned training: the approved
 * version of the plan (an amendment under review does not count yet), the form of seed 001 item 14
 * (unit) or 13 (department), the training's title and year, dates inside it and hours not above it.
 */
export async function attendanceRowChecker(q: Queryable, planId: number, trainingKey: string): Promise<(f: BatchRowFields) => string | null> {
  const plan = await findPlan(q, planId);
  const training = plan?.approvedTrainings?.find((t) => t.key === trainingKey);
  if (!plan || !training) return () => '该培训不在已通过的培训计划中';
  return (f) => rowProblem(plan.orgKind, plan.year, training, f);
}

export function rowProblem(kind: 'unit' | 'department', year: number, training: PlannedTraining, f: Pick<BatchRowFields, 'form' | 'subject' | 'title' | 'year' | 'startDate' | 'endDate' | 'claimedHours'>): string | null {
  const form = attendanceForm(kind);
  if (f.form !== form) return `学习形式应为“${FORM_LABEL.get(form)}”（按培训计划申报）`;
  if (f.subject !== training.subject) return '计入科目应为“专业科目”（按培训计划申报）';
  if (f.year !== year) return `计入年度应为培训计划的年度（${year}年）`;
  if (f.title !== training.title) return `学习内容应为培训计划中的培训名称“${training.title}”`;
  return checkAttendance(training, { startDate: f.startDate, endDate: f.endDate, hours: f.claimedHours });
}
