import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { onAuthEvent } from '../api/client';
import { ME_KEY } from '../api/session';
import type { Me } from '../api/types';
import { lastRole } from '../lib/roles';

const SIGNED_IN_AREAS = ['/admin', '/me'];

/**
 * Reacts to the server ending a session: a signed-in page whose call answers 401 goes back to the
 * login form with "登录已超时，请重新登录"; a reset password forces /change-password.
 */
export function SessionWatcher() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onAuthEvent((event) => {
        if (event === 'second-factor-required') {
          if (location.pathname !== '/login/second-factor') navigate('/login/second-factor', { replace: true });
          return;
        }
        if (event === 'password-change-required') {
          if (location.pathname !== '/change-password') navigate('/change-password', { replace: true });
          return;
        }
        const inArea = SIGNED_IN_AREAS.some(
          (a) => location.pathname === a || location.pathname.startsWith(`${a}/`),
        );
        const wasSignedIn = !!queryClient.getQueryData<Me>(ME_KEY);
        if (!inArea || !wasSignedIn) return;
        const role = queryClient.getQueryData<Me>(ME_KEY)?.role ?? lastRole() ?? 'unit';
        queryClient.clear();
        navigate(`/login?role=${role}&reason=expired`, { replace: true });
      }),
    [navigate, location.pathname, queryClient],
  );
  return null;
}
