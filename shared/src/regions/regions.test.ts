import { describe, it, expect } from 'vitest';
import {
  HENAN_REGIONS,
  DIRECTLY_ADMINISTERED_COUNTY_CODES,
  regionByCode,
  childRegions,
  issuingRegion,
  bureauParentCode,
  regionFullName,
  regionDisplayName,
} from './index';

const DIRECT_COUNTIES = [
  '410181', '410225', '410482', '410526', '410783',
  '411381', '411481', '411525', '411628', '411729',
];

const CITY_COUNTY_COUNTS: ReadonlyArray<[string, string, number]> = [
  ['410100', '郑州市', 12],
  ['410200', '开封市', 9],
  ['410300', '洛阳市', 14],
  ['410400', '平顶山市', 10],
  ['410500', '安阳市', 9],
  ['410600', '鹤壁市', 5],
  ['410700', '新乡市', 12],
  ['410800', '焦作市', 10],
  ['410900', '濮阳市', 6],
  ['411000', '许昌市', 6],
  ['411100', '漯河市', 5],
  ['411200', '三门峡市', 6],
  ['411300', '南阳市', 13],
  ['411400', '商丘市', 9],
  ['411500', '信阳市', 10],
  ['411600', '周口市', 10],
  ['411700', '驻马店市', 10],
];

describe('HENAN_REGIONS data', () => {
  it('has unique 6-digit codes in province 41', () => {
    const codes = HENAN_REGIONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^41\d{4}$/);
  });

  it('has non-empty names that are unique within a parent', () => {
    const seen = new Set<string>();
    for (const r of HENAN_REGIONS) {
      expect(r.name.length).toBeGreaterThan(0);
      const key = `${r.parentCode}/${r.name}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('has exactly one province, 410000, without parent', () => {
    const provinces = HENAN_REGIONS.filter((r) => r.level === 'province');
    expect(provinces).toEqual([{ code: '410000', name: '河南省', level: 'province', parentCode: null }]);
  });

  it('has the 17 prefecture-level cities plus 济源, all under 410000', () => {
    const cities = HENAN_REGIONS.filter((r) => r.level === 'city');
    expect(cities).toHaveLength(18);
    expect(cities.map((c) => c.code)).toEqual([...CITY_COUNTY_COUNTS.map(([code]) => code), '419001']);
    for (const c of cities) expect(c.parentCode).toBe('410000');
  });

  it('has no 市辖区 placeholders and no development zones', () => {
    for (const r of HENAN_REGIONS) {
      expect(r.name).not.toBe('市辖区');
      // 419001 济源 is a real code; only the 17 cities' prefixes can have placeholders.
      expect(r.code).not.toMatch(/^41(0[1-9]|1[0-7])(01|7\d)$/);
    }
  });

  it('gives every county an existing city parent matching its code prefix', () => {
    const counties = HENAN_REGIONS.filter((r) => r.level === 'county');
    expect(counties).toHaveLength(156); // + 济源 = 157 county-level divisions
    for (const county of counties) {
      const parent = county.parentCode === null ? undefined : regionByCode(county.parentCode);
      expect(parent?.level, county.code).toBe('city');
      expect(county.parentCode).toBe(`${county.code.slice(0, 4)}00`);
    }
  });

  it.each(CITY_COUNTY_COUNTS)('%s %s has %i county-level divisions', (code, name, count) => {
    expect(regionByCode(code)?.name).toBe(name);
    expect(childRegions(code)).toHaveLength(count);
  });

  it('flags exactly the 10 directly administered counties and 济源', () => {
    const flagged = HENAN_REGIONS.filter((r) => r.directlyAdministered).map((r) => r.code);
    expect(flagged.sort()).toEqual([...DIRECT_COUNTIES, '419001'].sort());
    expect([...DIRECTLY_ADMINISTERED_COUNTY_CODES].sort()).toEqual([...DIRECT_COUNTIES].sort());
    for (const code of DIRECT_COUNTIES) {
      const r = regionByCode(code);
      expect(r?.level).toBe('county');
      expect(r?.parentCode).toBe(`${code.slice(0, 4)}00`);
    }
  });

  it.each([
    ['410105', '金水区', '410100'],
    ['410181', '巩义市', '410100'],
    ['410212', '祥符区', '410200'],
    ['410225', '兰考县', '410200'],
    ['410307', '偃师区', '410300'],
    ['410308', '孟津区', '410300'],
    ['410482', '汝州市', '410400'],
    ['410526', '滑县', '410500'],
    ['410581', '林州市', '410500'],
    ['410611', '淇滨区', '410600'],
    ['410783', '长垣市', '410700'],
    ['410883', '孟州市', '410800'],
    ['410928', '濮阳县', '410900'],
    ['411003', '建安区', '411000'],
    ['411104', '召陵区', '411100'],
    ['411203', '陕州区', '411200'],
    ['411381', '邓州市', '411300'],
    ['411481', '永城市', '411400'],
    ['411502', '浉河区', '411500'],
    ['411525', '固始县', '411500'],
    ['411603', '淮阳区', '411600'],
    ['411628', '鹿邑县', '411600'],
    ['411726', '泌阳县', '411700'],
    ['411729', '新蔡县', '411700'],
  ])('%s is %s under %s', (code, name, parent) => {
    expect(regionByCode(code)).toMatchObject({ code, name, level: 'county', parentCode: parent });
  });

  it.each([
    ['410306'], // 吉利区, merged into 孟津区 in 2021
    ['410322'], // 孟津县 → 孟津区 410308
    ['410381'], // 偃师市 → 偃师区 410307
    ['410224'], // 开封县 → 祥符区 410212
    ['410728'], // 长垣县 → 长垣市 410783
    ['411023'], // 许昌县 → 建安区 411003
    ['411222'], // 陕县 → 陕州区 411203
    ['411626'], // 淮阳县 → 淮阳区 411603
    ['410881'], // old 济源 code → 419001
    ['410101'], // 市辖区 placeholder
    ['410171'], // 郑州经济技术开发区
  ])('does not contain abolished or non-county code %s', (code) => {
    expect(regionByCode(code)).toBeUndefined();
  });
});

describe('childRegions', () => {
  it('lists the cities and 济源 under the province', () => {
    const children = childRegions('410000');
    expect(children).toHaveLength(18);
    expect(children.every((r) => r.level === 'city')).toBe(true);
    expect(children.map((r) => r.code)).toContain('419001');
  });

  it('includes directly administered counties under their city', () => {
    expect(childRegions('410100').map((r) => r.code)).toContain('410181');
  });

  it.each([['419001'], ['410105'], ['999999'], ['']])('is empty for %s', (code) => {
    expect(childRegions(code)).toEqual([]);
  });

  it('returns a fresh array', () => {
    childRegions('410100').pop();
    expect(childRegions('410100')).toHaveLength(12);
  });
});

describe('issuingRegion and bureauParentCode', () => {
  it.each<[string, string, string | null, string]>([
    // code, issuing region, bureau parent, what
    ['410000', '410000', null, '省直'],
    ['410100', '410100', '410000', 'city'],
    ['411700', '411700', '410000', 'city'],
    ['419001', '419001', '410000', '济源'],
    ['410105', '410100', '410100', 'ordinary district'],
    ['410122', '410100', '410100', 'ordinary county'],
    ['410182', '410100', '410100', 'ordinary county-level city'],
    ['410307', '410300', '410300', '偃师区'],
    ['411603', '411600', '411600', '淮阳区'],
    ['410181', '410181', '410000', '巩义 (省直管)'],
    ['410225', '410225', '410000', '兰考 (省直管)'],
    ['410482', '410482', '410000', '汝州 (省直管)'],
    ['410526', '410526', '410000', '滑县 (省直管)'],
    ['410783', '410783', '410000', '长垣 (省直管)'],
    ['411381', '411381', '410000', '邓州 (省直管)'],
    ['411481', '411481', '410000', '永城 (省直管)'],
    ['411525', '411525', '410000', '固始 (省直管)'],
    ['411628', '411628', '410000', '鹿邑 (省直管)'],
    ['411729', '411729', '410000', '新蔡 (省直管)'],
  ])('%s → issued by %s, bureau under %s (%s)', (code, issuer, parent) => {
    expect(issuingRegion(code).code).toBe(issuer);
    expect(bureauParentCode(code)).toBe(parent);
  });

  it('every bureau parent is an issuing region or the province', () => {
    for (const r of HENAN_REGIONS) {
      const parent = bureauParentCode(r.code);
      if (parent !== null) expect(regionByCode(parent)?.level).not.toBe('county');
      expect(issuingRegion(issuingRegion(r.code).code).code).toBe(issuingRegion(r.code).code);
    }
  });
});

describe('regionFullName and regionDisplayName', () => {
  it.each([
    ['410000', '河南省', '省直'],
    ['410100', '河南省郑州市', '郑州市'],
    ['410105', '河南省郑州市金水区', '郑州市金水区'],
    ['410181', '河南省郑州市巩义市', '巩义市'],
    ['419001', '河南省济源市', '济源市'],
    ['410307', '河南省洛阳市偃师区', '洛阳市偃师区'],
    ['411203', '河南省三门峡市陕州区', '三门峡市陕州区'],
    ['411729', '河南省驻马店市新蔡县', '新蔡县'],
    ['411702', '河南省驻马店市驿城区', '驻马店市驿城区'],
  ])('%s → %s / %s', (code, full, display) => {
    expect(regionFullName(code)).toBe(full);
    expect(regionDisplayName(code)).toBe(display);
  });

  it('never uses 省直 in full names', () => {
    for (const r of HENAN_REGIONS) {
      expect(regionFullName(r.code)).not.toContain('省直');
      expect(regionFullName(r.code).startsWith('河南省')).toBe(true);
    }
  });
});

describe('unknown codes', () => {
  it.each([['999999'], ['410101'], ['4101'], [''], ['110105']])('%s', (code) => {
    expect(regionByCode(code)).toBeUndefined();
    expect(childRegions(code)).toEqual([]);
    expect(() => issuingRegion(code)).toThrow('未知的行政区划代码');
    expect(() => bureauParentCode(code)).toThrow('未知的行政区划代码');
    expect(() => regionFullName(code)).toThrow('未知的行政区划代码');
    expect(() => regionDisplayName(code)).toThrow('未知的行政区划代码');
  });
});
