import { CHANGE_REQUEST_KIND_LABELS } from '@ce/shared';
import type { Queryable } from '../../db';
import { pendingChangeRequestKind } from './repo';

/**
 * "Does this person have anything under review?" (R-10: no transfer while a declaration or a change
 * request is pending; R-12: no archive either). Each capability registers its own check under a
 * name (wired in app.ts `wireModules()`); the first reason found is returned.
 *
 *   registerPendingWorkCheck('declarations', pendingDeclaration);
 */
export type PendingWorkCheck = (q: Queryable, personId: number) => Promise<string | null>;

const checks = new Map<string, PendingWorkCheck>();

/** Adds (or replaces) a named check; registering the same name twice keeps one. */
export function registerPendingWorkCheck(name: string, check: PendingWorkCheck): void {
  checks.set(name, check);
}

/** The Chinese reason the person has pending work, or null. Pass the transaction when inside one. */
export async function hasPendingWork(q: Queryable, personId: number): Promise<string | null> {
  for (const check of checks.values()) {
    const reason = await check(q, personId);
    if (reason) return reason;
  }
  return null;
}

/** A pending 证件信息修改 or other change request (wired in app.ts). */
export const pendingChangeRequest: PendingWorkCheck = async (q, personId) => {
  const kind = await pendingChangeRequestKind(q, personId);
  return kind ? `有待审核的${CHANGE_REQUEST_KIND_LABELS[kind]}申请，审核完成或撤回后才能办理` : null;
};
