/** The province's thresholds of the anomaly checks (issue 11 item 3): one row, else the defaults. */
import { DEFAULT_ANOMALY_SETTINGS, type AnomalySettingsValues } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import type { Queryable } from '../../db';
import type { Deps } from '../../http/context';
import { findProvinceBureau } from '../declarations/repo';
import { toAnomalySettings } from './presenters';
import { anomalySettingsRow, saveAnomalySettings } from './repo';

export async function loadAnomalySettings(q: Queryable): Promise<AnomalySettingsValues & { updatedAt: Date | null }> {
  const row = await anomalySettingsRow(q);
  if (!row) return { ...DEFAULT_ANOMALY_SETTINGS, updatedAt: null };
  return { maxHoursPerDay: row.maxHoursPerDay, minMinutesPerHour: row.minMinutesPerHour, courseLengthMinSamples: row.courseLengthMinSamples, updatedAt: row.updatedAt };
}

/** Read by every admin who reviews hours (the flags cite them); set by the province (申报设置). */
export async function anomalySettings(deps: Deps, actor: Actor) {
  if (actor.role === 'professional') requireAccess(actor, { action: 'platform.records' });
  return toAnomalySettings(await loadAnomalySettings(deps.db));
}

export async function setAnomalySettings(deps: Deps, meta: RequestMeta, actor: Actor, body: AnomalySettingsValues) {
  const province = await findProvinceBureau(deps.db);
  requireAccess(actor, { action: 'declaration.settings', org: province });
  await deps.db.transaction(async (tx) => {
    const values = { ...body, maxHoursPerDay: Math.round(body.maxHoursPerDay * 10) / 10, updatedByAccountId: actor.accountId, updatedAt: meta.now };
    await saveAnomalySettings(tx, values);
    await writeAudit(tx, { actor, meta }, {
      action: 'platform.anomalySettings.set',
      objectType: 'anomaly_settings',
      objectId: 'province',
      scopePath: province.path,
      detail: { ...body },
    });
  });
  return toAnomalySettings(await loadAnomalySettings(deps.db));
}
