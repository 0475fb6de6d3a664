import { HENAN_PROVINCE_CODE, issuingRegion, type OrgKind } from '@ce/shared';

/**
 * The certificate token in the verification page's URL: the QR code holds `…/verify#<token>`
 * (a fragment never reaches a server log); `?t=<token>` is accepted too.
 */
export function tokenFromLocation(hash: string, search: string): string {
  const fromHash = safeDecode(hash.replace(/^#/, '')).trim();
  if (fromHash) return fromHash;
  return (new URLSearchParams(search).get('t') ?? '').trim();
}

/**
 * What to put after `#` for a text pasted from a scanner app: the token inside a verification URL
 * (after `#` or in `t=`), otherwise the text itself (the server decides whether it is a token).
 */
export function tokenFromQrText(text: string): string {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  if (hash >= 0) return trimmed.slice(hash + 1).trim();
  const query = /[?&]t=([A-Za-z0-9_.-]+)/.exec(trimmed);
  return query ? query[1]! : trimmed;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type Verdict = 'valid' | 'revoked' | 'invalid';

/** "2026-11-22" → "2026年11月22日"; anything else as is. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** A person's name for a public page: the surname stays, the rest is masked (张三 → 张*); masked names as is. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0 || chars.includes('*')) return name;
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Hours as printed on certificates: whole numbers plain, fractions with up to two decimals. */
export const formatHours = (hours: number): string => String(Math.round(hours * 100) / 100);

type OrgRef = { kind: OrgKind; regionCode: string };

function safeIssuingCode(regionCode: string): string | null {
  try {
    return issuingRegion(regionCode).code;
  } catch {
    return null;
  }
}

/**
 * An HRSS bureau that issues certificates and so may hold an e-seal: a city's, a directly
 * administered county's, or the province's (for 省直 units). Mirrors the server's rule.
 */
export const isIssuingBureau = (org: OrgRef) =>
  org.kind === 'hrss' && safeIssuingCode(org.regionCode) === org.regionCode;

/** The province HRSS (省人社厅): reviews e-seal applications and receives every admin filing. */
export const isProvinceBureau = (org: OrgRef) => org.kind === 'hrss' && org.regionCode === HENAN_PROVINCE_CODE;

/** Who files certificate administrators with the province (附件3): issuing bureaus and 省直 organisations. */
export const mayFileAdmins = (org: OrgRef) =>
  isIssuingBureau(org) ||
  ((org.kind === 'department' || org.kind === 'unit') && org.regionCode === HENAN_PROVINCE_CODE);
