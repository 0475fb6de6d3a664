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
  type DeclarationSubject,
  type DeclarationSummary,
  type FormCode,
  type LearningForm,
  type ProvinceTransfer,
  type ReviewQueueItem,
  type sampleItem,
  type sampleSummary,
  type sampleVerify,
  type SubmittedDeclarationSummary,
  type declarationWindowList,
  type yearOpening,
} from '@ce/shared';
import type { z } from 'zod';
import type { storedFilesByIds, TransferRow } from './province-transfers-repo';
import type { AttachmentRow, DeclarationRow, EventRow, listCaps, ListRow, listWindows } from './repo';
import type { SampleOutcome, SampleRow, sampleItems } from './sampling-repo';
import type { openingsWithPerson } from './settings-repo';
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

// ---------------------------------------------------------------- settings

type WindowRow = Awaited<ReturnType<typeof listWindows>>[number];
type CapRow = Awaited<ReturnType<typeof listCaps>>[number];
type OpeningRow = Awaited<ReturnType<typeof openingsWithPerson>>[number];

/** The years' declaration windows, and what holds for a year without one (`defaultRule`). */
export const toWindowList = (rows: readonly WindowRow[], currentYear: number, defaultRule: string): z.infer<typeof declarationWindowList> => ({
  currentYear,
  defaultRule,
  items: rows.map((w) => ({ year: w.year, opensOn: w.opensOn, closesOn: w.closesOn, updatedAt: w.updatedAt.toISOString() })),
});

/** A learning form's cap on one record's claimed hours (`c` undefined: no cap). */
export const toCapItem = (form: FormCode, c: CapRow | undefined) => ({
  form,
  formLabel: formLabel(form),
  maxHours: c?.maxHours ?? null,
  updatedAt: c?.updatedAt.toISOString() ?? null,
});

/** A past year opened for a person (masked): active until cancelled or past its last day (`now`). */
export function toOpening(r: OpeningRow, orgs: Map<number, { name: string }>, now: Date): z.infer<typeof yearOpening> {
  const { o: row, name, idNumber } = r;
  return {
    id: row.id,
    year: row.year,
    person: { name, idNumberMasked: maskIdNumber(idNumber) },
    unitName: orgs.get(row.unitId)?.name ?? '',
    bureauName: orgs.get(row.bureauOrgId)?.name ?? '',
    reason: row.reason,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    active: row.cancelledAt == null && row.expiresAt.getTime() >= now.getTime(),
  };
}

// ---------------------------------------------------------------- sampling audit

const OUTCOME_LABELS = { pending: '待复核', confirmed: '已复核', revoked: '已撤销' } as const;

/** A drawn sample with its items' outcome counts (`counts` undefined: none checked yet). */
export function toSampleSummary(
  r: SampleRow,
  bureauName: string,
  counts: Record<SampleOutcome, number> | undefined,
): z.infer<typeof sampleSummary> {
  const c = counts ?? { pending: 0, confirmed: 0, revoked: 0 };
  return {
    id: r.id,
    bureauId: r.bureauOrgId,
    bureauName,
    year: r.year,
    seed: r.seed,
    rate: r.rate,
    requestedCount: r.requestedCount,
    populationSize: r.populationSize,
    sampleSize: r.sampleSize,
    drawnAt: r.drawnAt.toISOString(),
    drawnByName: r.drawnByName,
    ...c,
  };
}

/** A sampled record: its re-check outcome and the declaration as the review queue shows it. */
export const toSampleItem = (r: Awaited<ReturnType<typeof sampleItems>>[number], declaration: ListRow): z.infer<typeof sampleItem> => ({
  position: r.position,
  outcome: r.outcome,
  outcomeLabel: OUTCOME_LABELS[r.outcome],
  reason: r.reason,
  checkedAt: r.checkedAt?.toISOString() ?? null,
  declaration: toQueueItem(declaration, null),
});

/** A recorded draw re-run with its seed: does it pick the same records over the same population. */
export const toSampleVerification = (
  seed: string,
  v: { matches: boolean; populationSize: number; recorded: number[]; redrawn: number[] },
): z.infer<typeof sampleVerify> => ({
  matches: v.matches,
  populationSize: v.populationSize,
  recorded: v.recorded,
  redrawn: v.redrawn,
  message: v.matches
    ? `按种子“${seed}”重新抽取，结果与记录一致（总体${v.populationSize}条，抽取${v.recorded.length}条）`
    : `按种子“${seed}”重新抽取的结果与记录不一致`,
});

// ---------------------------------------------------------------- 外省学时转入 (issue 14 item 4)

type StoredFileRow = Awaited<ReturnType<typeof storedFilesByIds>>[number];
/** A transfer's records: written complete (one per year and subject), never drafts. */
type TransferDeclaration = DeclarationRow & {
  subject: NonNullable<DeclarationRow['subject']>;
  claimedHours: NonNullable<DeclarationRow['claimedHours']>;
};

/** The application's state from its records' states. */
function transferStatus(t: TransferRow, rows: readonly DeclarationRow[]): ProvinceTransfer['status'] {
  if (t.withdrawnAt) return 'withdrawn';
  if (rows.some((r) => r.status === 'pending')) return 'pending';
  const approved = rows.filter((r) => r.status === 'approved' || r.status === 'revoked').length;
  if (approved === rows.length) return 'approved';
  return approved === 0 ? 'rejected' : 'partial';
}

const TRANSFER_STATUS_LABELS: Record<ProvinceTransfer['status'], string> = {
  pending: '审核中',
  approved: '审核通过（已计入）',
  rejected: '审核不通过',
  partial: '部分通过',
  withdrawn: '已撤回',
};

/**
 * An application of 外省学时转入 with its records (`own`) by year, their reviewers' names
 * (`reviewers`) and its evidence file; withdrawable while the unit has acted on none of them.
 */
export function toProvinceTransfer(
  t: TransferRow,
  own: readonly TransferDeclaration[],
  file: StoredFileRow | undefined,
  reviewers: Map<number, { name: string }>,
): ProvinceTransfer {
  const years = [...new Set(own.map((r) => r.year))].sort((a, b) => a - b);
  return {
    id: t.id,
    provinceCode: t.province,
    provinceName: otherProvinceName(t.province) ?? t.province,
    certificateNo: t.certificateNo,
    note: t.note,
    evidence: { name: file?.originalName ?? '外省证书', contentType: file?.contentType ?? 'application/pdf', size: file?.size ?? 0 },
    createdAt: t.createdAt.toISOString(),
    withdrawnAt: t.withdrawnAt?.toISOString() ?? null,
    status: transferStatus(t, own),
    statusLabel: TRANSFER_STATUS_LABELS[transferStatus(t, own)],
    years: years.map((year) => {
      const ofYear = own.filter((r) => r.year === year);
      const hoursOf = (s: DeclarationSubject) => ofYear.find((r) => r.subject === s)?.claimedHours ?? 0;
      return {
        year,
        publicHours: hoursOf('public'),
        professionalHours: hoursOf('professional'),
        rows: ofYear.map((r) => ({
          declarationId: r.id,
          subject: r.subject,
          subjectLabel: SUBJECT_LABELS[r.subject],
          hours: r.claimedHours,
          status: r.status === 'deleted' ? 'withdrawn' : r.status,
          statusLabel: r.status === 'deleted' ? '已撤回' : DECLARATION_STATUS_LABELS[r.status],
          currentReviewerName: r.status === 'pending' && r.currentReviewerOrgId ? (reviewers.get(r.currentReviewerOrgId)?.name ?? null) : null,
          rejectReason: r.status === 'rejected' ? r.rejectReason : null,
        })),
      };
    }),
    canWithdraw: !t.withdrawnAt && own.length > 0 && own.every((r) => r.status === 'pending' && r.currentLevel === 0),
  };
}
