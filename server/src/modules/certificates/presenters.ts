/**
 * Certificates' rows → answers: seal applications and status (R-24), admin filings (附件3), the
 * certificate queries (R-25), 年度完成情况 and 教育历程 (R-21), 学时转登 entries (R-26).
 */
import {
  DECLARATION_STATUS_LABELS,
  otherProvinceName,
  SEAL_APPLICATION_STATUS_LABELS,
  SUBJECT_LABELS,
  maskIdNumber,
  type adminCertificateAnswer,
  type adminFiling,
  type CertificateYearDto,
  type CompletionYear,
  type completionRecord,
  type DeclarationStatus,
  type historicalHoursItem,
  type publicCertificateAnswer,
  type SealApplication,
  type SealStatus,
} from '@ce/shared';
import type { z } from 'zod';
import { formLabel } from '../declarations/presenters';
import type { ListRow } from '../declarations/repo';
import { submitted } from '../declarations/submitted';
import type { OrgRow } from '../organisations/repo';
import type { YearResult } from './issuing';
import type { CertificateHolder, CertificateRow, historicalEntriesOfOrg, PublicCertificateHolder } from './records-repo';
import type { AdminFilingRow, SealApplicationRow } from './repo';
import { maskName } from './rules';

type HistoricalEntryRow = Awaited<ReturnType<typeof historicalEntriesOfOrg>>[number];

export function toSealApplication(row: SealApplicationRow, bureau: { id: number; name: string }): SealApplication {
  return {
    id: row.id,
    bureauId: bureau.id,
    bureauName: bureau.name,
    sealText: row.sealText,
    status: row.status,
    statusLabel: SEAL_APPLICATION_STATUS_LABELS[row.status],
    reason: row.reason,
    applicantName: row.applicantName,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    submittedAt: row.submittedAt.toISOString(),
    reviewerName: row.reviewerName,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    rejectReason: row.rejectReason,
    kid: row.kid,
    version: row.version,
  };
}

/** An admin's filing (附件3) with the organisation it was filed for and who filed it. */
export function toAdminFiling(r: { filing: AdminFilingRow; orgName: string; filedByName: string }): z.infer<typeof adminFiling> {
  const { filing: f } = r;
  return {
    id: f.id,
    orgId: f.orgId,
    orgName: r.orgName,
    filedAt: f.filedAt.toISOString(),
    filedByName: r.filedByName,
    unitName: f.unitName,
    industry: f.industry,
    orgCode: f.orgCode,
    adminName: f.adminName,
    gender: f.gender,
    workDepartment: f.workDepartment,
    title: f.title,
    phone: f.phone,
    fax: f.fax,
    email: f.email,
    postCode: f.postCode,
    address: f.address,
  };
}

/** An organisation's e-seal: may it hold one (`eligible`), is a signing key active, its latest application. */
export function toSealStatus(
  org: Pick<OrgRow, 'id' | 'name'>,
  s: { eligible: boolean; enabled: boolean; sealText: string | null; activeKid: string | null; latest: SealApplicationRow | undefined },
): SealStatus {
  return {
    bureauId: org.id,
    bureauName: org.name,
    eligible: s.eligible,
    enabled: s.enabled,
    sealText: s.sealText,
    activeKid: s.activeKid,
    latestApplication: s.latest ? toSealApplication(s.latest, org) : null,
  };
}

// ---------------------------------------------------------------- certificate queries (R-25)

/** A certificate year as the queries show it, marked 外省转入 with `transferredFrom` (province names). */
export const toCertificateYear = (
  r: Pick<CertificateRow, 'year' | 'status' | 'issuerName' | 'publicHours' | 'professionalHours'>,
  transferredFrom: string[],
): CertificateYearDto => ({
  year: r.year,
  status: r.status,
  issuer: r.issuerName,
  publicHours: r.publicHours,
  professionalHours: r.professionalHours,
  transferredFrom,
});

/** The public query's answer (CONTRACT): the holder's name masked, each year with its origins' province names. */
export function toPublicCertificateAnswer(holder: PublicCertificateHolder): z.infer<typeof publicCertificateAnswer> {
  return {
    holder: { name: maskName(holder.name), certNo: holder.certNo },
    years: holder.years.map((y) => toCertificateYear(y, y.origins.map((c) => otherProvinceName(c) ?? c))),
  };
}

/**
 * An admin's query of one person of their scope: the person (ID number masked) and the `years`
 * shown, each with `transferredFrom(year)`.
 */
export function toAdminCertificateAnswer(
  holder: CertificateHolder,
  years: readonly CertificateRow[],
  transferredFrom: (year: number) => string[],
): z.infer<typeof adminCertificateAnswer> {
  return {
    person: { name: holder.name, idNumberMasked: maskIdNumber(holder.idNumber), certNo: holder.certNo, unitName: holder.unit.name },
    years: years.map((r) => toCertificateYear(r, transferredFrom(r.year))),
  };
}

// ---------------------------------------------------------------- 年度完成情况 and 教育历程 (R-21)

/**
 * A year of 年度完成情况: its requirement, counted hours and result (`current`: the year in
 * progress, 进行中 until passed), and its certificate (`row`, the year's latest) with why it cannot be
 * printed (`notPrintable`, decided by the service; null when it can).
 */
export function toCompletionYear(
  r: YearResult,
  row: CertificateRow | undefined,
  current: number,
  transferredFrom: string[],
  notPrintable: string | null,
): CompletionYear {
  const { state } = r;
  const passed = state.completion.passed;
  return {
    year: r.year,
    requirement: {
      publicHours: state.requirement.publicHours,
      professionalHours: state.requirement.professionalHours,
      basis: state.requirement.basis,
      reducedMonths: state.reducedMonths,
    },
    publicHours: state.publicHours,
    professionalHours: state.professionalHours,
    covers: state.covers,
    passed,
    missingPublic: state.completion.missingPublic,
    missingProfessional: state.completion.missingProfessional,
    resultLabel: passed ? '通过' : r.year === current ? '进行中' : '未通过',
    transferredFrom,
    certificate: {
      status: row ? row.status : 'none',
      issuerName: row?.issuerName ?? null,
      issuedAt: row?.issuedAt.toISOString() ?? null,
      revokedAt: row?.status === 'revoked' ? (row.revokedAt?.toISOString() ?? null) : null,
      printable: notPrintable === null,
      notPrintableReason: notPrintable,
    },
  };
}

/** Why a record counts or not, in a few words (教育历程). */
function recordLabel(d: {
  status: DeclarationStatus;
  form: string | null;
  monthsOnDuty: number | null;
  rejectReason: string | null;
  revokeReason: string | null;
}, reviewerName: string | null): string {
  switch (d.status) {
    case 'approved':
      return d.form === 'reduction'
        ? `审核通过（按实际在岗${d.monthsOnDuty ?? 12}个月折算当年应完成学时，本记录不计学时）`
        : '审核通过（已计入）';
    case 'pending':
      return `待审核（${reviewerName ? `正由${reviewerName}审核，` : ''}审核通过后计入）`;
    case 'rejected':
      return `审核不通过（不计入）${d.rejectReason ? `：${d.rejectReason}` : ''}`;
    case 'revoked':
      return `抽查撤销（不计入）${d.revokeReason ? `：${d.revokeReason}` : ''}`;
    case 'draft':
      return '待提交（尚未提交审核，不计入）';
  }
}

/** A declaration of 教育历程: counted or not, and why; a learning platform's report says so. */
export function toCompletionRecord(r: ListRow): z.infer<typeof completionRecord> {
  const status = r.d.status as DeclarationStatus;
  return {
    id: r.d.id,
    // A draft may still lack them (保存暂不提交): null, or '' for the title.
    formLabel: r.d.form ? formLabel(r.d.form) : '未选择学习形式',
    title: r.d.title ?? '',
    subject: r.d.subject,
    hours: r.d.claimedHours,
    status,
    statusLabel:
      r.d.platformId != null && status === 'approved'
        ? `由学习平台“${r.platformName ?? ''}”自动登记（已计入）`
        : recordLabel({ ...r.d, status }, r.reviewerName),
    approvedAt: r.d.approvedAt?.toISOString() ?? null,
    counted: status === 'approved',
    sourcePlatformName: r.d.platformId != null ? (r.platformName ?? '学习平台') : null,
  };
}

// ---------------------------------------------------------------- 学时转登 (R-26)

/** An entry of 学时转登 with its declaration's state in the review chain (the person masked). */
export function toHistoricalEntry(row: HistoricalEntryRow): z.infer<typeof historicalHoursItem> {
  // 学时转登 records are entered complete, never drafts.
  const r = { ...row, declaration: submitted(row.declaration, ['subject', 'claimedHours', 'title']) };
  const status = r.declaration.status as DeclarationStatus;
  return {
    id: r.entry.id,
    declarationId: r.declaration.id,
    person: { name: r.personName, idNumberMasked: maskIdNumber(r.idNumber), certNo: r.certNo },
    year: r.declaration.year,
    subject: r.declaration.subject,
    subjectLabel: SUBJECT_LABELS[r.declaration.subject],
    hours: r.declaration.claimedHours,
    title: r.declaration.title,
    paperCertificateNo: r.entry.paperCertificateNo,
    note: r.declaration.note,
    status,
    statusLabel: DECLARATION_STATUS_LABELS[status] ?? status,
    currentReviewerName: status === 'pending' ? r.reviewerName : null,
    enteredByName: r.entry.enteredByName,
    enteredAt: r.entry.enteredAt.toISOString(),
  };
}
