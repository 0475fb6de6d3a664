import { describe, expect, it } from 'vitest';
import { checkIdAgainst, makeIdNumber, maskIdNumber, maskPhone, validateIdNumber } from './idNumber';

// Check characters below were computed independently of the code under test.
describe('validateIdNumber: valid numbers', () => {
  it.each([
    // [number, kind, birthDate, gender, normalized]
    ['11010519491231002X', 'resident', '1949-12-31', 'female', '11010519491231002X'], // GB 11643 example
    ['11010519491231002x', 'resident', '1949-12-31', 'female', '11010519491231002X'], // lowercase x
    [' 410102199003071230 ', 'resident', '1990-03-07', 'male', '410102199003071230'], // trimmed
    ['410102198506152468', 'resident', '1985-06-15', 'female', '410102198506152468'],
    ['410181199201010012', 'resident', '1992-01-01', 'male', '410181199201010012'], // 巩义
    ['410102199003070000', 'resident', '1990-03-07', 'female', '410102199003070000'], // sequence 000
    ['810000198808080128', 'hk_mo_tw_residence', '1988-08-08', 'female', '810000198808080128'], // 香港
    ['820000199501010025', 'hk_mo_tw_residence', '1995-01-01', 'female', '820000199501010025'], // 澳门
    ['830000200002290031', 'hk_mo_tw_residence', '2000-02-29', 'male', '830000200002290031'], // 台湾, leap day
    ['941156199001010016', 'foreign_permanent', '1990-01-01', 'male', '941156199001010016'], // 河南 受理, 156
    ['941156198505050025', 'foreign_permanent', '1985-05-05', 'female', '941156198505050025'],
  ] as const)('%s', (value, kind, birthDate, gender, normalized) => {
    expect(validateIdNumber(value)).toEqual({ ok: true, kind, birthDate, gender, normalized });
  });

  it('accepts a birth date equal to today', () => {
    expect(validateIdNumber('410105202401010015', '2024-01-01').ok).toBe(true);
  });
});

describe('validateIdNumber: invalid numbers', () => {
  it.each([
    ['', '长度应为18位'],
    ['41010219900307123', '长度应为18位'],
    ['4101021990030712300', '长度应为18位'],
    ['41010219900307123A', '只能包含数字，末位可为X'],
    ['4101021990030X1230', '只能包含数字，末位可为X'],
    ['４10102199003071230', '只能包含数字，末位可为X'], // full-width digit
    ['410102199003071231', '校验位错误'],
    ['11010519491231002Y', '只能包含数字，末位可为X'],
    ['110105194912310020', '校验位错误'],
    ['410102199902301230', '出生日期无效'], // 1999-02-30
    ['410102190002291230', '出生日期无效'], // 1900 was not a leap year
    ['410102199013011230', '出生日期无效'], // month 13
    ['410102199000011230', '出生日期无效'], // month 00
    ['440524188001010014', '出生日期无效'], // valid check digit, born before 1900
    ['160102199003071230', '地区码无效'], // 16 is not a province
    ['000000199003071230', '地区码无效'],
    ['710000199003071230', '地区码无效'], // 71 (台湾省 in GB/T 2260) is not issued on resident IDs
    ['811000198808080128', '地区码无效'], // residence permits use exactly 810000/820000/830000
    ['991156199001010016', '地区码无效'], // foreigner with province 99
    ['941000199001010016', '国籍代码无效'],
  ])('%s → %s', (value, reason) => {
    expect(validateIdNumber(value)).toEqual({ ok: false, message: `身份证号非法：${reason}` });
  });

  it('rejects a birth date after today only when today is given', () => {
    const id = makeIdNumber({ regionCode: '410105', birthDate: '2030-06-01', sequence: 11 });
    expect(validateIdNumber(id)).toMatchObject({ ok: true, birthDate: '2030-06-01' });
    expect(validateIdNumber(id, '2026-03-01')).toEqual({
      ok: false,
      message: '身份证号非法：出生日期不能晚于当前日期',
    });
    expect(validateIdNumber('410105202401010015', '2023-12-31').ok).toBe(false);
  });
});

describe('makeIdNumber', () => {
  it.each([
    [{ regionCode: '110105', birthDate: '1949-12-31', sequence: 2 }, '11010519491231002X'],
    [{ regionCode: '410102', birthDate: '1990-03-07', sequence: 123 }, '410102199003071230'],
    [{ regionCode: '830000', birthDate: '20000229', sequence: 3 }, '830000200002290031'],
    [{ regionCode: '941156', birthDate: '1990-01-01', sequence: 1 }, '941156199001010016'],
  ])('%o → %s', (input, expected) => {
    expect(makeIdNumber(input)).toBe(expected);
  });

  it('produces valid numbers whose gender follows the sequence parity', () => {
    for (let sequence = 0; sequence <= 999; sequence += 37) {
      const id = makeIdNumber({ regionCode: '411302', birthDate: '1978-11-30', sequence });
      expect(validateIdNumber(id)).toMatchObject({
        ok: true,
        kind: 'resident',
        birthDate: '1978-11-30',
        gender: sequence % 2 === 1 ? 'male' : 'female',
      });
    }
  });

  it.each([
    [{ regionCode: '41010', birthDate: '1990-01-01', sequence: 1 }],
    [{ regionCode: '410102', birthDate: '1990-02-30', sequence: 1 }],
    [{ regionCode: '410102', birthDate: '1990-01-01', sequence: 1000 }],
    [{ regionCode: '410102', birthDate: '1990-01-01', sequence: 1.5 }],
  ])('throws on bad input %o', (input) => {
    expect(() => makeIdNumber(input)).toThrow(RangeError);
  });
});

describe('checkIdAgainst', () => {
  const idNumber = '410102199003071230'; // male, 1990-03-07
  it.each([
    [{ idNumber, birthDate: '1990-03-07', gender: 'male' }, null],
    [{ idNumber, birthDate: '1990-03-08', gender: 'male' }, '出生日期与身份证号不一致'],
    [{ idNumber, birthDate: '1990-03-07', gender: 'female' }, '性别与身份证号不一致'],
    [{ idNumber, birthDate: '1991-01-01', gender: 'female' }, '出生日期与身份证号不一致'],
    [{ idNumber: '11010519491231002x', birthDate: '1949-12-31', gender: 'female' }, null],
    [{ idNumber: '410102199003071231', birthDate: '1990-03-07', gender: 'male' }, '身份证号非法：校验位错误'],
  ] as const)('%o → %s', (input, expected) => {
    expect(checkIdAgainst(input)).toBe(expected);
  });
});

describe('masking', () => {
  it.each([
    ['410102199003071234', '410102********1234'],
    ['11010519491231002X', '110105********002X'],
    ['12345', '*****'],
    ['', ''],
  ])('maskIdNumber(%s) → %s', (value, expected) => {
    expect(maskIdNumber(value)).toBe(expected);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['0371-12345678', '037******5678'],
    ['1234567', '*******'],
  ])('maskPhone(%s) → %s', (value, expected) => {
    expect(maskPhone(value)).toBe(expected);
  });
});
