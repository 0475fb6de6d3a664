/** 证书分享's rows → the answers of shared/src/endpoints/sharing.ts (the holder's links and view log). */
import { type ShareItem, VIEW_CHANNEL_LABELS } from '@ce/shared';
import type { ShareRow, ViewRow } from './repo';
import { SHARE_STATE_LABELS, shareState } from './rules';

/** A share link as its holder lists it: its state now, and how often it was opened. */
export function toShareItem(row: ShareRow, now: Date, views: number, lastViewedAt: Date | null): ShareItem {
  const state = shareState(row, now);
  return {
    id: row.id,
    recipient: row.recipient,
    years: [...row.years].sort((a, b) => a - b),
    showFullId: row.showFullId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    state,
    stateLabel: SHARE_STATE_LABELS[state],
    views,
    lastViewedAt: lastViewedAt?.toISOString() ?? null,
    version: row.version,
  };
}

const OUTCOME_LABELS: Record<string, string> = {
  valid: '验证结果：真实有效',
  revoked: '验证结果：已撤销',
  invalid: '验证结果：无效',
  shown: '已显示证书信息',
};

/** One opening of the holder's certificates (by link, QR or public query), the IP masked. */
export function toCertificateView(v: ViewRow) {
  return {
    id: v.id,
    at: v.at.toISOString(),
    channel: v.channel,
    channelLabel: VIEW_CHANNEL_LABELS[v.channel],
    years: v.years,
    outcome: v.outcome,
    outcomeLabel: OUTCOME_LABELS[v.outcome] ?? v.outcome,
    ipMasked: v.ipMasked,
    uaFamily: v.uaFamily,
    recipient: v.recipient,
  };
}
