import { describe, expect, it } from 'vitest';
import { breadcrumbIds, missingHours, passRate, regionGroup } from './rules';

describe('regionGroup', () => {
  it.each([
    // unit region, viewed region, row
    ['410105', '410000', '410100'], // 金水区 under the province → 郑州市
    ['410100', '410000', '410100'], // a Zhengzhou city-level unit → 郑州市
    ['410181', '410000', '410100'], // 巩义 (directly administered) → its city in the code hierarchy
    ['419001', '410000', '419001'], // 济源
    ['410000', '410000', '410000'], // 省直
    ['410105', '410100', '410105'], // 金水区 under 郑州 → itself
    ['410100', '410100', '410100'], // the city's own units stay under the city
    ['411602', '410100', null], // 周口川汇区 is not in 郑州
    ['410105', '410105', '410105'],
    ['999999', '410000', null],
  ])('%s viewed from %s → %s', (unit, view, expected) => {
    expect(regionGroup(unit, view)).toBe(expected);
  });
});

describe('passRate', () => {
  it.each([
    [0, 0, 0],
    [1, 3, 0.3333],
    [2, 2, 1],
    [5, 0, 0],
  ])('%i of %i → %d', (passed, registered, rate) => expect(passRate(passed, registered)).toBe(rate));
});

describe('missingHours', () => {
  it.each([
    [{ publicHours: 0, professionalHours: 0 }, { publicHours: 30, professionalHours: 60 }, 30, 60],
    [{ publicHours: 31, professionalHours: 59.5 }, { publicHours: 30, professionalHours: 60 }, 0, 0.5],
    [{ publicHours: 12.3, professionalHours: 70 }, { publicHours: 30, professionalHours: 60 }, 17.7, 0],
  ])('%o against %o', (hours, required, pub, prof) => {
    expect(missingHours(hours, required)).toEqual({ missingPublic: pub, missingProfessional: prof });
  });
});

describe('breadcrumbIds', () => {
  it.each([
    [18, '/1/18/203/', [18, 203]],
    [1, '/1/18/203/', [1, 18, 203]],
    [203, '/1/18/203/', [203]],
    [7, '/1/18/203/', []],
  ])('actor %i, path %s', (actor, path, ids) => expect(breadcrumbIds(actor, path)).toEqual(ids));
});

