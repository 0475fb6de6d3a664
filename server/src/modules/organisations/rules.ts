import { ALLOWED_PARENT_KINDS, regionDisplayName, type OrgKind } from '@ce/shared';

export { ALLOWED_PARENT_KINDS };

/** May an organisation of `kind` hang under one of `parentKind` (the table lives in shared/)? */
export const canRegisterUnder = (kind: Exclude<OrgKind, 'hrss'>, parentKind: OrgKind) =>
  ALLOWED_PARENT_KINDS[kind].includes(parentKind);

/** A region's display name, or null for a code that names no region. */
export function regionDisplayNameSafe(code: string): string | null {
  try {
    return regionDisplayName(code);
  } catch {
    return null;
  }
}

/** The name of a region's HRSS bureau. */
export function bureauName(regionCode: string, displayName: string): string {
  return regionCode === '410000' ? '河南省人力资源和社会保障厅' : `${displayName}人力资源和社会保障局`;
}

// ------------------------------------------------------------------ organisation changes

interface OrgFacts {
  id: number;
  kind: OrgKind;
  path: string;
  status: string;
  parentId: number | null;
}

/**
 * 更换上级部门: may `org` move under `newParent`? The same kinds as at registration, an active
 * parent, not the current one, and never into its own subtree. Returns the Chinese reason, or null.
 */
export function parentChangeProblem(org: OrgFacts, newParent: OrgFacts): string | null {
  if (org.kind === 'hrss') return '人社部门的上级由行政区划决定，不能更换';
  if (newParent.status !== 'active') return '所选上级单位不存在或尚未通过审核';
  if (newParent.id === org.parentId) return '所选单位已是本单位的上级，无需更换';
  if (newParent.path.startsWith(org.path)) return '不能选择本单位或本单位的下级单位作为上级';
  if (!canRegisterUnder(org.kind, newParent.kind)) return '所选上级单位的类型不能管理本类机构';
  return null;
}

/** 单位合并: may `from` be merged into `into`? Returns the Chinese reason, or null. */
export function mergeProblem(from: OrgFacts, into: OrgFacts): string | null {
  if (from.id === into.id) return '被合并单位与保留单位不能是同一个单位';
  if (from.kind === 'hrss' || into.kind === 'hrss') return '人社部门不能合并';
  if (from.status !== 'active' || into.status !== 'active') return '只能合并状态正常（审核通过）的单位';
  if (into.path.startsWith(from.path)) return '不能把单位合并到它自己的下级单位';
  return null;
}

export type SideDecision = 'pending' | 'approved' | 'rejected';

/**
 * Where a change stands after the decisions so far: rejected as soon as one side says no,
 * approved when every side that has a say (null: no say) has approved, else still pending.
 */
export function changeOutcome(sides: readonly (SideDecision | null)[]): 'pending' | 'approved' | 'rejected' {
  const relevant = sides.filter((s): s is SideDecision => s !== null);
  if (relevant.includes('rejected')) return 'rejected';
  return relevant.length > 0 && relevant.every((s) => s === 'approved') ? 'approved' : 'pending';
}

const FIELD_LABELS: Record<string, string> = { name: '单位名称', creditCode: '统一社会信用代码', parentName: '上级单位', orgName: '单位' };

/** Readable lines of a change ("单位名称：旧 → 新"), only for the values that differ. */
export function changeSummary(
  kind: 'parent' | 'info' | 'merge',
  before: Record<string, string | number | null>,
  after: Record<string, string | number | null>,
): string[] {
  if (kind === 'merge') return [`${before.orgName ?? ''} 并入 ${after.orgName ?? ''}（原单位归档）`];
  const keys = kind === 'parent' ? ['parentName'] : ['name', 'creditCode'];
  return keys
    .filter((k) => (before[k] ?? null) !== (after[k] ?? null))
    .map((k) => `${FIELD_LABELS[k]}：${before[k] ?? '（无）'} → ${after[k] ?? '（无）'}`);
}
