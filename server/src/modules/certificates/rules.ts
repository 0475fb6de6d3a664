import { HENAN_PROVINCE_CODE, issuingRegion, regionByCode, type OrgKind } from '@ce/shared';

/**
 * The certificate's sentence (seed 002, 附件1), with the holder's name and the year(s) filled in.
 * A merged print lists every year of the range joined by 、 ("2024、2025年度"): the template's
 * blank is "____年度", and naming each year keeps the wording the template's while leaving no doubt
 * which years are certified.
 */
export function certificateSentence(holderName: string, years: readonly number[]): string {
  const list = [...years].sort((a, b) => a - b).join('、');
  return `${holderName} 参加专业技术人员继续教育学习，经审核，已完成${list}年度专业技术人员继续教育学习任务，根据《河南省专业技术人员继续教育条例》，特发此证。`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-22" → "2026年11月22日" (发证时间). */
export function chineseDate(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new Error(`not a date: ${isoDate}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The calendar date (YYYY-MM-DD) of an instant in China (UTC+8, no daylight saving). */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Hours as printed: whole numbers plain, fractions with up to two decimals ("30", "30.5"). */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}

/**
 * Whether an organisation issues certificates and so may hold an e-seal (R-22, 管理办法第十二条):
 * the HRSS bureau of a city or a directly administered county (济源 included), and the province
 * HRSS for 省直 units. County and district bureaus under a city do not.
 */
export function isIssuingBureau(org: { kind: OrgKind; regionCode: string }): boolean {
  if (org.kind !== 'hrss' || !regionByCode(org.regionCode)) return false;
  return issuingRegion(org.regionCode).code === org.regionCode;
}

/** The province HRSS (省人社厅) reviews e-seal applications and receives the admin filings. */
export const isProvinceBureau = (org: { kind: OrgKind; regionCode: string }) =>
  org.kind === 'hrss' && org.regionCode === HENAN_PROVINCE_CODE;

/**
 * Who files its certificate administrators with the province (seed 002 三(三), 附件3): the issuing
 * bureaus and the province-level (省直) departments and units.
 */
export function mayFileAdmins(org: { kind: OrgKind; regionCode: string }): boolean {
  if (isIssuingBureau(org)) return true;
  return (org.kind === 'department' || org.kind === 'unit') && org.regionCode === HENAN_PROVINCE_CODE;
}

/** The region name carved on a bureau's seal: 河南省, 郑州市, 巩义市, 济源市. */
export function sealRegionName(regionCode: string): string {
  const region = regionByCode(regionCode);
  if (!region) throw new Error(`unknown region ${regionCode}`);
  return region.name;
}
