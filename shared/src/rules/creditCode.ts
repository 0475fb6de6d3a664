/**
 * 统一社会信用代码 (GB 32100-2015): 1 registration-authority char, 1 organisation-kind char,
 * 6-digit region code of the registration authority, 9-char organisation code, 1 check char.
 * Every char is from a 31-symbol set (no I, O, S, V, Z).
 */

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeCheck = { ok: true; normalized: string } | { ok: false; message: string };

/** The check character of the first 17 characters (which must be from the charset). */
function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '') * (WEIGHTS[i] ?? 0);
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31] ?? '';
}

const isCharsetChar = (c: string) => c.length === 1 && CREDIT_CODE_CHARSET.includes(c);

export function validateCreditCode(value: string): CreditCodeCheck {
  const normalized = value.trim().toUpperCase();
  const chars = [...normalized];
  if (chars.length !== 18) return { ok: false, message: '统一社会信用代码应为18位' };
  if (!chars.every(isCharsetChar)) return { ok: false, message: '统一社会信用代码含有非法字符' };
  if (!/^\d{6}$/.test(normalized.slice(2, 8))) {
    return { ok: false, message: '统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字' };
  }
  if (checkChar(normalized) !== normalized[17]) return { ok: false, message: '统一社会信用代码校验位错误' };
  return { ok: true, normalized };
}

/** Appends the check character to 17 characters (tests and demo data). */
export function makeCreditCode(prefix17: string): string {
  const prefix = prefix17.toUpperCase();
  if (prefix.length !== 17 || ![...prefix].every(isCharsetChar)) {
    throw new RangeError(`prefix17 must be 17 characters of the credit-code charset: ${prefix17}`);
  }
  return prefix + checkChar(prefix);
}
