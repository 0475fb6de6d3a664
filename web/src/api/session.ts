import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi } from '@ce/shared';
import { call } from './client';
import type { Me } from './types';

export const ME_KEY = ['me'] as const;

/** The signed-in account (GET /api/auth/me); errors (401 …) are left to the caller. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => call(authApi.me),
    retry: false,
    staleTime: 60_000,
  });
}

/** Ends the session and returns to the login form of the same role. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    const role = queryClient.getQueryData<Me>(ME_KEY)?.role;
    try {
      await call(authApi.logout);
    } finally {
      queryClient.clear();
      navigate(role ? `/login?role=${role}` : '/login', { replace: true });
    }
  }, [queryClient, navigate]);
}
