/**
 * Password policy (SPEC R-4, §11). Unlike the legacy platform, any printable character is allowed,
 * punctuation and Chinese included. Length counts Unicode code points, not UTF-16 units.
 *
 * Character classes: upper-case letter (\p{Lu}), lower-case letter (\p{Ll}), decimal digit (\p{Nd}),
 * and symbol = any other printable character. Letters without case (e.g. Chinese characters) and
 * spaces therefore count as symbols: they are "printable non-alphanumeric" for a password form.
 */

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

export const PASSWORD_RULE_TEXT =
  '密码长度为8至64位，须包含大写字母、小写字母、数字、符号中的至少三类；可使用任何可打印字符（含标点、空格和中文，中文计为符号）。';

/** Control, format, surrogate, private-use and unassigned code points, and line/paragraph separators. */
const NON_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

export function passwordProblem(pw: string): string | null {
  const chars = [...pw];
  if (chars.length < PASSWORD_MIN_LENGTH || chars.length > PASSWORD_MAX_LENGTH) return '密码长度应为8至64位';
  if (NON_PRINTABLE.test(pw)) return '密码不能包含不可打印字符';
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const c of chars) {
    if (/\p{Lu}/u.test(c)) upper = true;
    else if (/\p{Ll}/u.test(c)) lower = true;
    else if (/\p{Nd}/u.test(c)) digit = true;
    else symbol = true;
  }
  const classes = [upper, lower, digit, symbol].filter(Boolean).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
