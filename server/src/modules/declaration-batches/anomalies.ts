/**
 * Anomaly checks on batch-declared hours (issue 11 item 3): every row of a batch that passed its
 * checks is compared with what its person already has — counted platform records and declarations
 * (approved or pending), loaded as the platform ingest loads them — and with the earlier rows of the
 * same batch (a batch holds no 减免, form 15). A declaration has dates, not a session, so only DAY_HOURS (a one-day declaration) and
 * DUPLICATE apply (shared/src/rules/platformAnomalies.ts). The rows are imported all the same: every
 * batch row waits for review anyway; the flags are what the reviewers see next to each record.
 */
import { anomalyFlags, type AnomalyFlag, type StudyRecord } from '@ce/shared';
import type { Queryable } from '../../db';
import { loadAnomalySettings } from '../platforms/anomaly-settings';
import { historyOf } from '../platforms/ingest';

export interface BatchAnomalyRow {
  personId: number;
  title: string;
  claimedHours: number;
  startDate: string;
  endDate: string;
  year: number;
}

/** The flags of each row, in the rows' order (null: none). One history load for all persons of the batch. */
export async function batchAnomalyFlags(q: Queryable, rows: readonly BatchAnomalyRow[]): Promise<(AnomalyFlag[] | null)[]> {
  if (rows.length === 0) return [];
  const settings = await loadAnomalySettings(q);
  let fromYear = Infinity;
  let toYear = -Infinity;
  for (const r of rows) {
    // The calendar years of the dates too: a one-day declaration counts on its day, whatever its 计入年度.
    for (const y of [r.year, Number(r.startDate.slice(0, 4)), Number(r.endDate.slice(0, 4))]) {
      if (y < fromYear) fromYear = y;
      if (y > toYear) toYear = y;
    }
  }
  const history = await historyOf(q, [...new Set(rows.map((r) => r.personId))], fromYear, toYear);
  return rows.map((r) => {
    const candidate: StudyRecord = {
      source: 'declaration',
      courseId: null,
      courseTitle: r.title,
      hours: r.claimedHours,
      startedAt: null,
      finishedAt: null,
      startDate: r.startDate,
      endDate: r.endDate,
      year: r.year,
    };
    let own = history.get(r.personId);
    if (!own) history.set(r.personId, (own = []));
    const flags = anomalyFlags(candidate, own, null, settings).map((f) => ({ code: f.code, message: f.message }));
    // Imported with the batch: the later rows of the same person are checked against it.
    own.push(candidate);
    return flags.length > 0 ? flags : null;
  });
}
