import { LEARNING_FORMS, SUBJECT_LABELS } from '@ce/shared';
import type { schema, Queryable } from '../../db';
import { classWithBaseName } from './repo';
import type { BatchRowFields } from '../declaration-batches/rules';

const FORM_LABEL = new Map(LEARNING_FORMS.map((f) => [f.code, f.label]));

export type BaseClassRow = typeof schema.baseClasses.$inferSelect;

/** The 计入年度 of a class: the year it ends in (a class lies inside one year). */
export const classYear = (c: Pick<BaseClassRow, 'endDate'>) => Number(c.endDate.slice(0, 4));

/**
 * The check of one row a base declares (picked trainee or uploaded template row) against its class
 * form, subject, title, organiser (the base), year, dates inside the class, hours not above it.
 */
export function baseClassRowProblem(
  c: Pick<BaseClassRow, 'form' | 'subject' | 'title' | 'startDate' | 'endDate' | 'hours'>,
  baseName: string,
  f: Pick<BatchRowFields, 'form' | 'subject' | 'title' | 'organiser' | 'year' | 'startDate' | 'endDate' | 'claimedHours'>,
): string | null {
  if (f.form !== c.form) return `学习形式应为“${FORM_LABEL.get(c.form)}”（按培训班次申报）`;
  if (f.subject !== c.subject) return `计入科目应为“${SUBJECT_LABELS[c.subject]}”（按培训班次申报）`;
  if (f.title !== c.title) return `学习内容应为班次名称“${c.title}”`;
  if (f.organiser !== baseName) return `主办单位应为本基地“${baseName}”`;
  if (f.year !== classYear(c)) return `计入年度应为班次的年度（${classYear(c)}年）`;
  if (f.startDate < c.startDate || f.endDate > c.endDate) {
    return `学习日期（${f.startDate} 至 ${f.endDate}）不在班次日期（${c.startDate} 至 ${c.endDate}）内`;
  }
  if (f.claimedHours > c.hours) return `学时（${f.claimedHours}学时）超过班次学时（${c.hours}学时）`;
  return null;
}

/** The batch job's check for a base's batch: the class as it is now (facts are fixed once trainees are declared). */
export async function baseClassRowChecker(q: Queryable, classId: number): Promise<(f: BatchRowFields) => string | null> {
  const row = await classWithBaseName(q, classId);
  if (!row) return () => '培训班次不存在';
  return (f) => baseClassRowProblem(row.c, row.baseName, f);
}
