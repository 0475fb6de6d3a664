import { describe, expect, it } from 'vitest';
import { ETHNICITIES, MAJOR_CATALOGUE, MAJORS, TITLE_LEVEL_LABELS, TITLE_SERIES } from './catalogues';
import { TITLE_LEVELS } from './rules/yearRequirement';

describe('registration catalogues (R-6)', () => {
  it('has the 56 ethnic groups, each once, 汉族 first', () => {
    expect(ETHNICITIES).toHaveLength(56);
    expect(new Set(ETHNICITIES).size).toBe(56);
    expect(ETHNICITIES[0]).toBe('汉族');
    expect(ETHNICITIES.every((e) => e.endsWith('族'))).toBe(true);
  });

  it('has the title series of the national system, each once', () => {
    expect(new Set(TITLE_SERIES).size).toBe(TITLE_SERIES.length);
    expect(TITLE_SERIES.length).toBeGreaterThanOrEqual(27);
    for (const s of ['高校教师', '中小学教师', '卫生技术', '工程技术', '会计', '经济', '农业技术', '统计', '审计', '翻译', '律师', '公证', '船舶', '民用航空飞行', '社会工作', '知识产权']) {
      expect(TITLE_SERIES).toContain(s);
    }
  });

  it('labels every title level of the yearly requirement', () => {
    expect(TITLE_LEVELS.map((l) => TITLE_LEVEL_LABELS[l])).toEqual(['初级', '中级', '副高级', '正高级']);
  });

  it('has the 专业类 of the undergraduate catalogue, unique across 门类', () => {
    expect(MAJOR_CATALOGUE.map((c) => c.category).slice(0, 12)).toEqual(['哲学', '经济学', '法学', '教育学', '文学', '历史学', '理学', '工学', '农学', '医学', '管理学', '艺术学']);
    expect(new Set(MAJORS).size).toBe(MAJORS.length);
    expect(MAJORS).toEqual(expect.arrayContaining(['计算机类', '临床医学类', '教育学类', '其他专业']));
  });
});
