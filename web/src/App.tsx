import { BrowserRouter, Route, Routes } from 'react-router';
import { AppProviders } from './AppProviders';
import { RequireAdmin, RequireSignIn } from './components/RequireAdmin';
import { SessionWatcher } from './components/SessionWatcher';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfessionalHomePage } from './pages/ProfessionalHomePage';
import { ProgressPage } from './pages/ProgressPage';
import { RegisterOrgPage } from './pages/RegisterOrgPage';
import { AdminLayout, AdminNotFound, AdminPageGuard } from './pages/admin/AdminLayout';
import { AdminsPage } from './pages/admin/AdminsPage';
import { AuditPage } from './pages/admin/AuditPage';
import { DashboardPage } from './pages/admin/DashboardPage';
import { OrganisationsPage } from './pages/admin/OrganisationsPage';
import { RegistrationsPage } from './pages/admin/RegistrationsPage';
import { RolesPage } from './pages/admin/RolesPage';
import { WorkDepartmentsPage } from './pages/admin/WorkDepartmentsPage';

/** Every route of the single-page app. */
export function AppRoutes() {
  return (
    <>
      <SessionWatcher />
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/register/:kind" element={<RegisterOrgPage />} />
        <Route path="/progress" element={<ProgressPage />} />
        <Route path="/change-password" element={<ChangePasswordPage />} />
        <Route
          path="/me"
          element={
            <RequireSignIn admin={false}>
              <ProfessionalHomePage />
            </RequireSignIn>
          }
        />
        <Route
          path="/admin"
          element={
            <RequireAdmin>
              <AdminLayout />
            </RequireAdmin>
          }
        >
          <Route index element={<DashboardPage />} />
          <Route path="registrations" element={<AdminPageGuard page="registrations"><RegistrationsPage /></AdminPageGuard>} />
          <Route path="organisations" element={<AdminPageGuard page="organisations"><OrganisationsPage /></AdminPageGuard>} />
          <Route path="admins" element={<AdminPageGuard page="admins"><AdminsPage /></AdminPageGuard>} />
          <Route path="roles" element={<AdminPageGuard page="roles"><RolesPage /></AdminPageGuard>} />
          <Route path="work-departments" element={<AdminPageGuard page="workDepartments"><WorkDepartmentsPage /></AdminPageGuard>} />
          <Route path="audit" element={<AdminPageGuard page="audit"><AuditPage /></AdminPageGuard>} />
          <Route path="*" element={<AdminNotFound />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}

export function App() {
  return (
    <AppProviders>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  );
}
