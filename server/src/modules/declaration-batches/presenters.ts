/** 批量申报's rows → the answers of shared/src/endpoints/declarationBatches.ts (summary, detail). */
import { LEARNING_FORMS, labelledAnomalyFlags, type DeclarationBatchDetail, type DeclarationBatchSummary } from '@ce/shared';
import { jobFileUrl } from '../jobs/service';
import type { batchEvidenceFiles } from '../declarations/repo';
import type { batchDeclarations, batchHistory, BatchRow } from './repo';
import { BATCH_MARKERS } from './rules';

type RecordRow = Awaited<ReturnType<typeof batchDeclarations>>[number];
type HistoryRow = Awaited<ReturnType<typeof batchHistory>>[number];
type EvidenceRow = Awaited<ReturnType<typeof batchEvidenceFiles>>[number];

const FORM_LABEL = new Map(LEARNING_FORMS.map((f) => [f.code, f.label]));
const STATUS_LABELS: Record<BatchRow['status'], string> = { validating: '校验中', failed: '校验未通过', imported: '已导入' };
const DECL_STATUS: Record<string, string> = { pending: '待审核', approved: '已备案', rejected: '审核不通过', deleted: '已撤回', revoked: '已撤销' };
const HISTORY_LABELS: Record<string, string> = {
  'declaration.batch.upload': '上传文件',
  'declaration.batch.refuse': '校验未通过，未导入',
  'declaration.batch.import': '校验通过，全部导入并提交',
  'declaration.batch.withdraw': '撤回',
  'declaration.batch.decide': '整批审核',
};

/** `counts`: the batch's records by state (`deleted` is a withdrawn row). */
export function toBatchSummary(b: BatchRow, counts: Record<string, number> | undefined): DeclarationBatchSummary {
  return {
    id: b.id,
    marker: BATCH_MARKERS[b.declarerOrgKind],
    fileName: b.fileName,
    declarerName: b.declarerName,
    status: b.status,
    statusLabel: STATUS_LABELS[b.status],
    rowCount: b.rowCount,
    errorCount: b.errorCount,
    jobId: b.jobId,
    errorReportUrl: b.errorReportFileId ? jobFileUrl(b.jobId) : null,
    createdAt: b.createdAt.toISOString(),
    counts: { pending: counts?.pending ?? 0, approved: counts?.approved ?? 0, rejected: counts?.rejected ?? 0, withdrawn: counts?.deleted ?? 0 },
  };
}

/**
 * The batch with its records as this reader may see them. `hideReviewers`: a base reading its own
 * batch is not told which organisation reviews a trainee (`reviewerOrgs` names the others).
 */
export function toBatchDetail(
  batch: BatchRow,
  parts: {
    counts: Record<string, number> | undefined;
    readerOrgId: number;
    hideReviewers: boolean;
    evidence: EvidenceRow[];
    history: HistoryRow[];
    rows: RecordRow[];
    reviewerOrgs: Map<number, string>;
  },
): DeclarationBatchDetail {
  return {
    ...toBatchSummary(batch, parts.counts),
    declarer: batch.declarerOrgId === parts.readerOrgId,
    evidence: parts.evidence,
    history: parts.history.map((h) => ({ action: h.action, label: HISTORY_LABELS[h.action] ?? h.action, at: h.at.toISOString(), actorName: h.actorName })),
    rows: parts.rows.map((r) => ({
      id: r.id,
      version: r.version,
      personName: r.personName,
      idNumberMasked: `${r.idNumber.slice(0, 6)}********${r.idNumber.slice(14)}`,
      year: r.year,
      formLabel: FORM_LABEL.get(r.form) ?? r.form,
      title: r.title,
      startDate: r.startDate,
      endDate: r.endDate,
      claimedHours: r.claimedHours,
      standardHours: r.standardHours,
      status: r.status,
      statusLabel: DECL_STATUS[r.status] ?? r.status,
      awaiting: r.status === 'pending' && r.currentReviewerOrgId && !parts.hideReviewers ? (parts.reviewerOrgs.get(r.currentReviewerOrgId) ?? null) : null,
      awaitingMe: r.status === 'pending' && r.currentReviewerOrgId === parts.readerOrgId,
      rejectReason: r.rejectReason,
      anomalyFlags: labelledAnomalyFlags(r.anomalyFlags),
    })),
  };
}
