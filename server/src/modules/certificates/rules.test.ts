import { describe, expect, it } from 'vitest';
import {
  certificateSentence,
  sealRegionName,
  sealText,
  transferNote,
} from './rules';
import { starPoints } from './seal';

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
