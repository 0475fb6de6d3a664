/**
 * Identity document numbers accepted as accounts (SPEC, §11):
 * - 居民身份证 (GB 11643): 6-digit region code, 8-digit birth date, 3-digit sequence, check character;
 * - 港澳台居民居住证: same layout with region 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan);
 * - 外国人永久居留身份证 (2023 format): '9', 2-digit province code, 3-digit nationality code,
 *   8-digit birth date, 3-digit sequence, check character.
 * All three share the ISO 7064 MOD 11-2 check character and the odd-is-male 17th digit.
 */

export type IdKind = 'resident' | 'hk_mo_tw_residence' | 'foreign_permanent';
export type Gender = 'male' | 'female';

export type IdCheck =
  | { ok: true; kind: IdKind; birthDate: string /* YYYY-MM-DD */; gender: Gender; normalized: string }
  | { ok: false; message: string };

/** First two digits of the PRC province-level divisions (GB/T 2260), one line per major region. */
// prettier-ignore
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
]);

/** Region codes of the 港澳台居民居住证. */
const HK_MO_TW_CODES: ReadonlySet<string> = new Set(['810000', '820000', '830000']);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

const ERR = '身份证号非法：';
const fail = (reason: string): IdCheck => ({ ok: false, message: ERR + reason });

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/** `YYYYMMDD` → `YYYY-MM-DD` if it is a real calendar date, else null. */
function calendarDate(yyyymmdd: string): string | null {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC maps years 0–99 to 1900–1999; years below 1900 are rejected by the caller anyway.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Checks an 18-character ID number. `today` (YYYY-MM-DD) enables the "not born in the future" check;
 * it is a parameter because rules never read the clock.
 */
export function validateIdNumber(value: string, today?: string): IdCheck {
  const normalized = value.trim().toUpperCase();
  if ([...normalized].length !== 18) return fail('长度应为18位');
  if (!/^\d{17}[\dX]$/.test(normalized)) return fail('只能包含数字，末位可为X');

  let kind: IdKind;
  if (normalized.startsWith('9')) {
    kind = 'foreign_permanent';
    if (!PROVINCE_CODES.has(normalized.slice(1, 3))) return fail('地区码无效');
    if (normalized.slice(3, 6) === '000') return fail('国籍代码无效');
  } else if (normalized.startsWith('8')) {
    kind = 'hk_mo_tw_residence';
    if (!HK_MO_TW_CODES.has(normalized.slice(0, 6))) return fail('地区码无效');
  } else {
    kind = 'resident';
    if (!PROVINCE_CODES.has(normalized.slice(0, 2))) return fail('地区码无效');
  }

  const birthDate = calendarDate(normalized.slice(6, 14));
  if (birthDate === null || birthDate < '1900-01-01') return fail('出生日期无效');
  if (today !== undefined && birthDate > today) return fail('出生日期不能晚于当前日期');

  if (idCheckChar(normalized) !== normalized[17]) return fail('校验位错误');

  const gender: Gender = Number(normalized[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, kind, birthDate, gender, normalized };
}

/**
 * Null when the birth date and gender typed on a form agree with the ID number (SPEC R-6),
 * otherwise the message to show. An invalid ID number yields its own message.
 */
export function checkIdAgainst(input: {
  idNumber: string;
  birthDate: string /* YYYY-MM-DD */;
  gender: Gender;
}): string | null {
  const check = validateIdNumber(input.idNumber);
  if (!check.ok) return check.message;
  if (check.birthDate !== input.birthDate) return '出生日期与身份证号不一致';
  if (check.gender !== input.gender) return '性别与身份证号不一致';
  return null;
}

/** Keeps the first `head` and last `tail` characters, masks the rest; short values are masked entirely. */
function mask(value: string, head: number, tail: number): string {
  const chars = [...value];
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

/** 410102199001011234 → 410102********1234 (SPEC §11). */
export const maskIdNumber = (idNumber: string): string => mask(idNumber.trim(), 6, 4);

/** 13812345678 → 138****5678. */
export const maskPhone = (phone: string): string => mask(phone.trim(), 3, 4);

/**
 * Builds a valid ID number for tests and demo data. `regionCode` is the first six characters
 * (a GB/T 2260 code, 810000/820000/830000, or '9' + province + nationality for foreigners);
 * an odd `sequence` gives a man, an even one a woman.
 */
export function makeIdNumber(input: { regionCode: string; birthDate: string; sequence: number }): string {
  const { regionCode, sequence } = input;
  const birth = input.birthDate.replaceAll('-', '');
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`regionCode must be 6 digits: ${regionCode}`);
  if (calendarDate(birth) === null) throw new RangeError(`invalid birthDate: ${input.birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0–999: ${sequence}`);
  }
  const first17 = regionCode + birth + String(sequence).padStart(3, '0');
  return first17 + idCheckChar(first17);
}
