import { chinaDateOf, type TransferStatus, validateIdNumber } from '@ce/shared';

/**
 * 证件信息修改 at most once in 30 days (FAQ "专技人员如何修改姓名或身份证号？").
 * Counted from the approval of the last approved request (that is when the name or ID number
 * changed); a pending request blocks a new one until it is decided or withdrawn; rejected and
 * withdrawn requests do not count (nothing changed).
 */
export const IDENTITY_CHANGE_INTERVAL_DAYS = 30;
const DAY_MS = 86_400_000;

export interface IdentityChangeHistoryItem {
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  reviewedAt: Date | null;
}

/** Null when a new 证件信息修改 may be asked now; else why not, and from when (null: once the pending one is decided). */
export function identityChangeBlock(
  history: readonly IdentityChangeHistoryItem[],
  now: Date,
): { message: string; allowedFrom: Date | null } | null {
  if (history.some((h) => h.status === 'pending')) {
    return { message: '已有待审核的证件信息修改申请，请等待单位审核或先撤回', allowedFrom: null };
  }
  const lastApproval = Math.max(
    ...history.filter((h) => h.status === 'approved' && h.reviewedAt).map((h) => h.reviewedAt!.getTime()),
    -Infinity,
  );
  if (lastApproval === -Infinity) return null;
  const allowedFrom = new Date(lastApproval + IDENTITY_CHANGE_INTERVAL_DAYS * DAY_MS);
  if (now >= allowedFrom) return null;
  return { message: `证件信息30天内只允许修改一次，请于${chinaDateOf(allowedFrom)}后再申请`, allowedFrom };
}

export type IdentityChangeCheck =
  | { ok: true; after: { name: string; idNumber: string }; changed: ('name' | 'idNumber')[] }
  | { ok: false; message: string };

/**
 * The requested name / ID number against the current ones: something must change, and at
 * least one of the two must stay the same; a new ID number must be valid.
 */
export function checkIdentityChange(
  current: { name: string; idNumber: string },
  requested: { name?: string | null; idNumber?: string | null },
  today: string,
): IdentityChangeCheck {
  const name = requested.name?.trim() || current.name;
  const idNumber = requested.idNumber?.trim().toUpperCase() || current.idNumber;
  const changed: ('name' | 'idNumber')[] = [];
  if (name !== current.name) changed.push('name');
  if (idNumber !== current.idNumber) changed.push('idNumber');
  if (changed.length === 0) return { ok: false, message: '姓名和身份证号均未修改' };
  if (changed.length === 2) return { ok: false, message: '姓名、身份证号中必须有一项与修改前一致' };
  if (changed[0] === 'idNumber') {
    const check = validateIdNumber(idNumber, today);
    if (!check.ok) return { ok: false, message: check.message };
    return { ok: true, after: { name, idNumber: check.normalized }, changed };
  }
  if (name.length > 50) return { ok: false, message: '姓名不能超过50个字符' };
  return { ok: true, after: { name, idNumber }, changed };
}

// ------------------------------------------------------------------ transfers

/** The first state of a transfer: the person's request waits for the old unit; the old unit's own waits for the new one. */
export const initialTransferStatus = (initiatedBy: 'person' | 'unit'): TransferStatus =>
  initiatedBy === 'person' ? 'pending_out' : 'pending_in';

/** Which unit decides a transfer in this state: the old one ('from'), the new one ('to'), or nobody. */
export function transferDecider(status: TransferStatus): 'from' | 'to' | null {
  if (status === 'pending_out') return 'from';
  if (status === 'pending_in') return 'to';
  return null;
}

/** The state after the deciding unit's decision. */
export function nextTransferStatus(status: 'pending_out' | 'pending_in', approve: boolean): TransferStatus {
  if (!approve) return 'rejected';
  return status === 'pending_out' ? 'pending_in' : 'completed';
}

/** Fields whose value differs, for the audit trail of a profile edit. */
export function changedFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>): (keyof T & string)[] {
  return (Object.keys(patch) as (keyof T & string)[]).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
}
