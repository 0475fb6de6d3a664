import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Result, Spin } from 'antd';
import { ApiError } from '../api/client';
import { useMe } from '../api/session';
import type { Me } from '../api/types';
import { lastRole } from '../lib/roles';

const MeContext = createContext<Me | null>(null);

/** The signed-in account inside a guarded page. */
export function useSignedIn(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useSignedIn() outside <RequireSignIn>');
  return me;
}

/**
 * One guard for every signed-in page: no session → login (back here afterwards); a reset password
 * → /change-password; `admin` pages turn professionals away and vice versa.
 */
export function RequireSignIn({ children, admin }: { children: ReactNode; admin: boolean }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError) {
    const err = me.error;
    if (err instanceof ApiError && err.code === 'PASSWORD_CHANGE_REQUIRED')
      return <Navigate to="/change-password" replace />;
    if (err instanceof ApiError && err.code === 'MFA_REQUIRED') {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login/second-factor?next=${next}`} replace />;
    }
    if (err instanceof ApiError && err.status === 401) {
      const role = lastRole() ?? (admin ? 'unit' : 'professional');
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login?role=${role}&next=${next}`} replace />;
    }
    return <Result status="error" title="加载失败" subTitle={err.message} />;
  }
  const data = me.data;
  if (data.mustChangePassword) return <Navigate to="/change-password" replace />;
  if (admin && data.role === 'professional') return <Navigate to="/me" replace />;
  if (!admin && data.role !== 'professional') return <Navigate to="/admin" replace />;
  return <MeContext.Provider value={data}>{children}</MeContext.Provider>;
}

/** The admin console's guard. */
export const RequireAdmin = ({ children }: { children: ReactNode }) => (
  <RequireSignIn admin>{children}</RequireSignIn>
);
