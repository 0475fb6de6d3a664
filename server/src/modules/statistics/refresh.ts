/**
 * Keeping the statistics current.
 *
 * - Level 1 (stat_person_years) follows every change of counted hours INSIDE its transaction: the
 *   declarations module's counted-hours hook (final approval, sampling revocation, 学时转登).
 * - Level 2 (stat_rollups, every organisation's subtree totals) is rebuilt set-based per year by
 *   refreshStatistics: on the job queue's schedules (registerStatisticsSchedules) and on demand by
 *   the province.
 *   Every figure is shown with the time of its year's last rebuild.
 */
import type { Db, Queryable } from '../../db';
import type { Deps } from '../../http/context';
import type { CountedHoursHook } from '../declarations/hooks';
import { loadPersonFacts, yearResult } from '../certificates/issuing';
import { countRollups, lockRefresh, personYearsMissingFacts, rebuildRollups, saveRefresh, upsertPersonYear, yearsWithData } from './repo';
import { chinaYear, endOfChinaYear } from '@ce/shared';

/** Recomputes one person's year (hours, requirement after reductions, passed) into stat_person_years. */
export async function syncPersonYear(tx: Queryable, personId: number, year: number, now: Date): Promise<void> {
  const facts = await loadPersonFacts(tx, personId);
  if (!facts) return;
  const result = yearResult(facts, year);
  if (!result) return; // a year no requirement rule covers: nothing to count against
  const { state } = result;
  await upsertPersonYear(tx, {
    personId,
    year,
    publicHours: state.publicHours,
    professionalHours: state.professionalHours,
    requiredPublic: state.requirement.publicHours,
    requiredProfessional: state.requirement.professionalHours,
    passed: state.completion.passed,
    updatedAt: now,
  });
}

/** The statistics' counted-hours hook (wired in app.ts): the person-year's facts follow every change. */
export const statisticsOnCountedHours: CountedHoursHook = async (tx, change) => {
  await syncPersonYear(tx, change.personId, change.year, change.meta.now);
};

export interface RefreshResult {
  year: number;
  refreshedAt: Date;
  durationMs: number;
  rollupRows: number;
}

/**
 * Rebuilds one year's rollups in one transaction (readers see the old figures until it commits).
 * First fills in person-years that have approved records but no stat row (data older than the
 * statistics, imports that bypassed the hook), a bounded batch per run.
 */
export async function refreshStatistics(db: Db, year: number, now: () => Date): Promise<RefreshResult> {
  const started = Date.now();
  for (;;) {
    const missing = await personYearsMissingFacts(db, year, 500);
    if (missing.length === 0) break;
    await db.transaction(async (tx) => {
      for (const personId of missing) await syncPersonYear(tx, personId, year, now());
    });
    if (missing.length < 500) break;
  }
  return db.transaction(async (tx) => {
    await lockRefresh(tx);
    await rebuildRollups(tx, year, endOfChinaYear(year));
    const rollupRows = await countRollups(tx, year);
    const refreshedAt = now();
    const durationMs = Date.now() - started;
    await saveRefresh(tx, { year, refreshedAt, durationMs, rollupRows });
    return { year, refreshedAt, durationMs, rollupRows };
  });
}

/** The years the schedule rebuilds: the current one and every year that holds counted hours. */
export async function yearsToRefresh(db: Db, now: Date): Promise<number[]> {
  const years = new Set(await yearsWithData(db));
  years.add(chinaYear(now));
  return [...years].sort((a, b) => b - a);
}

/**
 * The schedules, on the job queue (one app server of all runs each): the current year every hour
 * (minute 5), every year with data once a day at 18:20 UTC (02:20 Beijing time, when nobody reviews).
 */
export function registerStatisticsSchedules(deps: Pick<Deps, 'db' | 'jobs' | 'now'>) {
  deps.jobs.schedule('statistics-current-year', '5 * * * *', () => refreshStatistics(deps.db, chinaYear(deps.now()), deps.now));
  deps.jobs.schedule('statistics-all-years', '20 18 * * *', () => refreshAllYears(deps.db, deps.now));
}

/** Every year with data, now (after the demo data set is loaded into an empty database). */
export async function refreshAllYears(db: Db, now: () => Date): Promise<void> {
  for (const year of await yearsToRefresh(db, now())) await refreshStatistics(db, year, now);
}
