/**
 * A review's 通过 / 不通过 pair (issue 8 item 17): two endpoints on the same item (`:id`), the
 * approval's body (version, and e.g. 审核意见 or the 工作部门 of a transfer in) and the refusal's
 * (version and reason) handed to the one service function that decides, as `{approve, ...body}`.
 * Both need an admin; the service loads the item and asks `requireAccess`.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { EndpointDef } from '@ce/shared';
import type { Actor, RequestMeta } from '../access/actor';
import { metaOf, requireAdmin, type Deps } from './context';
import { route } from './route';

/** An approve or reject endpoint: `:id` in the path, a JSON body, and the decided item (or status) as answer. */
type DecisionEndpoint<B, Res> = EndpointDef & {
  params: z.ZodType<{ id: number }>;
  body: z.ZodType<B>;
  response: z.ZodType<unknown, Res>;
};

/** What the deciding service receives: the approval's or the refusal's body, marked. */
export type Decision<A, R> = ({ approve: true } & A) | ({ approve: false } & R);

export function decisionRoutes<A, R, Res>(
  app: FastifyInstance,
  deps: Deps,
  endpoints: { approve: DecisionEndpoint<A, Res>; reject: DecisionEndpoint<R, Res> },
  decide: (meta: RequestMeta, admin: Actor, id: number, decision: Decision<A, R>) => Promise<Res>,
): void {
  route(app, endpoints.approve, async (req) =>
    decide(metaOf(req, deps), await requireAdmin(req, deps), req.params.id, { approve: true, ...req.body }),
  );
  route(app, endpoints.reject, async (req) =>
    decide(metaOf(req, deps), await requireAdmin(req, deps), req.params.id, { approve: false, ...req.body }),
  );
}
