/**
 * React Query over declared endpoints: one query-key scheme and one cursor-paginated list hook,
 * so pages name an endpoint and its query instead of writing paths, keys and page logic.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { EndpointDef, EndpointRequest, EndpointResponse } from '@ce/shared';
import { call } from './client';

/**
 * `/api/admin/organisations/:id` → `['admin', 'organisations', ':id', request]`, so invalidating
 * `['admin']` (everything of the console) or `['admin', 'organisations']` reaches it.
 */
export function queryKeyOf(d: EndpointDef, req?: unknown): unknown[] {
  const segments = d.path.split('/').filter(Boolean).slice(1);
  return req === undefined ? segments : [...segments, req];
}

/** Answers of one GET endpoint. */
export function useEndpoint<const D extends EndpointDef & { method: 'GET' }>(
  d: D,
  req: EndpointRequest<D>,
  opts: {
    enabled?: boolean;
    staleTime?: number;
    retry?: boolean;
    /** Poll (ms) while the answer says so, e.g. a job until it ends; false stops. */
    refetchInterval?: number | false | ((data: EndpointResponse<D> | undefined) => number | false);
  } = {},
) {
  const { refetchInterval, ...rest } = opts;
  return useQuery({
    queryKey: queryKeyOf(d, req),
    queryFn: () => callAny(d, req),
    ...rest,
    refetchInterval: typeof refetchInterval === 'function' ? (q) => refetchInterval(q.state.data) : refetchInterval,
  });
}

/** A list endpoint answers `{items, nextAfter}` for a query with `after` and `limit` (keyset pages). */
export type ListEndpoint = EndpointDef & { method: 'GET' };
export type RowOf<D extends ListEndpoint> = EndpointResponse<D> extends { items: readonly (infer R)[] } ? R : never;

/** The pages of a keyset-paginated list, newest query first; `fetchNextPage` loads the next `limit` rows. */
export function usePagedList<const D extends ListEndpoint>(
  d: D,
  req: EndpointRequest<D>,
  opts: { limit?: number; enabled?: boolean } = {},
) {
  const limit = opts.limit ?? 20;
  const base = req as { params?: unknown; query?: Record<string, unknown> };
  const list = useInfiniteQuery({
    queryKey: [...queryKeyOf(d, req), 'pages', limit],
    queryFn: ({ pageParam }) =>
      callAny(d, { ...base, query: { ...base.query, after: pageParam, limit } }) as Promise<{
        items: RowOf<D>[];
        nextAfter: number | null;
      }>,
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
    enabled: opts.enabled,
  });
  const rows: RowOf<D>[] = list.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...list, rows };
}

// The generic hooks above pass requests through unchanged; `call` re-checks nothing at runtime.
function callAny<D extends EndpointDef>(d: D, req: unknown): Promise<EndpointResponse<D>> {
  return (call as (d: EndpointDef, req: unknown) => Promise<EndpointResponse<D>>)(d, req);
}
