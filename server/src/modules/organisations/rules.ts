import type { OrgKind } from '@ce/shared';

/**
 * Which kinds of organisation a registering organisation may hang under (SPEC §1, R-5):
 * departments and bases under an HRSS bureau; units under a competent department, directly under an
 * HRSS bureau (无主管部门), or under a parent unit (上级单位 → 下属单位).
 */
export const ALLOWED_PARENT_KINDS: Record<Exclude<OrgKind, 'hrss'>, readonly OrgKind[]> = {
  department: ['hrss'],
  base: ['hrss'],
  unit: ['department', 'hrss', 'unit'],
};

export const canRegisterUnder = (kind: Exclude<OrgKind, 'hrss'>, parentKind: OrgKind) =>
  ALLOWED_PARENT_KINDS[kind].includes(parentKind);

/** The name of a region's HRSS bureau. */
export function bureauName(regionCode: string, displayName: string): string {
  return regionCode === '410000' ? '河南省人力资源和社会保障厅' : `${displayName}人力资源和社会保障局`;
}
