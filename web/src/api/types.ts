// Response types, inferred from the shared Zod schemas so the web and the server cannot drift apart.
import type { z } from 'zod';
import type {
  adminCreated,
  adminSummary,
  auditList,
  orgList,
  progressResponse,
  publicOrg,
  publicOrgList,
  registrationSubmitted,
  workDepartmentList,
} from '@ce/shared';

export type {
  AdminAccount,
  AdminRoleDto,
  AuditEntry,
  Me,
  OrgDetail,
  OrgRegistrationRequest,
  OrgSummary,
  ProgressItem,
} from '@ce/shared';

export type PublicOrg = z.infer<typeof publicOrg>;
export type PublicOrgList = z.infer<typeof publicOrgList>;
export type RegistrationSubmitted = z.infer<typeof registrationSubmitted>;
export type AdminSummary = z.infer<typeof adminSummary>;
export type OrgList = z.infer<typeof orgList>;
export type WorkDepartmentList = z.infer<typeof workDepartmentList>;
export type AdminCreated = z.infer<typeof adminCreated>;
export type AuditList = z.infer<typeof auditList>;
export type ProgressResponse = z.infer<typeof progressResponse>;
export type OkMessage = { ok: true; message?: string };
export type LoginResult = { accountId: number; mustChangePassword: boolean };
