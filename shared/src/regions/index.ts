// Pure helpers over the Henan administrative divisions (see henan.ts).

import { HENAN_PROVINCE_CODE, HENAN_REGIONS, type Region } from './henan';

export * from './henan';

const BY_CODE: ReadonlyMap<string, Region> = new Map(HENAN_REGIONS.map((r) => [r.code, r]));

const CHILDREN: ReadonlyMap<string, readonly Region[]> = (() => {
  const m = new Map<string, Region[]>();
  for (const r of HENAN_REGIONS) {
    if (r.parentCode === null) continue;
    const list = m.get(r.parentCode);
    if (list) list.push(r);
    else m.set(r.parentCode, [r]);
  }
  return m;
})();

function requireRegion(code: string): Region {
  const region = BY_CODE.get(code);
  if (!region) throw new Error(`未知的行政区划代码: ${code}`);
  return region;
}

/** The region with this 6-digit code, or undefined. */
export function regionByCode(code: string): Region | undefined {
  return BY_CODE.get(code);
}

/**
 * Direct children in the code hierarchy: for 410000 the 17 cities and 济源; for a city
 * its counties (incl. directly administered ones). Empty for counties, 济源 and unknown codes.
 */
export function childRegions(code: string): Region[] {
  return [...(CHILDREN.get(code) ?? [])];
}

/**
 * The region whose HRSS bureau issues certificates for a unit located in `code`:
 * a directly administered county or 济源 → itself; another county → its city;
 * a city → itself; 410000 (省直) → 410000. Throws on an unknown code.
 */
export function issuingRegion(code: string): Region {
  const region = requireRegion(code);
  if (region.level !== 'county' || region.directlyAdministered) return region;
  return requireRegion(region.parentCode ?? HENAN_PROVINCE_CODE);
}

/**
 * Where this region's HRSS bureau hangs in the bureau tree: 410000 → null; a city or
 * 济源 → '410000'; a directly administered county → '410000'; another county → its city.
 * Throws on an unknown code.
 */
export function bureauParentCode(code: string): string | null {
  const region = requireRegion(code);
  switch (region.level) {
    case 'province':
      return null;
    case 'city':
      return HENAN_PROVINCE_CODE;
    case 'county':
      return region.directlyAdministered ? HENAN_PROVINCE_CODE : region.parentCode;
  }
}

/** Code-hierarchy path from the province down to `code`, inclusive. */
function pathOf(code: string): Region[] {
  const path: Region[] = [];
  let current: Region | undefined = requireRegion(code);
  while (current) {
    path.unshift(current);
    current = current.parentCode === null ? undefined : requireRegion(current.parentCode);
  }
  return path;
}

/**
 * Full name along the code hierarchy, e.g. '河南省郑州市金水区', '河南省郑州市巩义市',
 * '河南省济源市', '河南省' for 410000. Throws on an unknown code.
 */
export function regionFullName(code: string): string {
  return pathOf(code)
    .map((r) => r.name)
    .join('');
}

/**
 * Short display name without the province, following the bureau tree:
 * '郑州市金水区' for an ordinary county, '巩义市' for a directly administered county,
 * '郑州市' / '济源市' for a city, '省直' for 410000. Throws on an unknown code.
 */
export function regionDisplayName(code: string): string {
  const region = requireRegion(code);
  if (region.level === 'province') return '省直';
  if (region.level === 'city' || region.directlyAdministered) return region.name;
  return requireRegion(region.parentCode ?? HENAN_PROVINCE_CODE).name + region.name;
}
