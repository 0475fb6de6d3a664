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

// Certificates: e-seals, admin filings, QR verification (shared/src/api-certificates.ts).
import type {
  adminFiling,
  adminFilingList,
  sealApplicationList,
  verifyCertificateResponse,
} from '@ce/shared';
export type { AdminFilingRequest, SealApplication, SealStatus } from '@ce/shared';
export type AdminFiling = z.infer<typeof adminFiling>;
export type AdminFilingList = z.infer<typeof adminFilingList>;
export type SealApplicationList = z.infer<typeof sealApplicationList>;
export type VerifyCertificateAnswer = z.infer<typeof verifyCertificateResponse>;

// Professionals: registration, profile, change requests, transfers, people (shared/src/api-professionals.ts).
import type {
  adminChangeRequestItem,
  adminChangeRequestList,
  archiveResponse,
  changeRequestItem,
  changeRequestList,
  changeSubmitted,
  professionalBulkReviewResult,
  professionalDetail,
  professionalList,
  professionalListItem,
  professionalRegistrationItem,
  professionalRegistrationList,
  transferItem,
  transferList,
} from '@ce/shared';
export type { ProfessionalProfile, ProfessionalRegistrationRequest } from '@ce/shared';
export type ChangeRequestItem = z.infer<typeof changeRequestItem>;
export type ChangeRequestList = z.infer<typeof changeRequestList>;
export type AdminChangeRequestItem = z.infer<typeof adminChangeRequestItem>;
export type AdminChangeRequestList = z.infer<typeof adminChangeRequestList>;
export type ChangeSubmitted = z.infer<typeof changeSubmitted>;
export type TransferItem = z.infer<typeof transferItem>;
export type TransferList = z.infer<typeof transferList>;
export type ProfessionalRegistrationItem = z.infer<typeof professionalRegistrationItem>;
export type ProfessionalRegistrationList = z.infer<typeof professionalRegistrationList>;
export type ProfessionalBulkReviewResult = z.infer<typeof professionalBulkReviewResult>;
export type ProfessionalListItem = z.infer<typeof professionalListItem>;
export type ProfessionalList = z.infer<typeof professionalList>;
export type ProfessionalDetail = z.infer<typeof professionalDetail>;
export type ArchiveResponse = z.infer<typeof archiveResponse>;
