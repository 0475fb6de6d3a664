import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { declarationReviewApi, myDeclarationsApi as mine, type DeclarationStatus } from '@ce/shared';
import { call, href } from '../../api/client';

export const MY_DECLARATIONS_KEY = ['my', 'declarations'] as const;
const PAGE = 20;

/** Open years, subjects, the 16 learning forms (evidence, caps) and the attachment limits. */
export const useDeclarationOptions = () =>
  useQuery({
    queryKey: ['my', 'declaration-options'],
    queryFn: () => call(mine.options),
    staleTime: 60_000,
  });

/** 申报进度查询: the person's declarations, newest first, filtered by status and year. */
export const useMyDeclarations = (filter: { status?: DeclarationStatus; year?: number }) =>
  useInfiniteQuery({
    queryKey: [...MY_DECLARATIONS_KEY, 'list', filter],
    queryFn: ({ pageParam }) =>
      call(mine.list, { query: { ...filter, after: pageParam, limit: PAGE } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });

export const myDeclarationKey = (id: number) => [...MY_DECLARATIONS_KEY, 'detail', id] as const;

/** 申报进度查询—详细. */
export const useMyDeclaration = (id: number) =>
  useQuery({
    queryKey: myDeclarationKey(id),
    queryFn: () => call(mine.detail, { params: { id } }),
    enabled: Number.isInteger(id) && id > 0,
  });

/** After any change: the list, the details and the options. */
export function useRefreshDeclarations() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: MY_DECLARATIONS_KEY });
}

export const myAttachmentUrl = (declarationId: number, attachmentId: number) =>
  href(mine.attachment, { params: { id: declarationId, attachmentId } });
export const adminAttachmentUrl = (declarationId: number, attachmentId: number) =>
  href(declarationReviewApi.attachment, { params: { id: declarationId, attachmentId } });
