import type { z } from 'zod';
import type { orgChangeItem, orgChangeList, orgChangeSubmitted, orgMergeDone, orgMergePreview } from '@ce/shared';

// 机构变更 (shared/src/api-organisations.ts).
export type OrgChangeItem = z.infer<typeof orgChangeItem>;
export type OrgChangeList = z.infer<typeof orgChangeList>;
export type OrgChangeSubmitted = z.infer<typeof orgChangeSubmitted>;
export type OrgMergePreview = z.infer<typeof orgMergePreview>;
export type OrgMergeDone = z.infer<typeof orgMergeDone>;

export const orgChangesKey = (orgId: number) => ['admin', 'org-changes', orgId] as const;
export const orgChangeQueueKey = ['admin', 'org-change-queue'] as const;

export const DECISION_LABELS = { pending: '待审核', approved: '已同意', rejected: '不同意' } as const;
export const CHANGE_STATUS_COLORS = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' } as const;
