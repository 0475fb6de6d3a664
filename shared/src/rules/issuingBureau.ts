import { HENAN_PROVINCE_CODE, issuingRegion, regionByCode } from '../regions';
import type { OrgKind } from '../domain';

type OrgRef = { kind: OrgKind; regionCode: string };

/**
 * Whether an organisation issues certificates and so may hold an e-seal (R-22, 管理办法第十二条):
 * the HRSS bureau of a city or a directly administered county (济源 included), and the province
 * HRSS for 省直 units. County and district bureaus under a city do not.
 */
export function isIssuingBureau(org: OrgRef): boolean {
  if (org.kind !== 'hrss' || !regionByCode(org.regionCode)) return false;
  return issuingRegion(org.regionCode).code === org.regionCode;
}

/** The province HRSS (省人社厅) reviews e-seal applications and receives the admin filings. */
export const isProvinceBureau = (org: OrgRef): boolean => org.kind === 'hrss' && org.regionCode === HENAN_PROVINCE_CODE;

/**
 * Who files its certificate administrators with the province (seed 002 三(三), 附件3): the issuing
 * bureaus and the province-level (省直) departments and units.
 */
export function mayFileAdmins(org: OrgRef): boolean {
  if (isIssuingBureau(org)) return true;
  return (org.kind === 'department' || org.kind === 'unit') && org.regionCode === HENAN_PROVINCE_CODE;
}
