// Every endpoint declared once; see ../endpoint.ts and ARCHITECTURE.md "Endpoints".
// Adding a module: declare `<module>Api` in its own file here, export it, and list it in API_GROUPS.
import type { EndpointDef } from '../endpoint';
import { organisationsApi } from './organisations';
import { jobsApi } from './jobs';
import { declarationBatchesApi } from './declarationBatches';
import { trainingPlansApi } from './trainingPlans';
import { provinceTransfersApi } from './provinceTransfers';
import { noticesApi } from './notices';
import { consultationsApi } from './consultations';
import { certificatePrintsApi } from './certificatePrints';
import { peopleApi } from './people';
import { homeApi } from './home';
import { historicalHoursApi } from './historicalHours';
import { learningPlatformsApi, platformApi } from './platforms';
import { mfaApi } from './mfa';
import { baseClassesApi } from './baseClasses';
import { adminsApi, workDepartmentsApi } from './admins';
import { sharingApi } from './sharing';
import { statisticsApi } from './statistics';
import { declarationSettingsApi, samplingApi } from './declarationSettings';
import { organisationChangesApi } from './organisationChanges';
import {
  myProfessionalApi,
  professionalChangesApi,
  professionalRegistrationsApi,
  professionalsApi,
  unitTransfersApi,
} from './professionals';
import { declarationReviewApi, myDeclarationsApi } from './declarations';
import { authApi } from './auth';
import { adminFilingsApi, certificatesApi, sealsApi } from './certificates';
import { certificateQueryApi, completionApi, requirementRulesApi } from './certificateRecords';
import { credentialsApi } from './credentials';
import { auditApi, systemApi } from './system';

export * from './organisations';
export * from './jobs';
export * from './declarationBatches';
export * from './trainingPlans';
export * from './provinceTransfers';
export * from './notices';
export * from './consultations';
export * from './certificatePrints';
export * from './people';
export * from './home';
export * from './historicalHours';
export * from './platforms';
export * from './mfa';
export * from './baseClasses';
export * from './admins';
export * from './sharing';
export * from './statistics';
export * from './declarationSettings';
export * from './organisationChanges';
export * from './professionals';
export * from './declarations';
export * from './auth';
export * from './certificates';
export * from './certificateRecords';
export * from './credentials';
export * from './system';

/** Every declared group; the server test checks each endpoint is registered with its schemas. */
export const API_GROUPS: Record<string, Record<string, EndpointDef>> = {
  organisationsApi,
  jobsApi,
  declarationBatchesApi,
  trainingPlansApi,
  provinceTransfersApi,
  noticesApi,
  consultationsApi,
  certificatePrintsApi,
  peopleApi,
  homeApi,
  historicalHoursApi,
  learningPlatformsApi,
  platformApi,
  mfaApi,
  baseClassesApi,
  adminsApi,
  workDepartmentsApi,
  sharingApi,
  statisticsApi,
  declarationSettingsApi,
  samplingApi,
  organisationChangesApi,
  professionalRegistrationsApi,
  myProfessionalApi,
  professionalChangesApi,
  unitTransfersApi,
  professionalsApi,
  myDeclarationsApi,
  declarationReviewApi,
  authApi,
  certificatesApi,
  sealsApi,
  adminFilingsApi,
  completionApi,
  certificateQueryApi,
  requirementRulesApi,
  credentialsApi,
  auditApi,
  systemApi,
};
