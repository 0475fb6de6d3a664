import type { AccountRole, OrgKind, Permission } from '@ce/shared';

/** Who is acting: the signed-in account, resolved once per request from the session. */
export interface Actor {
  accountId: number;
  personId: number;
  role: AccountRole;
  name: string;
  org: { id: number; kind: OrgKind; path: string; parentId: number | null; regionCode: string; name: string };
  isSuperAdmin: boolean;
  permissions: ReadonlySet<Permission>;
  /** 工作部门 the admin is limited to; null = the whole organisation. */
  workDepartmentIds: readonly number[] | null;
}

/** The request context every use case receives. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  now: Date;
}
