/** Certificates' console rows → answers: seal applications and status (R-24), admin filings (附件3). */
import { SEAL_APPLICATION_STATUS_LABELS, type adminFiling, type SealApplication, type SealStatus } from '@ce/shared';
import type { z } from 'zod';
import type { OrgRow } from '../organisations/repo';
import type { AdminFilingRow, SealApplicationRow } from './repo';

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
