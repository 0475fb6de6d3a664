import type { EndpointResponse, organisationChangesApi } from '@ce/shared';

// 机构变更: answers as declared in shared/src/endpoints/organisationChanges.ts.
export type OrgChangeItem = EndpointResponse<typeof organisationChangesApi.history>['items'][number];
export type OrgMergeDone = EndpointResponse<typeof organisationChangesApi.merge>;

export const orgChangesKey = (orgId: number) => ['admin', 'org-changes', orgId] as const;
export const orgChangeQueueKey = ['admin', 'org-change-queue'] as const;

export const DECISION_LABELS = { pending: '待审核', approved: '已同意', rejected: '不同意' } as const;
export const CHANGE_STATUS_COLORS = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' } as const;
