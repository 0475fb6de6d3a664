/** 机构变更's rows → the answers of shared/src/endpoints/organisationChanges.ts. */
import { ORG_CHANGE_KIND_LABELS, ORG_CHANGE_STATUS_LABELS, type OrgChangeItem } from '@ce/shared';
import type { OrgChangeRow } from './changes-repo';
import type { OrgRow } from './repo';
import { changeSummary } from './rules';

/**
 * One change. `names`: the organisations it names (the unit, both parents, a merge target, who refused);
 * `readerOrgId`: the organisation reading it, to say which side of a parent change waits for it (`mySide`).
 */
export function toOrgChangeItem(r: OrgChangeRow, org: OrgRow, names: Map<number, string>, readerOrgId: number | null): OrgChangeItem {
  const side = (id: number | null, decision: OrgChangeRow['oldParentDecision']) =>
    id == null ? null : { id, name: names.get(id) ?? '', decision: decision ?? null };
  let mySide: 'old' | 'new' | null = null;
  if (readerOrgId != null && r.status === 'pending') {
    if (r.oldParentId === readerOrgId && r.oldParentDecision === 'pending') mySide = 'old';
    else if (r.newParentId === readerOrgId && r.newParentDecision === 'pending') mySide = 'new';
  }
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: ORG_CHANGE_KIND_LABELS[r.kind],
    status: r.status,
    statusLabel: ORG_CHANGE_STATUS_LABELS[r.status],
    org: { id: org.id, name: names.get(org.id) ?? org.name, kind: org.kind },
    summary: changeSummary(r.kind, r.before, r.after),
    before: r.before,
    after: r.after,
    oldParent: side(r.oldParentId, r.oldParentDecision),
    newParent: side(r.newParentId, r.newParentDecision),
    mergedInto: r.mergedIntoOrgId ? { id: r.mergedIntoOrgId, name: names.get(r.mergedIntoOrgId) ?? '' } : null,
    hasLicence: r.licenceFileId != null,
    requestedByName: r.requestedByName,
    rejectReason: r.rejectReason,
    rejectedByName: r.rejectedByOrgId ? (names.get(r.rejectedByOrgId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    version: r.version,
    mySide,
  };
}

/** 撤销 of a change still under review. */
export const orgChangeWithdrawn = () => ({ ok: true as const, message: '变更申请已撤销' });
