/** The audit log's rows → the answers of shared/src/endpoints/system.ts (auditApi). */
import type { auditApi, EndpointResult } from '@ce/shared';
import { AUDIT_ACTION_LABELS } from '../../audit/audit';
import type { ChainCheck } from '../../audit/chain';
import { auditSummary } from '../../audit/present';
import type { auditPage } from './repo';

type AuditListRow = Awaited<ReturnType<typeof auditPage>>[number];
type AuditItem = EndpointResult<typeof auditApi.list>['items'][number];

/** Every action the log knows, with its Chinese name (the filter's options). */
export const auditActions = (): EndpointResult<typeof auditApi.actions> => ({
  items: Object.entries(AUDIT_ACTION_LABELS).map(([action, label]) => ({ action, label })),
});

/** The hash chain's check: how many rows were checked, and where it broke. */
export const chainAnswer = (r: ChainCheck): EndpointResult<typeof auditApi.chain> =>
  r.ok
    ? { ok: true, checked: r.checked, unchained: r.unchained, brokenId: null, reason: null }
    : { ok: false, checked: r.checked, unchained: 0, brokenId: r.brokenId, reason: r.reason };

/** One row read in Chinese: `objectLabel` names the person or organisation concerned (audit/present.ts). */
export const toAuditItem = ({ entry, orgName }: AuditListRow, objectLabel: string): AuditItem => ({
  objectLabel,
  summary: auditSummary(entry.action, entry.detail),
  id: entry.id,
  at: entry.at.toISOString(),
  actorName: entry.actorName,
  actorRole: entry.actorRole,
  actorOrgName: orgName,
  action: entry.action,
  actionLabel: AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
  objectType: entry.objectType,
  objectId: entry.objectId,
  result: entry.result,
  detail: entry.detail,
  ip: entry.ip,
});
