import {
  DECLARATION_BATCH_MARKERS,
  DECLARATION_EVENT_LABELS,
  DECLARATION_STATUS_LABELS,
  LEARNING_FORMS,
  SUBJECT_LABELS,
  labelledAnomalyFlags,
  maskIdNumber,
  otherProvinceName,
  type AttachmentDto,
  type AttachmentType,
  type DeclarationStatus,
  type DeclarationSummary,
  type FormCode,
  type LearningForm,
  type ReviewQueueItem,
  type SubmittedDeclarationSummary,
} from '@ce/shared';
import type { AttachmentRow, DeclarationRow, EventRow, ListRow } from './repo';
import { overStandardBy } from './rules';
import { submitted } from './submitted';

export const FORMS = new Map<FormCode, LearningForm>(LEARNING_FORMS.map((f) => [f.code, f]));
export const formLabel = (code: FormCode) => FORMS.get(code)?.label ?? code;

/** Rows of state 'deleted' never reach a presenter (every query excludes them). */
const publicStatus = (d: DeclarationRow) => d.status as DeclarationStatus;

export function toSummary(
  d: DeclarationRow,
  extra: {
    reviewerName: string | null;
    attachmentCount: number;
    batchKind: 'unit' | 'department' | 'base' | null;
    batchEvidenceCount: number | null;
    platformName?: string | null;
    batchBaseClassId?: number | null;
    batchDeclarerName?: string | null;
  },
): DeclarationSummary {
  const status = publicStatus(d);
  return {
    id: d.id,
    year: d.year,
    // A draft may leave these empty (null; free text ''), see DraftFields.
    subject: d.subject,
    subjectLabel: d.subject ? SUBJECT_LABELS[d.subject] : null,
    form: d.form,
    formLabel: d.form ? formLabel(d.form) : null,
    title: d.title ?? '',
    organiser: d.organiser ?? '',
    startDate: d.startDate,
    endDate: d.endDate,
    claimedHours: d.claimedHours,
    standardHours: d.standardHours,
    standardCovers: d.standardCovers,
    standardBasis: d.standardBasis,
    overStandardBy: d.claimedHours == null ? null : overStandardBy(d.claimedHours, d.standardHours),
    monthsOnDuty: d.form === 'reduction' ? d.monthsOnDuty : null,
    status,
    statusLabel: DECLARATION_STATUS_LABELS[status],
    currentReviewerName: status === 'pending' ? extra.reviewerName : null,
    currentLevel: status === 'pending' && d.currentLevel != null ? d.currentLevel + 1 : null,
    chainLength: d.reviewChain.length,
    submissionNo: d.submissionNo,
    submittedAt: d.submittedAt?.toISOString() ?? null,
    updatedAt: d.updatedAt.toISOString(),
    rejectReason: status === 'rejected' ? d.rejectReason : null,
    revokeReason: status === 'revoked' ? d.revokeReason : null,
    attachmentCount: extra.attachmentCount,
    version: d.version,
    originProvinceName: d.originProvince ? (otherProvinceName(d.originProvince) ?? d.originProvince) : null,
    sourcePlatformName: d.platformId != null ? (extra.platformName ?? '学习平台') : null,
    batch:
      d.batchId != null && extra.batchKind
        ? {
            id: d.batchId,
            marker: DECLARATION_BATCH_MARKERS[extra.batchKind],
            evidenceCount: extra.batchEvidenceCount ?? 0,
            ...(extra.batchKind === 'base' ? { baseName: extra.batchDeclarerName ?? null, baseClassId: extra.batchBaseClassId ?? null } : {}),
          }
        : null,
  };
}

export const listRowSummary = (r: ListRow) =>
  toSummary(r.d, {
    reviewerName: r.reviewerName,
    attachmentCount: r.attachmentCount,
    batchKind: r.batchKind,
    batchEvidenceCount: r.batchEvidenceCount,
    platformName: r.platformName,
    batchBaseClassId: r.batchBaseClassId,
    batchDeclarerName: r.batchDeclarerName,
  });

/** The summary of a record past 'draft' (queues, the person drawer): nothing is missing. */
export const submittedSummary = (r: ListRow): SubmittedDeclarationSummary =>
  submitted(listRowSummary(r), ['subject', 'subjectLabel', 'form', 'formLabel', 'startDate', 'endDate', 'claimedHours']);

/** Queues hold submitted records only: every field a draft may leave empty is there. */
export function toQueueItem(r: ListRow, overlapWarning: string | null): ReviewQueueItem {
  return {
    ...submittedSummary(r),
    overlapWarning,
    anomalyFlags: labelledAnomalyFlags(r.d.anomalyFlags),
    person: { personId: r.d.personId, name: r.personName, idNumberMasked: maskIdNumber(r.idNumber) },
    unitName: r.unitName,
    workDepartmentName: r.workDepartmentName,
  };
}

export const toAttachment = (a: AttachmentRow): AttachmentDto => ({
  id: a.id,
  name: a.originalName,
  contentType: a.contentType as AttachmentType,
  size: a.size,
  uploadedAt: a.uploadedAt.toISOString(),
});

/** `chainLength`: the last level's approval is the 备案 that makes the hours count. */
export const toEvent = (e: EventRow, chainLength: number) => ({
  id: e.id,
  submissionNo: e.submissionNo,
  action: e.action,
  actionLabel:
    e.action === 'approve' && e.level != null && e.level + 1 === chainLength ? '审核通过（备案）' : DECLARATION_EVENT_LABELS[e.action],
  level: e.level == null ? null : e.level + 1,
  actorName: e.actorName,
  orgName: e.orgName,
  reason: e.reason,
  at: e.at.toISOString(),
});

/** The steps of the chain of the current (or last) submission, with where the record stands. */
export function chainSteps(d: DeclarationRow, orgs: Map<number, { name: string; kind: string }>) {
  return d.reviewChain.map((orgId, level) => {
    let state: 'approved' | 'current' | 'waiting' | 'rejected';
    if (d.status === 'approved' || d.status === 'revoked') state = 'approved';
    else if (d.status === 'pending') state = level < (d.currentLevel ?? 0) ? 'approved' : level === d.currentLevel ? 'current' : 'waiting';
    else if (d.status === 'rejected') {
      const at = d.rejectedByOrgId == null ? -1 : d.reviewChain.indexOf(d.rejectedByOrgId);
      state = level < at ? 'approved' : level === at ? 'rejected' : 'waiting';
    } else state = 'waiting'; // a draft: the chain of the last (revoked) submission
    const org = orgs.get(orgId);
    return { level: level + 1, orgId, orgName: org?.name ?? '', orgKind: org?.kind ?? '', state };
  });
}

/** The answers of actions that return no record: a deleted draft, a deleted evidence file, uploaded files. */
export const declarationDeleted = () => ({ ok: true as const, message: '申报已删除' });
export const attachmentDeleted = () => ({ ok: true as const, message: '证明材料已删除' });
export const attachmentsUploaded = (items: AttachmentDto[]) => ({ items });
