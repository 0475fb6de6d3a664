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

// Certificates: e-seals, admin filings, QR verification — the answers of shared/src/endpoints/certificates.ts.
export type { SealApplication, SealStatus, VerifyCertificateResponse } from '@ce/shared';

// Professionals: the row types pages name (shared/src/api-professionals.ts); answers come typed from
// their endpoints (shared/src/endpoints/professionals.ts).
import type {
  adminChangeRequestItem,
  changeRequestItem,
  changeSubmitted,
  professionalDetail,
  professionalListItem,
  professionalRegistrationItem,
  transferItem,
} from '@ce/shared';
export type { ProfessionalProfile } from '@ce/shared';
export type ChangeRequestItem = z.infer<typeof changeRequestItem>;
export type AdminChangeRequestItem = z.infer<typeof adminChangeRequestItem>;
export type ChangeSubmitted = z.infer<typeof changeSubmitted>;
export type TransferItem = z.infer<typeof transferItem>;
export type ProfessionalRegistrationItem = z.infer<typeof professionalRegistrationItem>;
export type ProfessionalListItem = z.infer<typeof professionalListItem>;
export type ProfessionalDetail = z.infer<typeof professionalDetail>;

// Hour declarations: the professional's side, review, settings, sampling (shared/src/api-declarations.ts).
// (Re-written at 12:15 after the certificates web work cut this block by mistake: same names, same sources.)
import type {
  declarationCapList,
  declarationReviewApi,
  declarationWindowList,
  EndpointRequest,
  EndpointResponse,
  myDeclarationsApi,
  sampleDetail,
  sampleList,
  sampleSummary,
  sampleVerify,
  yearOpening,
  yearOpeningList,
} from '@ce/shared';
export type { AttachmentDto, DeclarationSummary } from '@ce/shared';
// The answers and requests of the declaration endpoints (shared/src/endpoints/declarations.ts).
export type DeclarationDetail = EndpointResponse<typeof myDeclarationsApi.detail>;
export type DeclarationInput = EndpointRequest<typeof myDeclarationsApi.create>['body'];
export type DeclarationOptions = EndpointResponse<typeof myDeclarationsApi.options>;
export type ReviewQueue = EndpointResponse<typeof declarationReviewApi.queue>;
export type ReviewQueueItem = ReviewQueue['items'][number];
export type BulkReviewResponse = EndpointResponse<typeof declarationReviewApi.bulkReview>;
export type DeclarationCapList = z.infer<typeof declarationCapList>;
export type DeclarationWindowList = z.infer<typeof declarationWindowList>;
export type YearOpening = z.infer<typeof yearOpening>;
export type YearOpeningList = z.infer<typeof yearOpeningList>;
export type SampleSummary = z.infer<typeof sampleSummary>;
export type SampleList = z.infer<typeof sampleList>;
export type SampleDetail = z.infer<typeof sampleDetail>;
export type SampleVerify = z.infer<typeof sampleVerify>;

// 年度完成情况, certificate queries and 学时转登: the answers of shared/src/endpoints/certificateRecords.ts.
import type { certificateQueryApi, completionApi, historicalHoursApi } from '@ce/shared';
export type { CompletionYear, HistoricalHoursRequest } from '@ce/shared';
export type CompletionDetail = EndpointResponse<typeof completionApi.year>;
export type CompletionRecord = CompletionDetail['records'][number];
export type CertificateYear = EndpointResponse<typeof certificateQueryApi.publicSearch>['years'][number];
export type PublicCertificateAnswer = EndpointResponse<typeof certificateQueryApi.publicSearch>;
export type AdminCertificateAnswer = EndpointResponse<typeof certificateQueryApi.adminSearch>;
export type HistoricalHoursItem = EndpointResponse<typeof historicalHoursApi.enter>;
