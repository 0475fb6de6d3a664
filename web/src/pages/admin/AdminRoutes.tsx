import { Route, Routes } from 'react-router';
import { AdminLayout, AdminNotFound, AdminPageGuard } from './AdminLayout';
import { AdminFilingsPage } from './AdminFilingsPage';
import { AdminsPage } from './AdminsPage';
import { AuditPage } from './AuditPage';
import { CertificateQueryAdminPage } from './CertificateQueryAdminPage';
import { DashboardPage } from './DashboardPage';
import { DeclarationOpeningsPage } from './DeclarationOpeningsPage';
import { DeclarationSettingsPage } from './DeclarationSettingsPage';
import { DeclarationsReviewPage } from './DeclarationsReviewPage';
import { HistoricalHoursPage } from './HistoricalHoursPage';
import { OrganisationsPage } from './OrganisationsPage';
import { ProfessionalChangesPage } from './ProfessionalChangesPage';
import { ProfessionalRegistrationsPage } from './ProfessionalRegistrationsPage';
import { ProfessionalsPage } from './ProfessionalsPage';
import { RegistrationsPage } from './RegistrationsPage';
import { RolesPage } from './RolesPage';
import { SamplingPage } from './SamplingPage';
import { SealApplicationsPage } from './SealApplicationsPage';
import { SealPage } from './SealPage';
import { TransfersPage } from './TransfersPage';
import { WorkDepartmentsPage } from './WorkDepartmentsPage';

/** The admin console under /admin (loaded on demand: the public pages do not need it). */
export default function AdminRoutes() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<DashboardPage />} />
        <Route
          path="registrations"
          element={
            <AdminPageGuard page="registrations">
              <RegistrationsPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="organisations"
          element={
            <AdminPageGuard page="organisations">
              <OrganisationsPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="admins"
          element={
            <AdminPageGuard page="admins">
              <AdminsPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="roles"
          element={
            <AdminPageGuard page="roles">
              <RolesPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="work-departments"
          element={
            <AdminPageGuard page="workDepartments">
              <WorkDepartmentsPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="audit"
          element={
            <AdminPageGuard page="audit">
              <AuditPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="seal"
          element={
            <AdminPageGuard page="seal">
              <SealPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="seal-applications"
          element={
            <AdminPageGuard page="sealApplications">
              <SealApplicationsPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="admin-filings"
          element={
            <AdminPageGuard page="adminFilings">
              <AdminFilingsPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="professional-registrations"
          element={
            <AdminPageGuard page="professionalRegistrations">
              <ProfessionalRegistrationsPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="professional-changes"
          element={
            <AdminPageGuard page="professionalChanges">
              <ProfessionalChangesPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="transfers"
          element={
            <AdminPageGuard page="transfers">
              <TransfersPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="professionals"
          element={
            <AdminPageGuard page="professionals">
              <ProfessionalsPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="certificates"
          element={
            <AdminPageGuard page="certificates">
              <CertificateQueryAdminPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="historical-hours"
          element={
            <AdminPageGuard page="historicalHours">
              <HistoricalHoursPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="declarations"
          element={
            <AdminPageGuard page="declarations">
              <DeclarationsReviewPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="sampling"
          element={
            <AdminPageGuard page="sampling">
              <SamplingPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="declaration-openings"
          element={
            <AdminPageGuard page="declarationOpenings">
              <DeclarationOpeningsPage />
            </AdminPageGuard>
          }
        />
        <Route
          path="declaration-settings"
          element={
            <AdminPageGuard page="declarationSettings">
              <DeclarationSettingsPage />
            </AdminPageGuard>
          }
        />
        <Route path="*" element={<AdminNotFound />} />
      </Route>
    </Routes>
  );
}
