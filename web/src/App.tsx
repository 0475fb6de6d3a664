import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { SharePage } from './pages/sharing/SharePage';
import { SharingPage } from './pages/sharing/SharingPage';
import { Spin } from 'antd';
import { AppProviders } from './AppProviders';
import { RequireAdmin, RequireSignIn } from './components/RequireAdmin';
import { SessionWatcher } from './components/SessionWatcher';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { SecondFactorPage } from './pages/SecondFactorPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfessionalHomePage } from './pages/ProfessionalHomePage';
import { ProgressPage } from './pages/ProgressPage';
import { RegisterOrgPage } from './pages/RegisterOrgPage';
import { RegisterProfessionalPage } from './pages/RegisterProfessionalPage';
import { ProfilePage } from './pages/profile/ProfilePage';
import { VerifyPage } from './pages/VerifyPage';
import { CertificateQueryPage } from './pages/CertificateQueryPage';
import { CompletionPage } from './pages/completion/CompletionPage';
import { DeclarePage } from './pages/declarations/DeclarePage';
import { MyDeclarationDetailPage } from './pages/declarations/MyDeclarationDetailPage';
import { MyDeclarationsPage } from './pages/declarations/MyDeclarationsPage';
import { NoticesPage } from './pages/portal/NoticesPage';
import { NoticePage } from './pages/portal/NoticePage';
import { PoliciesPage, PolicyPage } from './pages/portal/PoliciesPage';
import { HelpArticlePage, HelpPage } from './pages/portal/HelpPage';
import { ConsultPage } from './pages/portal/ConsultPage';
import { MyConsultationPage, MyConsultationsPage } from './pages/consultations/MyConsultationsPage';
import { ProvinceTransferPage } from './pages/declarations/ProvinceTransferPage';

const AdminRoutes = lazy(() => import('./pages/admin/AdminRoutes'));

const loading = (
  <div className="page-center">
    <Spin size="large" />
  </div>
);

/** Every route of the single-page app. */
export function AppRoutes() {
  return (
    <>
      <SessionWatcher />
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/login/second-factor" element={<SecondFactorPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/register/:kind" element={<RegisterOrgPage />} />
        <Route path="/register/professional" element={<RegisterProfessionalPage />} />
        <Route path="/progress" element={<ProgressPage />} />
        <Route path="/verify" element={<VerifyPage />} />
        <Route path="/certificates" element={<CertificateQueryPage />} />
        <Route path="/change-password" element={<ChangePasswordPage />} />
        <Route path="/notices" element={<NoticesPage />} />
        <Route path="/notices/:id" element={<NoticePage />} />
        <Route path="/policies" element={<PoliciesPage />} />
        <Route path="/policies/:slug" element={<PolicyPage />} />
        <Route path="/help" element={<HelpPage />} />
        <Route path="/help/:slug" element={<HelpArticlePage />} />
        <Route path="/consult" element={<ConsultPage />} />
        <Route
          path="/me/consultations"
          element={
            <RequireSignIn admin={false}>
              <MyConsultationsPage />
            </RequireSignIn>
          }
        />
        <Route
          path="/me/consultations/:id"
          element={
            <RequireSignIn admin={false}>
              <MyConsultationPage />
            </RequireSignIn>
          }
        />
        <Route
          path="/me"
          element={
            <RequireSignIn admin={false}>
              <ProfessionalHomePage />
            </RequireSignIn>
          }
        />
        <Route
          path="/me/profile"
          element={
            <RequireSignIn admin={false}>
              <ProfilePage />
            </RequireSignIn>
          }
        />
        <Route path="/share/:token" element={<SharePage />} />
        <Route
          path="/me/sharing"
          element={
            <RequireSignIn admin={false}>
              <SharingPage />
            </RequireSignIn>
          }
        />
        <Route
          path="/me/completion"
          element={
            <RequireSignIn admin={false}>
              <CompletionPage />
            </RequireSignIn>
          }
        />
        <Route
          path="/me/declare"
          element={
            <RequireSignIn admin={false}>
              <DeclarePage />
            </RequireSignIn>
          }
        />
        <Route
          path="/me/declarations"
          element={
            <RequireSignIn admin={false}>
              <MyDeclarationsPage />
            </RequireSignIn>
          }
        />
        <Route
          path="/me/province-transfers"
          element={
            <RequireSignIn admin={false}>
              <ProvinceTransferPage />
            </RequireSignIn>
          }
        />
        <Route
          path="/me/declarations/:id"
          element={
            <RequireSignIn admin={false}>
              <MyDeclarationDetailPage />
            </RequireSignIn>
          }
        />
        <Route
          path="/me/declarations/:id/edit"
          element={
            <RequireSignIn admin={false}>
              <DeclarePage />
            </RequireSignIn>
          }
        />
        <Route
          path="/admin/*"
          element={
            <RequireAdmin>
              <Suspense fallback={loading}>
                <AdminRoutes />
              </Suspense>
            </RequireAdmin>
          }
        />
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
