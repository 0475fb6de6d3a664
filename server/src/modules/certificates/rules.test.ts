import { describe, expect, it } from 'vitest';
import type { OrgKind } from '@ce/shared';
import {
  certificateSentence,
  chinaDateOf,
  chineseDate,
  formatHours,
  isIssuingBureau,
  isProvinceBureau,
  mayFileAdmins,
  sealRegionName,
  transferNote,
} from './rules';
import { sealText, starPoints } from './seal';

describe('the certificate sentence (seed 002, 附件1)', () => {
  it.each([
    [
      '李䶮',
      [2025],
      '李䶮 参加专业技术人员继续教育学习，经审核，已完成2025年度专业技术人员继续教育学习任务，根据《河南省专业技术人员继续教育条例》，特发此证。',
    ],
    [
      '王𠮷',
      [2025, 2024],
      '王𠮷 参加专业技术人员继续教育学习，经审核，已完成2024、2025年度专业技术人员继续教育学习任务，根据《河南省专业技术人员继续教育条例》，特发此证。',
    ],
    [
      '张三',
      [2016, 2017, 2018],
      '张三 参加专业技术人员继续教育学习，经审核，已完成2016、2017、2018年度专业技术人员继续教育学习任务，根据《河南省专业技术人员继续教育条例》，特发此证。',
    ],
  ])('%s %j', (name, years, sentence) => {
    expect(certificateSentence(name, years)).toBe(sentence);
  });
});

describe('dates and hours as printed', () => {
  it.each([
    ['2026-11-22', '2026年11月22日'],
    ['2024-01-05', '2024年1月5日'],
  ])('chineseDate(%s) = %s', (iso, text) => expect(chineseDate(iso)).toBe(text));

  it('refuses what is not a date', () => expect(() => chineseDate('22/11/2026')).toThrow());

  it.each([
    ['2026-11-21T15:59:59Z', '2026-11-21'],
    ['2026-11-21T16:00:00Z', '2026-11-22'], // midnight in Beijing
    ['2026-12-31T18:00:00Z', '2027-01-01'],
  ])('chinaDateOf(%s) = %s', (instant, date) => expect(chinaDateOf(new Date(instant))).toBe(date));

  it.each([
    [30, '30'],
    [60.5, '60.5'],
    [33.333, '33.33'],
    [0, '0'],
  ])('formatHours(%s) = %s', (h, text) => expect(formatHours(h)).toBe(text));
});

describe('who issues certificates and holds an e-seal (R-22, 第十二条)', () => {
  const org = (kind: OrgKind, regionCode: string) => ({ kind, regionCode });
  it.each([
    ['the province HRSS (省直)', org('hrss', '410000'), true],
    ['a city bureau (郑州)', org('hrss', '410100'), true],
    ['济源', org('hrss', '419001'), true],
    ['a directly administered county (巩义)', org('hrss', '410181'), true],
    ['a directly administered county (新蔡)', org('hrss', '411729'), true],
    ['a district bureau under a city (金水区)', org('hrss', '410105'), false],
    ['a county bureau under a city (中牟县)', org('hrss', '410122'), false],
    ['a unit in a city', org('unit', '410100'), false],
    ['an unknown region', org('hrss', '990000'), false],
  ])('%s', (_, o, issuing) => expect(isIssuingBureau(o)).toBe(issuing));

  it('only the province bureau reviews seal applications', () => {
    expect(isProvinceBureau(org('hrss', '410000'))).toBe(true);
    expect(isProvinceBureau(org('hrss', '410100'))).toBe(false);
    expect(isProvinceBureau(org('unit', '410000'))).toBe(false);
  });

  it.each([
    ['an issuing bureau', org('hrss', '410100'), true],
    ['a 省直 department', org('department', '410000'), true],
    ['a 省直 unit', org('unit', '410000'), true],
    ['a city unit', org('unit', '410100'), false],
    ['a district bureau', org('hrss', '410105'), false],
    ['a 省直 base', org('base', '410000'), false],
  ])('admin filing (附件3): %s', (_, o, may) => expect(mayFileAdmins(o)).toBe(may));
});

describe('the seal', () => {
  it.each([
    ['410000', '河南省专业技术人员继续教育专用章'],
    ['410100', '郑州市专业技术人员继续教育专用章'],
    ['410181', '巩义市专业技术人员继续教育专用章'],
    ['419001', '济源市专业技术人员继续教育专用章'],
  ])('region %s carries "%s"', (code, text) => expect(sealText(sealRegionName(code))).toBe(text));

  it('draws a regular five-pointed star, one point up', () => {
    const pts = starPoints(0, 0, 10);
    expect(pts).toHaveLength(10);
    expect(pts[0]![0]).toBeCloseTo(0);
    expect(pts[0]![1]).toBeCloseTo(10);
    const radii = pts.map(([x, y]) => Math.hypot(x, y));
    radii.forEach((r, i) => expect(r).toBeCloseTo(i % 2 === 0 ? 10 : 3.81966, 4));
  });
});

describe('the note on hours transferred in from other provinces (外省转入)', () => {
  it('names each marked year and its provinces, or nothing', () => {
    expect(transferNote([{ year: 2023, provinces: [] }])).toBeNull();
    expect(transferNote([{ year: 2023, provinces: ['湖北省'] }, { year: 2024, provinces: [] }, { year: 2025, provinces: ['湖北省', '湖南省'] }])).toBe(
      '注：2023年度含外省转入学时（湖北省）；2025年度含外省转入学时（湖北省、湖南省）',
    );
  });
});
