import { describe, expect, it } from 'vitest';
import { PASSWORD_RULE_TEXT, passwordProblem } from './password';

const LENGTH = '密码长度应为8至64位';
const PRINTABLE = '密码不能包含不可打印字符';
const CLASSES = '密码须包含大写字母、小写字母、数字、符号中的至少三类';

describe('passwordProblem', () => {
  it.each([
    ['Abcdefg1', null], // upper + lower + digit, exactly 8
    ['abcdef1!', null], // lower + digit + symbol
    ['ABCDEF1!', null], // upper + digit + symbol
    ['Abcdefg!', null], // upper + lower + symbol
    ['Ab1!Ab1!', null], // all four
    ['Pass word 1', null], // space is a printable symbol
    ['河南Abc1234', null], // Chinese counts as a symbol
    ['河南继续教育ab12', null], // lower + digit + Chinese
    ['Ünïcödé1', null], // non-ASCII letters carry case
    ['abcd!@#$%^&*()_+-=[]{};\':",./<>?`~|\\1', null], // punctuation is allowed
    ['A'.repeat(30) + 'b'.repeat(30) + '1234', null], // exactly 64
    ['𠮷𠮷𠮷𠮷Ab12', null], // astral chars count once each: 8 characters
    ['Abcdef1', LENGTH], // 7
    ['', LENGTH],
    ['A'.repeat(31) + 'b'.repeat(31) + '123', LENGTH], // 65
    ['𠮷Ab12', LENGTH], // 5 code points although 6 UTF-16 units
    ['abcdefgh', CLASSES],
    ['ABCDEFGH', CLASSES],
    ['12345678', CLASSES],
    ['abcd1234', CLASSES],
    ['ABCD!@#$', CLASSES],
    ['继续教育平台密码', CLASSES], // only symbols
    ['Abcdefg1\n', PRINTABLE],
    ['Abc\tdefg1', PRINTABLE],
    ['Abc\u0000defg1', PRINTABLE],
    ['Abc\u007fdefg1', PRINTABLE], // DEL
    ['Abc\u200bdefg1', PRINTABLE], // zero-width space
    ['Abc\u2028defg1', PRINTABLE], // line separator
  ])('%j → %s', (pw, expected) => {
    expect(passwordProblem(pw)).toBe(expected);
  });

  it('exports the rule text for forms', () => {
    expect(PASSWORD_RULE_TEXT).toContain('8至64位');
    expect(PASSWORD_RULE_TEXT).toContain('至少三类');
  });
});
