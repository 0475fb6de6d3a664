import { describe, expect, it } from 'vitest';
import type { OrgKind } from '../domain';
import { isIssuingBureau, isProvinceBureau, mayFileAdmins } from './issuingBureau';

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
