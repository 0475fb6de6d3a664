import {
  ACCOUNT_STATUS_LABELS,
  CHANGE_REQUEST_KIND_LABELS,
  CHANGE_REQUEST_STATUS_LABELS,
  TRANSFER_STATUS_LABELS,
  maskIdNumber,
  maskPhone,
  regionDisplayName,
  type adminChangeRequestItem,
  type changeRequestItem,
  type ProfessionalProfile,
  type professionalDetail,
  type professionalListItem,
  type professionalRegistrationItem,
  type transferItem,
} from '@ce/shared';
import type { z } from 'zod';
import type { ProfessionalTarget } from '../../access/access';
import type { ChangeRequestRow, ProfessionalRow, TransferRow, TransferView } from './repo';

/** What access needs to know about a professional: their unit and 工作部门. */
export const targetOf = (row: ProfessionalRow): ProfessionalTarget => ({
  unit: row.unit,
  workDepartmentId: row.account.workDepartmentId,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toListItem(row: ProfessionalRow): z.infer<typeof professionalListItem> {
  const { account, person, profile, unit } = row;
  return {
    accountId: account.id,
    name: person.name,
    idNumberMasked: maskIdNumber(person.idNumber),
    phoneMasked: person.phone ? maskPhone(person.phone) : null,
    gender: profile.gender,
    unit: { id: unit.id, name: unit.name },
    workDepartment: row.workDepartment,
    titleSeries: profile.titleSeries,
    titleLevel: profile.titleLevel,
    certNo: profile.certNo,
    status: account.status,
    statusLabel: ACCOUNT_STATUS_LABELS[account.status],
    registeredAt: account.createdAt.toISOString(),
    version: account.version,
  };
}

/** ID numbers inside a change request's values, masked unless the reader may see them in full. */
function values(v: Record<string, string>, fullIdentity: boolean) {
  if (fullIdentity || v.idNumber === undefined) return v;
  return { ...v, idNumber: maskIdNumber(v.idNumber) };
}

/**
 * 个人信息 as the person sees it (ID and phone numbers in full): their requests (pending kinds), the
 * transfer under way and `identityBlock` (rules.identityChangeBlock) say what they may ask next.
 */
export function toProfile(
  row: ProfessionalRow,
  requests: readonly ChangeRequestRow[],
  transfer: TransferRow | undefined,
  identityBlock: { allowedFrom: Date | null } | null,
): ProfessionalProfile {
  const { account, person, profile, unit } = row;
  return {
    accountId: account.id,
    name: person.name,
    idNumber: person.idNumber,
    gender: profile.gender,
    birthDate: profile.birthDate,
    phone: person.phone,
    email: person.email,
    ethnicity: profile.ethnicity,
    nativePlace: profile.nativePlace,
    graduatedSchool: profile.graduatedSchool,
    major: profile.major,
    titleSeries: profile.titleSeries,
    titleLevel: profile.titleLevel,
    certNo: profile.certNo,
    status: account.status,
    unit: { id: unit.id, name: unit.name, regionCode: unit.regionCode, regionName: regionDisplayName(unit.regionCode) },
    workDepartment: row.workDepartment,
    pendingChanges: requests.filter((r) => r.status === 'pending').map((r) => r.kind),
    liveTransferId: transfer?.id ?? null,
    identityChangeAllowedFrom: identityBlock ? (identityBlock.allowedFrom?.toISOString() ?? null) : null,
  };
}

/**
 * One professional for an admin: ID and mobile numbers in full only when `fullIdentity` (the
 * person's own unit, decided in the service), masked otherwise; their change requests and transfers.
 */
export function toDetail(
  row: ProfessionalRow,
  fullIdentity: boolean,
  changeRequests: readonly ChangeRequestRow[],
  transfers: readonly TransferView[],
): z.infer<typeof professionalDetail> {
  const { person, profile } = row;
  return {
    ...toListItem(row),
    idNumber: fullIdentity ? person.idNumber : maskIdNumber(person.idNumber),
    phone: person.phone && !fullIdentity ? maskPhone(person.phone) : person.phone,
    fullIdentity,
    email: person.email,
    birthDate: profile.birthDate,
    ethnicity: profile.ethnicity,
    nativePlace: profile.nativePlace,
    graduatedSchool: profile.graduatedSchool,
    major: profile.major,
    archivedAt: profile.archivedAt?.toISOString() ?? null,
    archiveReason: profile.archiveReason,
    changeRequests: changeRequests.map((r) => toChangeItem(r, fullIdentity)),
    transfers: transfers.map(toTransferItem),
  };
}

/** A registration waiting for the unit's review (masked). */
export function toRegistrationItem(row: ProfessionalRow): z.infer<typeof professionalRegistrationItem> {
  const { account, person, profile } = row;
  return {
    accountId: account.id,
    name: person.name,
    idNumberMasked: maskIdNumber(person.idNumber),
    gender: profile.gender,
    birthDate: profile.birthDate,
    phoneMasked: person.phone ? maskPhone(person.phone) : null,
    workDepartment: row.workDepartment,
    major: profile.major,
    titleSeries: profile.titleSeries,
    titleLevel: profile.titleLevel,
    certNo: profile.certNo,
    submittedAt: account.createdAt.toISOString(),
    version: account.version,
  };
}

export function toChangeItem(r: ChangeRequestRow, fullIdentity: boolean): z.infer<typeof changeRequestItem> {
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: CHANGE_REQUEST_KIND_LABELS[r.kind],
    status: r.status,
    statusLabel: CHANGE_REQUEST_STATUS_LABELS[r.status],
    before: values(r.before, fullIdentity),
    after: values(r.after, fullIdentity),
    hasPhotos: r.frontFileId != null && r.backFileId != null,
    rejectReason: r.rejectReason,
    submittedAt: r.createdAt.toISOString(),
    reviewedAt: iso(r.reviewedAt),
    version: r.version,
  };
}

/**
 * A change request as its reviewers see it: with the person (ID number masked) and the reviewing
 * unit; the values' ID numbers in full only when `fullIdentity` (the reviewing unit's admins).
 */
export function toAdminChangeItem(
  r: ChangeRequestRow,
  fullIdentity: boolean,
  person: { accountId: number; name: string; idNumber: string; workDepartment: { id: number; name: string } | null },
  unit: { id: number; name: string },
): z.infer<typeof adminChangeRequestItem> {
  return {
    ...toChangeItem(r, fullIdentity),
    person: { accountId: person.accountId, name: person.name, idNumberMasked: maskIdNumber(person.idNumber), workDepartment: person.workDepartment },
    unit: { id: unit.id, name: unit.name },
  };
}

export function toTransferItem(v: TransferView): z.infer<typeof transferItem> {
  const t = v.transfer;
  return {
    id: t.id,
    status: t.status,
    statusLabel: TRANSFER_STATUS_LABELS[t.status],
    initiatedBy: t.initiatedBy,
    person: { accountId: t.accountId, name: v.person.name, idNumberMasked: maskIdNumber(v.person.idNumber), certNo: v.certNo },
    from: { id: v.from.id, name: v.from.name },
    fromWorkDepartment: v.fromWorkDepartment,
    to: { id: v.to.id, name: v.to.name },
    toWorkDepartment: v.toWorkDepartment,
    note: t.note,
    rejectReason: t.rejectReason,
    rejectedBy: t.rejectedByOrgId == null ? null : t.rejectedByOrgId === v.from.id ? v.from.name : v.to.name,
    createdAt: t.createdAt.toISOString(),
    outReviewedAt: iso(t.outReviewedAt),
    inReviewedAt: iso(t.inReviewedAt),
    version: t.version,
  };
}

/** The answer to withdrawing a pending change request (okBody). */
export const changeWithdrawn = () => ({ ok: true as const, message: '申请已撤回' });

/** The answer to withdrawing a transfer still under way (okBody). */
export const transferWithdrawn = () => ({ ok: true as const, message: '调转申请已撤回' });
