import { HENAN_REGIONS, bureauParentCode, regionDisplayName } from '@ce/shared';
import type { Db } from '../../db';
import { insertOrg, orgsOfKind, type OrgRow } from './repo';
import { bureauName } from './rules';

/**
 * The HRSS bureaus of every Henan region exist from the start (loaded with the regions):
 * province → cities (and the directly administered counties and 济源) → counties/districts.
 * Idempotent: only missing bureaus are added, so new regions in the data appear on the next start.
 */
export async function ensureBureaus(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const existing = await orgsOfKind(tx, 'hrss');
    const byRegion = new Map<string, OrgRow>(existing.map((o) => [o.regionCode, o]));
    // Parents before children: the province, then cities and directly administered counties, then the rest.
    const ordered = [...HENAN_REGIONS].sort((a, b) => depthOf(a.code) - depthOf(b.code));
    let added = 0;
    for (const region of ordered) {
      if (byRegion.has(region.code)) continue;
      const parentCode = bureauParentCode(region.code);
      const parent = parentCode ? byRegion.get(parentCode) ?? null : null;
      const org = await insertOrg(
        tx,
        {
          kind: 'hrss',
          name: bureauName(region.code, regionDisplayName(region.code)),
          creditCode: null,
          regionCode: region.code,
          status: 'active',
          nature: '机关',
          level: region.level === 'province' ? '省级' : region.level === 'city' ? '市级' : '县级',
          industry: '公共管理、社会保障和社会组织',
        },
        parent,
      );
      byRegion.set(region.code, org);
      added++;
    }
    return added;
  });
}

function depthOf(code: string): number {
  let depth = 0;
  for (let c = bureauParentCode(code); c; c = bureauParentCode(c)) depth++;
  return depth;
}
