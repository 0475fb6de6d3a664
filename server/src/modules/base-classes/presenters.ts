/** 继续教育基地申报's rows → the answers of shared/src/endpoints/baseClasses.ts (summary, detail). */
import {
  LEARNING_FORMS,
  SUBJECT_LABELS,
  maskIdNumber,
  type BaseClassDetail,
  type BaseClassInput,
  type BaseClassSummary,
} from '@ce/shared';
import { jobFileUrl } from '../jobs/service';
import type { classBatches, classDeclarations, storedFiles } from './repo';
import { classYear, type BaseClassRow } from './rows';

type TraineeRow = Awaited<ReturnType<typeof classDeclarations>>[number];
type ImportRow = Awaited<ReturnType<typeof classBatches>>[number];
type EvidenceRow = Awaited<ReturnType<typeof storedFiles>>[number];

const FORM_LABEL = new Map(LEARNING_FORMS.map((f) => [f.code, f.label]));
const DECL_STATUS: Record<string, string> = { pending: '待审核', approved: '已备案', rejected: '审核不通过', deleted: '已撤回', revoked: '已撤销' };
const STAGE: Record<string, string> = { unit: '待单位审核', department: '待主管部门审核', hrss: '待人社部门审核' };
const BATCH_STATUS = { validating: '校验中', failed: '校验未通过', imported: '已导入' } as const;

/** `counts`: the class's records by state (`deleted` is a withdrawn trainee). */
export function toClassSummary(c: BaseClassRow, counts: Record<string, number> | undefined): BaseClassSummary {
  const n = (k: string) => counts?.[k] ?? 0;
  return {
    id: c.id,
    version: c.version,
    year: classYear(c),
    title: c.title,
    subject: c.subject,
    subjectLabel: SUBJECT_LABELS[c.subject],
    form: c.form,
    formLabel: FORM_LABEL.get(c.form) ?? c.form,
    series: (c.series ?? null) as BaseClassInput['series'],
    startDate: c.startDate,
    endDate: c.endDate,
    hours: c.hours,
    online: c.online,
    place: c.place,
    evidenceCount: c.evidenceFileIds.length,
    counts: { total: n('pending') + n('approved') + n('rejected') + n('revoked'), pending: n('pending'), approved: n('approved'), rejected: n('rejected'), withdrawn: n('deleted') },
    createdAt: c.createdAt.toISOString(),
  };
}

/**
 * The class as its base sees it. `reviewerKinds`: the kind of each organisation a trainee's record
 * waits at, never its name (the base is not told where a trainee works).
 */
export function toClassDetail(
  c: BaseClassRow,
  counts: Record<string, number> | undefined,
  parts: {
    baseName: string | null | undefined;
    editable: boolean;
    evidence: EvidenceRow[];
    imports: ImportRow[];
    trainees: TraineeRow[];
    reviewerKinds: Map<number, string>;
  },
): BaseClassDetail {
  return {
    ...toClassSummary(c, counts),
    baseName: parts.baseName ?? '',
    editable: parts.editable,
    evidence: parts.evidence.map((f) => ({ id: f.id, name: f.name, contentType: f.contentType, size: f.size })),
    imports: parts.imports.map((b) => ({
      batchId: b.id,
      jobId: b.jobId,
      fileName: b.fileName,
      status: b.status,
      statusLabel: BATCH_STATUS[b.status],
      rowCount: b.rowCount,
      errorCount: b.errorCount,
      errorReportUrl: b.errorReportFileId ? jobFileUrl(b.jobId) : null,
      createdAt: b.createdAt.toISOString(),
    })),
    trainees: parts.trainees.map((r) => ({
      id: r.id,
      personName: r.personName,
      idNumberMasked: maskIdNumber(r.idNumber),
      claimedHours: r.claimedHours,
      status: r.status,
      statusLabel: DECL_STATUS[r.status] ?? r.status,
      stage: r.status === 'pending' && r.currentReviewerOrgId ? (STAGE[parts.reviewerKinds.get(r.currentReviewerOrgId) ?? ''] ?? '审核中') : null,
      rejectReason: r.status === 'rejected' ? r.rejectReason : null,
      canWithdraw: r.status === 'pending' && r.currentLevel === 0,
      batchId: r.batchId,
    })),
  };
}
