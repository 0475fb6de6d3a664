/** 学习平台's rows → the answers of shared/src/endpoints/platforms.ts (platforms, held records, anomaly thresholds). */
import {
  type anomalySettingsDto,
  type AnomalySettingsValues,
  CREDENTIAL_STATE_LABELS,
  labelledAnomalyFlags,
  PLATFORM_RECORD_STATUS_LABELS,
  PLATFORM_STATUS_LABELS,
  SUBJECT_LABELS,
  type LearningPlatform,
  type PlatformRecordItem,
} from '@ce/shared';
import type { z } from 'zod';
import type { PlatformRecordRow, PlatformRow } from './repo';

/**
 * A platform as the console shows it: the client id only while its credentials are active (the
 * secret never), and what the reader may do (`may`, decided by access in the service).
 */
export function toPlatform(
  p: PlatformRow,
  names: Map<number, string>,
  may: { decide: boolean; manageCredentials: boolean },
): LearningPlatform {
  return {
    id: p.id,
    name: p.name,
    url: p.url,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    baseName: names.get(p.baseOrgId) ?? '',
    bureauName: names.get(p.bureauOrgId) ?? '',
    status: p.status,
    statusLabel: PLATFORM_STATUS_LABELS[p.status],
    rejectReason: p.rejectReason,
    clientId: p.credentialState === 'active' ? p.clientId : null,
    credentialState: p.credentialState,
    credentialStateLabel: CREDENTIAL_STATE_LABELS[p.credentialState],
    credentialIssuedAt: p.credentialIssuedAt?.toISOString() ?? null,
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
    canDecide: may.decide,
    canManageCredentials: may.manageCredentials,
  };
}

/** The unit a record's person belongs to: the last organisation of its path. */
export const recordUnitId = (r: PlatformRecordRow) => (r.unitPath ? Number(r.unitPath.split('/').filter(Boolean).pop()) : null);

/** A platform record (held, refused, released…) with its anomaly flags in Chinese. */
export function toPlatformRecord(r: PlatformRecordRow, platformName: string, unitNames: Map<number, string>): PlatformRecordItem {
  const unitId = recordUnitId(r);
  return {
    id: r.id,
    platformId: r.platformId,
    platformName,
    recordId: r.recordId,
    status: r.status,
    statusLabel: PLATFORM_RECORD_STATUS_LABELS[r.status],
    reason: r.reason,
    flags: labelledAnomalyFlags(r.flags),
    name: r.name,
    idNumberMasked: r.idNumberMasked,
    unitName: unitId != null ? (unitNames.get(unitId) ?? null) : null,
    courseId: r.courseId,
    courseTitle: r.courseTitle,
    subject: r.subject,
    subjectLabel: SUBJECT_LABELS[r.subject],
    series: r.series,
    hours: r.hours,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    version: r.version,
  };
}

/** The province's anomaly thresholds in force (`updatedAt` null: the defaults, never set). */
export const toAnomalySettings = (s: AnomalySettingsValues & { updatedAt: Date | null }): z.infer<typeof anomalySettingsDto> => ({
  maxHoursPerDay: s.maxHoursPerDay,
  minMinutesPerHour: s.minMinutesPerHour,
  courseLengthMinSamples: s.courseLengthMinSamples,
  updatedAt: s.updatedAt?.toISOString() ?? null,
});
