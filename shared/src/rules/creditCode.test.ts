import { describe, expect, it } from 'vitest';
import { makeCreditCode, validateCreditCode } from './creditCode';

describe('validateCreditCode', () => {
  it.each([
    // Published codes of well-known companies.
    ['91440300708461136T', '91440300708461136T'], // 深圳市腾讯计算机系统有限公司
    ['914403001922038216', '914403001922038216'], // 华为技术有限公司
    ['91110000802100433B', '91110000802100433B'], // 北京百度网讯科技有限公司
    ['91330100716105852F', '91330100716105852F'], // 阿里巴巴（中国）有限公司
    // Real-looking codes whose check chars were computed independently.
    ['91410100MA44ABCDEP', '91410100MA44ABCDEP'],
    ['12410000MB1234567L', '12410000MB1234567L'], // 事业单位, 省直
    ['5141000050000123XY', '5141000050000123XY'], // 社会团体
    ['914101050000000013', '914101050000000013'],
    ['Y14101000000000015', 'Y14101000000000015'], // 其他 registration authority
    // Normalization: trim and upper-case.
    ['  91440300708461136t ', '91440300708461136T'],
    ['91410100ma44abcdep', '91410100MA44ABCDEP'],
  ])('%s is valid', (value, normalized) => {
    expect(validateCreditCode(value)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['', '统一社会信用代码应为18位'],
    ['91440300708461136', '统一社会信用代码应为18位'],
    ['91440300708461136TT', '统一社会信用代码应为18位'],
    ['91440300708461136I', '统一社会信用代码含有非法字符'], // I is not in the charset
    ['9144030070846113OT', '统一社会信用代码含有非法字符'], // O
    ['91440300708461136S', '统一社会信用代码含有非法字符'], // S
    ['9144030070846113-T', '统一社会信用代码含有非法字符'],
    ['9144030070846113６T', '统一社会信用代码含有非法字符'], // full-width digit
    ['914A0300708461136T', '统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字'],
    ['91440300708461136A', '统一社会信用代码校验位错误'],
    ['914403001922038217', '统一社会信用代码校验位错误'],
    ['91440300708461163T', '统一社会信用代码校验位错误'], // transposed digits
  ])('%s → %s', (value, message) => {
    expect(validateCreditCode(value)).toEqual({ ok: false, message });
  });
});

describe('makeCreditCode', () => {
  it.each([
    ['91440300708461136', '91440300708461136T'],
    ['91410100ma44abcde', '91410100MA44ABCDEP'],
    ['12410000MB1234567', '12410000MB1234567L'],
    ['Y1410100000000001', 'Y14101000000000015'],
  ])('%s → %s', (prefix, expected) => {
    expect(makeCreditCode(prefix)).toBe(expected);
  });

  it('makes codes that validate', () => {
    for (let n = 0; n < 500; n += 7) {
      const code = makeCreditCode(`12411300MB${String(n).padStart(7, '0')}`);
      expect(validateCreditCode(code)).toEqual({ ok: true, normalized: code });
    }
  });

  it.each(['9144030070846113', '914403007084611361', '9144030070846113I'])('throws on %s', (prefix) => {
    expect(() => makeCreditCode(prefix)).toThrow(RangeError);
  });
});
