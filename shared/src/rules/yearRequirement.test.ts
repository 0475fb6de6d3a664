import { describe, expect, it } from 'vitest';
import {
  REQUIREMENT_RULES,
  YEARLY_HOURS_CITATION,
  applyReduction,
  yearCompletion,
  yearRequirement,
  type RequirementRule,
  type TitleLevel,
} from './yearRequirement';

const req = (year: number, titleLevel: TitleLevel | null, unitRegionCode: string) =>
  yearRequirement(REQUIREMENT_RULES, { year, titleLevel, unitRegionCode });

describe('yearRequirement (SPEC §7)', () => {
  it.each<[year: number, title: TitleLevel | null, region: string, p: number, q: number]>([
    // 2013–2015 by title level, wherever the unit is
    [2013, 'junior', '410102', 22, 52],
    [2014, 'junior', '411302', 22, 52],
    [2015, 'junior', '410000', 22, 52],
    [2015, null, '410102', 22, 52], // no title: counted with 初级
    [2013, 'intermediate', '410102', 26, 60],
    [2014, 'deputy_senior', '411600', 26, 60],
    [2015, 'senior', '419001', 26, 60],
    [2015, 'intermediate', '411302', 26, 60],
    // 2016–2017 Zhengzhou (4101) against elsewhere, regardless of title
    [2016, 'junior', '410102', 30, 60], // 中原区
    [2016, 'senior', '410100', 30, 60], // 郑州市本级
    [2017, 'intermediate', '410185', 30, 60], // 登封 (county-level city under Zhengzhou)
    [2017, null, '410122', 30, 60], // 中牟县
    [2016, 'junior', '410181', 24, 66], // 巩义: 省直管县, not the Zhengzhou bureau's area
    [2017, 'senior', '410181', 24, 66],
    [2016, 'junior', '411302', 24, 66], // 南阳
    [2017, 'deputy_senior', '411600', 24, 66], // 周口
    [2016, 'intermediate', '410000', 24, 66], // 省直
    [2017, 'senior', '419001', 24, 66], // 济源
    [2016, 'junior', '410225', 24, 66], // 兰考
    [2017, 'junior', '410201', 24, 66], // 开封: 4102 is not 4101
    // 2018 onwards: everyone
    [2018, 'junior', '410102', 30, 60],
    [2018, 'senior', '411302', 30, 60],
    [2019, null, '410181', 30, 60],
    [2024, 'intermediate', '410000', 30, 60],
    [2026, 'deputy_senior', '411729', 30, 60],
    [2040, 'junior', '419001', 30, 60],
  ])('%i %s %s → %i + %i', (year, title, region, publicHours, professionalHours) => {
    expect(req(year, title, region)).toMatchObject({ publicHours, professionalHours });
  });

  it.each([2012, 2000, 1990])('%i is before the table → null', (year) => {
    expect(req(year, 'senior', '410102')).toBeNull();
  });

  it('totals 74 / 86 / 90 as the FAQ says', () => {
    const total = (r: ReturnType<typeof req>) => (r ? r.publicHours + r.professionalHours : null);
    expect(total(req(2014, 'junior', '410102'))).toBe(74);
    expect(total(req(2014, 'senior', '410102'))).toBe(86);
    expect(total(req(2016, 'senior', '410102'))).toBe(90);
    expect(total(req(2016, 'senior', '411302'))).toBe(90);
    expect(total(req(2025, 'senior', '411302'))).toBe(90);
  });

  it('returns the basis text', () => {
    expect(req(2016, 'junior', '410102')?.basis).toContain('郑州地区公需科目30学时');
    expect(req(2016, 'junior', '411302')?.basis).toContain('郑州以外地区：公需科目24学时、专业科目66学时');
    expect(req(2026, 'junior', '411302')?.basis).toContain('2018年起公需科目增加6学时（24+6）');
    // The regulation is named, never the FAQ (issue 8 item 10); before 2017 it did not apply yet.
    for (const year of [2016, 2017, 2018, 2026]) {
      expect(req(year, 'junior', '411302')?.basis).toContain('《河南省专业技术人员继续教育证书管理办法》（豫人社〔2017〕121号）第五条');
    }
    for (const r of REQUIREMENT_RULES) expect(r.basis).not.toContain('常见问题');
    expect(YEARLY_HOURS_CITATION).toContain('公需科目每人每年不少于24学时，专业科目一般不少于总学时的三分之二');
  });

  it('uses rules the province adds, first match first', () => {
    const rules: RequirementRule[] = [
      {
        fromYear: 2030,
        toYear: null,
        condition: { regionPrefixes: ['4113'] },
        publicHours: 36,
        professionalHours: 72,
        basis: '测试',
      },
      ...REQUIREMENT_RULES.map((r) => (r.toYear === null ? { ...r, toYear: 2029 } : r)),
      { fromYear: 2030, toYear: null, condition: {}, publicHours: 32, professionalHours: 64, basis: '测试' },
    ];
    const at = (year: number, region: string) =>
      yearRequirement(rules, { year, titleLevel: 'junior', unitRegionCode: region });
    expect(at(2029, '411302')).toMatchObject({ publicHours: 30, professionalHours: 60 });
    expect(at(2030, '411302')).toMatchObject({ publicHours: 36, professionalHours: 72 });
    expect(at(2030, '410102')).toMatchObject({ publicHours: 32, professionalHours: 64 });
  });
});

describe('applyReduction (第八条)', () => {
  const outsideZhengzhou2016 = req(2016, 'junior', '411600')!; // 24 + 66
  const from2018 = req(2020, 'junior', '411600')!; // 30 + 60

  it.each<[base: 'z' | 'n', months: number, p: number, q: number]>([
    ['z', 6, 12, 33], // seed 001: 66 required, half a year of maternity leave → 33
    ['z', 12, 24, 66],
    ['z', 0, 0, 0],
    ['z', 5, 10, 27], // 27.5 → 27
    ['z', 7, 14, 38], // 38.5 → 38
    ['z', 1, 2, 5], // 5.5 → 5
    ['n', 6, 15, 30],
    ['n', 3, 7, 15], // 7.5 → 7
    ['n', 9, 22, 45], // 22.5 → 22
    ['n', 11, 27, 55], // 27.5 → 27
  ])('%s %i months on duty → %i + %i', (base, months, publicHours, professionalHours) => {
    const r = applyReduction(base === 'z' ? outsideZhengzhou2016 : from2018, months);
    expect(r).toMatchObject({ publicHours, professionalHours });
  });

  it('names 第八条 in the basis when it reduces', () => {
    expect(applyReduction(from2018, 6).basis).toContain('第八条');
    expect(applyReduction(from2018, 12)).toEqual(from2018);
  });

  it.each([-1, 13, 6.5, Number.NaN])('rejects %s months', (months) => {
    expect(() => applyReduction(from2018, months)).toThrow(RangeError);
  });
});

describe('yearCompletion (SPEC §7, R-20)', () => {
  const requirement = { publicHours: 30, professionalHours: 60 };
  it.each<
    [pub: number, prof: number, covers: ('professional' | 'all')[], passed: boolean, mp: number, mq: number]
  >([
    [30, 60, [], true, 0, 0],
    [45, 80, [], true, 0, 0],
    [29, 60, [], false, 1, 0],
    [30, 59, [], false, 0, 1],
    [0, 0, [], false, 30, 60],
    [100, 0, [], false, 0, 60], // public hours do not make up for professional ones
    [29.9, 60, [], false, 0.1, 0],
    [0.1 + 0.2, 60, [], false, 29.7, 0],
    // course study over six months: the professional part is done
    [30, 0, ['professional'], true, 0, 0],
    [12, 0, ['professional'], false, 18, 0],
    // a full year of aid assignment: the whole year is done
    [0, 0, ['all'], true, 0, 0],
    [5, 5, ['professional', 'all'], true, 0, 0],
  ])(
    '%d + %d covers %j → %s',
    (publicHours, professionalHours, covers, passed, missingPublic, missingProfessional) => {
      expect(yearCompletion({ requirement, publicHours, professionalHours, covers })).toEqual({
        passed,
        missingPublic,
        missingProfessional,
      });
    },
  );

  it('works with a pro-rated requirement', () => {
    const reduced = applyReduction(req(2016, 'junior', '411600')!, 6); // 12 + 33
    expect(
      yearCompletion({ requirement: reduced, publicHours: 12, professionalHours: 33, covers: [] }),
    ).toEqual({
      passed: true,
      missingPublic: 0,
      missingProfessional: 0,
    });
    expect(
      yearCompletion({ requirement: reduced, publicHours: 12, professionalHours: 32, covers: [] }).passed,
    ).toBe(false);
  });
});
