import { useQuery, useQueryClient } from '@tanstack/react-query';
import { myProfessionalApi } from '@ce/shared';
import { call } from '../../api/client';

export const MY_PROFILE_KEY = ['my', 'profile'] as const;
export const MY_CHANGES_KEY = ['my', 'change-requests'] as const;
export const MY_TRANSFERS_KEY = ['my', 'transfers'] as const;

/** The signed-in professional's profile (GET /api/me/profile), certificate number included. */
export const useMyProfile = () =>
  useQuery({ queryKey: MY_PROFILE_KEY, queryFn: () => call(myProfessionalApi.profile) });

/** 变更记录: every change request and its outcome. */
export const useMyChangeRequests = () =>
  useQuery({
    queryKey: MY_CHANGES_KEY,
    queryFn: () => call(myProfessionalApi.changeRequests),
  });

export const useMyTransfers = () =>
  useQuery({ queryKey: MY_TRANSFERS_KEY, queryFn: () => call(myProfessionalApi.transfers) });

/** After any request or withdrawal: profile (pending flags), change records and transfers. */
export function useRefreshMine() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['my'] });
}
