/** Organisations' rows → the answers of shared/src/endpoints/organisations.ts (registration progress, admin views). */
import {
  ACCOUNT_STATUS_LABELS,
  maskIdNumber,
  maskPhone,
  regionDisplayName,
  type OrgDetail,
  type OrgSummary,
  type ProgressItem,
} from '@ce/shared';
import type { schema } from '../../db';
import type { OrgRow, registrantOf } from './repo';
import { regionDisplayNameSafe } from './rules';

type AccountRow = typeof schema.accounts.$inferSelect;
type Registrant = NonNullable<Awaited<ReturnType<typeof registrantOf>>>;

/**
 * One registration as its applicant follows it (注册进度查询). An organisation's own registration is
 * approved by its parent (`parentName`); a professional's by the unit.
 */
export function toProgressItem(account: AccountRow, org: OrgRow, parentName: string | undefined): ProgressItem {
  const isOrgRegistration = account.role !== 'professional';
  return {
    registrationId: account.id,
    type: isOrgRegistration ? ('organisation' as const) : ('professional' as const),
    role: account.role,
    orgName: org.name,
    orgKind: org.kind,
    status: account.status,
    statusLabel: ACCOUNT_STATUS_LABELS[account.status],
    approverName: isOrgRegistration ? (parentName ?? '') : org.name,
    submittedAt: account.createdAt.toISOString(),
    reviewedAt: account.reviewedAt?.toISOString() ?? null,
    rejectReason: account.rejectReason,
  };
}

/** A parent a registering organisation may pick. */
export const toParentOption = (o: Pick<OrgRow, 'id' | 'name' | 'kind' | 'regionCode'>) => ({ id: o.id, name: o.name, kind: o.kind, regionCode: o.regionCode, regionName: regionDisplayName(o.regionCode) });

export function toOrgSummary(org: OrgRow, parentName: string | null): OrgSummary {
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    creditCode: org.creditCode,
    regionCode: org.regionCode,
    regionName: regionDisplayNameSafe(org.regionCode) ?? org.regionCode,
    parentId: org.parentId,
    parentName,
    status: org.status,
    noDepartment: org.noDepartment,
    createdAt: org.createdAt.toISOString(),
    version: org.version,
  };
}

/** The organisation's page: its facts, how many active children it has, and who registered it (masked). */
export function toOrgDetail(org: OrgRow, parentName: string | null, childCount: number, registrant: Registrant | undefined): OrgDetail {
  return {
    ...toOrgSummary(org, parentName),
    nature: org.nature,
    level: org.level,
    industry: org.industry,
    address: org.address,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    rejectReason: org.rejectReason,
    reviewedAt: org.reviewedAt?.toISOString() ?? null,
    childCount,
    registrant: registrant
      ? {
          name: registrant.person.name,
          idNumberMasked: maskIdNumber(registrant.person.idNumber),
          phoneMasked: registrant.person.phone ? maskPhone(registrant.person.phone) : null,
        }
      : null,
  };
}

/** The applicant withdrew a pending registration. */
export const registrationWithdrawn = () => ({ ok: true as const, message: '注册申请已撤回，可重新注册' });
