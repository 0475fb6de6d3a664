/**
 * Pure rules of 查询统计: how unit regions group under a region being viewed, pass rates, what a
 * person still misses, the breadcrumbs of a drill-down.
 */
import { HENAN_PROVINCE_CODE, regionByCode } from '@ce/shared';

/**
 * The row a unit's region falls in when the statistics of `viewCode` are broken down one level:
 * the province → its cities (济源 is a city here; 省直 units, region 410000, stay 410000);
 * a city → its counties (the city's own units stay under the city's code); a county → itself.
 * Directly administered counties belong to their city in the code hierarchy (GB/T 2260), as in the
 * bureaus' own region pages. Null when the unit region is not inside `viewCode`.
 */
export function regionGroup(unitCode: string, viewCode: string): string | null {
  const unit = regionByCode(unitCode);
  const view = regionByCode(viewCode);
  if (!unit || !view) return null;
  if (unit.code === view.code) return unit.code;
  let current = unit;
  while (current.parentCode !== null) {
    if (current.parentCode === view.code) return current.code;
    const parent = regionByCode(current.parentCode);
    if (!parent) return null;
    current = parent;
  }
  return null;
}

/** The region an organisation's statistics are broken down under: its own, 410000 for 省直. */
export const viewRegionOf = (org: { regionCode: string }) => org.regionCode || HENAN_PROVINCE_CODE;

/** 达标率: passed / registered, 0 when nobody is registered; four decimals. */
export function passRate(passed: number, registered: number): number {
  if (registered <= 0) return 0;
  return Math.round((passed / registered) * 10000) / 10000;
}

const tenths = (n: number) => Math.round(n * 10) / 10;

/** What a person still misses of a year's requirement (never negative), per subject. */
export function missingHours(
  hours: { publicHours: number; professionalHours: number },
  required: { publicHours: number; professionalHours: number },
): { missingPublic: number; missingProfessional: number } {
  return {
    missingPublic: tenths(Math.max(0, required.publicHours - hours.publicHours)),
    missingProfessional: tenths(Math.max(0, required.professionalHours - hours.professionalHours)),
  };
}

/**
 * The ids from the admin's own organisation down to `path` ("/1/18/203/"), inclusive: the
 * breadcrumbs of a drill-down never show what lies above the admin.
 */
export function breadcrumbIds(actorOrgId: number, path: string): number[] {
  const ids = path.split('/').filter(Boolean).map(Number);
  const from = ids.indexOf(actorOrgId);
  return from < 0 ? [] : ids.slice(from);
}

