/**
 * 证书管理号 (豫人社〔2017〕121号 第十三条, SPEC R-8): 13 digits =
 * 2 digits province (41) + 2 digits city / 省直 / 省直管县 + 2 digits county (district) + a 7-digit
 * serial generated at registration. The first six digits are the GB/T 2260 code of the region of the
 * person's unit (province-level units: 410000). One person, one number, forever: it is never
 * recomputed, not on transfer, not on a change of ID number.
 */

export const CERT_SERIAL_DIGITS = 7;
export const MAX_CERT_SERIAL = 10 ** CERT_SERIAL_DIGITS - 1;

const CERT_RE = /^41\d{11}$/;

/** The six-digit prefix for a unit's region code; throws on anything that is not a Henan code. */
export function certificatePrefix(unitRegionCode: string): string {
  if (!/^41\d{4}$/.test(unitRegionCode)) {
    throw new RangeError(`not a Henan region code: ${unitRegionCode}`);
  }
  return unitRegionCode;
}

/** Prefix + serial → the 13-digit number. */
export function composeCertificateNumber(unitRegionCode: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_CERT_SERIAL) {
    throw new RangeError(`serial must be an integer 1–${MAX_CERT_SERIAL}: ${serial}`);
  }
  return certificatePrefix(unitRegionCode) + String(serial).padStart(CERT_SERIAL_DIGITS, '0');
}

/** Splits a certificate number, or null when it is not one (public query input). */
export function parseCertificateNumber(value: string): { regionCode: string; serial: number } | null {
  const v = value.trim();
  if (!CERT_RE.test(v)) return null;
  const serial = Number(v.slice(6));
  if (serial < 1) return null;
  return { regionCode: v.slice(0, 6), serial };
}
